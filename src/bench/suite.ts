/**
 * The benchmark plan for one backend, run in the current process (a backend is chosen once per
 * process, so `dala bench` starts one process per backend). Batch sizes are the same ones the PyTorch
 * reference uses, so per-image times compare like with like.
 */
import { memoryHighWater } from "../backend/memory-high-water";
import * as tf from "@tensorflow/tfjs";
import type { BackendInfo } from "../backend/index";
import { benchModel, foldedForwardRunner, forwardRunner, randomBatch, trainStepRunner } from "./model-workloads";
import { dtGradCamRunner, scoreCamRunner } from "./cam-workloads";
import { withFoldedFeatures } from "../models/fold-batch-norm";
import { pipelineRunner, writeSampleImages } from "./data-workload";
import { TimingOptions, timeRuns } from "./timing";
import { BenchRecord, SkippedWorkload, recordFrom } from "./workload";
import * as fs from "node:fs";
import { wasmMicroBatchLimit } from "../training/micro-batch";
import { PROPOSED_MODEL, modelEntry, type ModelName } from "../models/registry";
import { splitAtLayer } from "../models/split-at-layer";
import type { KitModel } from "../models/types";

export interface SuiteOptions {
  sizes: number[];
  models: ModelName[];
  quick: boolean;
}

/**
 * Images per timed run; forward and train shared with the PyTorch reference (src/bench/torch_resnet50.py).
 * `gpu`: a hardware WebGPU adapter, which trains at the paper's batch of 32 as `dala train` does there.
 */
export function batchSizes(size: number, quick: boolean, gpu = false): { forward: number; train: number; frozenTail: number } {
  if (quick) return { forward: 2, train: 2, frozenTail: 2 };
  // Elsewhere training runs at the micro-batch `dala train` uses on wasm (src/training/micro-batch.ts); the
  // frozen-trunk tail at the paper's batch of 32, which `dala train --frozen-trunk` does not split.
  return { forward: 8, train: gpu ? 32 : Math.min(8, wasmMicroBatchLimit(size)), frozenTail: 32 };
}

/**
 * A training step of the frozen-trunk tail (src/training/frozen-trunk) on trunk features of random
 * images: what each epoch of `dala train --frozen-trunk` costs per image once the features are stored.
 */
async function timeFrozenTrunkStep(
  model: KitModel,
  cut: string,
  size: number,
  batch: number,
  timing: TimingOptions,
  base: Pick<BenchRecord, "backend" | "threads">,
): Promise<BenchRecord> {
  const split = splitAtLayer(model.model, cut);
  const x = randomBatch(batch, size);
  const features = split.trunk.predict(x) as tf.Tensor4D;
  const step = trainStepRunner(split.tail, model.numClasses, features);
  try {
    const note = `tail after ${cut} on stored features (one-off extraction: 8 trunk forwards per training image)`;
    return recordFrom({ ...base, kind: "train-step-frozen-trunk", model: model.name, size, batch, note }, await timeRuns(step.run, timing));
  } finally {
    step.dispose();
    tf.dispose([x, features]);
    split.dispose();
  }
}

export function timingOptions(quick: boolean): TimingOptions {
  // Two warm-up runs: the first training steps also grow and first-touch the wasm heap (6.2 s, 5.8 s, then
  // 5.3-5.6 s for ResNet50 at batch 8), which is set-up, not steady-state speed.
  return quick ? { warmup: 1, minRuns: 1, minSeconds: 0, maxRuns: 1 } : { warmup: 2, minRuns: 3, minSeconds: 8, maxRuns: 10 };
}

/** DT Grad-CAM noisy copies (the kit's default) and Score-CAM channels kept in the bench. */
export const DT_SAMPLES = 8;
export function scoreCamChannels(quick: boolean): number {
  return quick ? 4 : 16;
}

/** Memory so far (src/backend/memory-high-water.ts), an upper bound for the workload just run. */
function memoryNote(): string | undefined {
  const mark = memoryHighWater();
  if (mark.wasmHeapBytes) return `wasm heap high-water so far ${Math.round(mark.wasmHeapBytes / 1e6)} MB (limit 4295)`;
  return mark.gpuBufferBytes ? `GPU buffers allocated so far ${Math.round(mark.gpuBufferBytes / 1e6)} MB` : undefined;
}

type Base = { backend: BackendInfo["name"]; threads: number };
type Add = (r: BenchRecord) => void;

/**
 * The pure-JS backend needs ~13 s per ResNet50 image forward at 224 px and ~10 min per training
 * image (stack-findings): one forward image at the smallest size shows the gap.
 */
async function cpuBackendSuite(opts: SuiteOptions, base: Base, add: Add): Promise<SkippedWorkload[]> {
  const size = Math.min(...opts.sizes);
  const model = benchModel(opts.models[0], size);
  const x = randomBatch(1, size);
  const t = await timeRuns(forwardRunner(model, x), { warmup: 0, minRuns: 1, minSeconds: 0, maxRuns: 1 });
  add(recordFrom({ ...base, kind: "forward", model: opts.models[0], size, batch: 1 }, t));
  tf.dispose(x);
  model.dispose();
  return [{ backend: base.backend, kind: "train-step", reason: "cpu backend: ~10 min per ResNet50 training image; not run" }];
}

/**
 * Forward (plain and batch-norm folded), a training step, and the frozen-trunk tail's step of one model;
 * `gpu` as for batchSizes.
 */
async function modelWorkloads(name: ModelName, size: number, opts: SuiteOptions, timing: TimingOptions, base: Base, add: Add, gpu: boolean): Promise<void> {
  const batches = batchSizes(size, opts.quick, gpu);
  const model = benchModel(name, size);
  try {
    const xf = randomBatch(batches.forward, size);
    add(recordFrom({ ...base, kind: "forward", model: name, size, batch: batches.forward }, await timeRuns(forwardRunner(model, xf), timing)));
    const folded = foldedForwardRunner(model, xf);
    try {
      add(recordFrom({ ...base, kind: "forward-folded-bn", model: name, size, batch: batches.forward }, await timeRuns(folded.run, timing)));
    } finally {
      folded.dispose();
      xf.dispose();
    }
    const xt = randomBatch(batches.train, size);
    const step = trainStepRunner(model.model, model.numClasses, xt);
    try {
      const timed = await timeRuns(step.run, timing);
      add(recordFrom({ ...base, kind: "train-step", model: name, size, batch: batches.train, note: memoryNote() }, timed));
    } finally {
      step.dispose();
      xt.dispose();
    }
    const cut = modelEntry(name).frozenTrunkCut?.(model.options);
    if (cut) add(await timeFrozenTrunkStep(model, cut, size, batches.frozenTail, timing, base));
  } finally {
    model.dispose();
  }
}

/** DT Grad-CAM and Score-CAM on one image, through batch-norm folded features as CAMs of a trained run are. */
async function camWorkloads(size: number, opts: SuiteOptions, timing: TimingOptions, base: Base, add: Add): Promise<void> {
  const camModel = opts.models.includes(PROPOSED_MODEL) ? PROPOSED_MODEL : opts.models[0];
  const model = withFoldedFeatures(benchModel(camModel, size));
  const x1 = randomBatch(1, size);
  try {
    add(
      recordFrom(
        { ...base, kind: "dt-gradcam", model: camModel, size, batch: 1, note: `N = ${DT_SAMPLES} noisy copies in one batch; batch-norm folded features` },
        await timeRuns(dtGradCamRunner(model, x1, DT_SAMPLES), timing),
      ),
    );
    const channels = scoreCamChannels(opts.quick);
    add(
      recordFrom(
        { ...base, kind: "score-cam", model: camModel, size, batch: 1, note: `top ${channels} channels by spatial std (one masked forward each); all channels cost proportionally more` },
        await timeRuns(scoreCamRunner(model, x1, channels, 8), timing),
      ),
    );
  } finally {
    x1.dispose();
    model.dispose();
  }
}

async function dataPipelineWorkload(opts: SuiteOptions, timing: TimingOptions, base: Base, add: Add): Promise<void> {
  const size = Math.max(...opts.sizes);
  const count = opts.quick ? 8 : 32;
  const { dir, files } = await writeSampleImages(count);
  try {
    const t = await timeRuns(pipelineRunner(files, size, 4), timing);
    add(recordFrom({ ...base, kind: "data-pipeline", size, batch: count, note: "700x460 PNG -> decode+resize (sharp, 4 in flight) -> rotate/flip -> batch tensor" }, t));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSuite(
  info: BackendInfo,
  opts: SuiteOptions,
  log: (line: string) => void,
): Promise<{ records: BenchRecord[]; skipped: SkippedWorkload[] }> {
  const records: BenchRecord[] = [];
  const base: Base = { backend: info.name, threads: info.threads };
  const gpu = info.adapter !== undefined && !info.adapter.software;
  const timing = timingOptions(opts.quick);
  const add: Add = (r) => {
    records.push(r);
    log(`${r.backend} ${r.kind} ${r.model ?? ""} ${r.size}px x${r.batch}: ${r.msPerImage.toFixed(1)} ms/img`);
  };
  if (info.name === "cpu") return { records, skipped: await cpuBackendSuite(opts, base, add) };
  for (const size of opts.sizes) {
    for (const name of opts.models) await modelWorkloads(name, size, opts, timing, base, add, gpu);
    await camWorkloads(size, opts, timing, base, add);
  }
  await dataPipelineWorkload(opts, timing, base, add);
  return { records, skipped: [] };
}
