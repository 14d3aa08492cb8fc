/**
 * Runs one experiment into its results directory, or reuses it if it already finished there. Where the
 * model and the data come from is passed in (`ExperimentDeps`), so the same runner serves the CLI (model
 * registry + data sets) and the tests (tiny models + in-memory data).
 */
import { memoryHighWater, type MemoryHighWater } from "../backend/memory-high-water";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as tf from "@tensorflow/tfjs";
import type { BatchSource } from "../data/batch-source";
import { provenance } from "../provenance";
import { loadCheckpoint, restoreWeights } from "../training/checkpoint";
import type { Convergence } from "../training/convergence";
import { predict, savePredictions, type Predictions } from "../training/predict";
import type { ProgressOptions } from "../training/progress";
import { train } from "../training/trainer";
import { prepareFrozenTrunk, type FrozenTrunk } from "../training/frozen-trunk/frozen-trunk";
import { cacheDir } from "../paths";
import { writeFileAtomic } from "../io/atomic-write";
import { heldMessage, withLock } from "../io/pid-lock";
import { RESULT_FILES, isDone, readJson, runDirectory, writeJsonAtomic } from "./run-dir";
import { experimentKey, experimentLabel, type ExperimentSpec } from "./spec";
import type { TestMetrics } from "./test-metrics";

export interface ExperimentData {
  train: BatchSource;
  val: BatchSource;
  test: BatchSource;
  /** Recorded in config.json: where the data came from, split sizes, leakage, ... */
  description: Record<string, unknown>;
}

export interface ExperimentModel {
  model: tf.LayersModel;
  /** Recorded in config.json: the options the registry resolved, weights loaded, ... */
  description: Record<string, unknown>;
  /** The layer the frozen-trunk mode cuts after, for models that offer it. */
  frozenTrunkCut?: string;
  dispose(): void;
}

export interface ExperimentDeps<M extends object = TestMetrics> {
  data(spec: ExperimentSpec): Promise<ExperimentData>;
  model(spec: ExperimentSpec, numClasses: number): Promise<ExperimentModel>;
  /** All test metrics, from the saved predictions. */
  testMetrics(p: Predictions): M;
  /** Extra per-epoch validation metrics (loss and accuracy are always logged). */
  validationMetrics?(p: Predictions): Record<string, number>;
}

export interface ExperimentMetrics<M extends object = TestMetrics> {
  key: string;
  label: string;
  /** Which weights were tested: the best-on-validation epoch. */
  evaluatedEpoch: number;
  testLoss: number;
  test: M;
  convergence: Convergence;
  epochSeconds: number[];
  trainingSeconds: number;
  epochs: number;
  parameters: number;
  /** Memory high-water marks when the run ended (absent in runs written before they were recorded); see MEMORY_SCOPE. */
  memory?: MemoryHighWater & { scope: string };
  provenance: ReturnType<typeof provenance>;
}

export interface RunOptions<M extends object = TestMetrics> {
  resultsRoot: string;
  /** Continue an unfinished run from its last checkpoint (otherwise it restarts from scratch). */
  resume?: boolean;
  deps: ExperimentDeps<M>;
  progress?: ProgressOptions | false;
  /** Status messages (default: stderr). */
  log?: (message: string) => void;
  /** Where frozen-trunk features are stored (default: the kit's cache directory). */
  featureCacheDir?: string;
}

export interface RunOutcome<M extends object = TestMetrics> {
  key: string;
  dir: string;
  /** True when the run had already finished and nothing was computed. */
  reused: boolean;
  metrics: ExperimentMetrics<M>;
}

function countParameters(model: tf.LayersModel, trainableOnly = false): number {
  const weights = trainableOnly ? model.trainableWeights : model.weights;
  return weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

/**
 * Runs or reuses the experiment. Two processes given the same experiment (two `dala train`s, a plan run
 * in parallel) never both train it: the run directory's lock makes the second wait, and when the holder
 * finishes, the second reuses its results; a holder that died leaves a lock the next one takes over.
 */
export async function runExperiment<M extends object = TestMetrics>(spec: ExperimentSpec, opts: RunOptions<M>): Promise<RunOutcome<M>> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const key = experimentKey(spec);
  const dir = runDirectory(opts.resultsRoot, key);
  const label = experimentLabel(spec);
  const reuse = (): RunOutcome<M> => {
    log(`[dala] ${label}: finished earlier, reusing ${dir}`);
    return { key, dir, reused: true, metrics: readJson<ExperimentMetrics<M>>(path.join(dir, RESULT_FILES.metrics)) };
  };
  if (isDone(opts.resultsRoot, key)) return reuse();
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, RESULT_FILES.lock);
  return withLock(lockFile, async () => (isDone(opts.resultsRoot, key) ? reuse() : trainAndTest(spec, opts, { key, dir, label, log })), {
    onWait: (h) => log(`[dala] ${label}: ${heldMessage(dir, lockFile, h)}`),
    onTakeOver: (h) => log(`[dala] ${label}: PID ${h.pid}, which held ${dir}, is gone; taking the run over`),
  });
}

async function trainAndTest<M extends object>(
  spec: ExperimentSpec,
  opts: RunOptions<M>,
  { key, dir, label, log }: { key: string; dir: string; label: string; log: (message: string) => void },
): Promise<RunOutcome<M>> {
  const file = (name: string) => path.join(dir, name);
  const data = await opts.deps.data(spec);
  const numClasses = data.train.numClasses;
  for (const [name, s] of Object.entries({ val: data.val, test: data.test })) {
    if (s.numClasses !== numClasses) throw new Error(`${label}: ${name} data has ${s.numClasses} classes, training data ${numClasses}`);
  }
  const built = await opts.deps.model(spec, numClasses);
  let frozen: FrozenTrunk | undefined;
  try {
    const parameters = countParameters(built.model);
    const modelDescription: Record<string, unknown> = { ...built.description, parameters };
    if (spec.frozenTrunk) {
      if (!built.frozenTrunkCut) throw new Error(`${label}: model '${spec.model}' has no frozen-trunk cut`);
      frozen = await prepareFrozenTrunk(built.model, { train: data.train, val: data.val, test: data.test }, {
        cutLayer: built.frozenTrunkCut,
        cacheDir: opts.featureCacheDir ?? cacheDir(),
        batchSize: spec.training.evalBatchSize,
        augment: spec.training.augment,
        log,
        onProgress: throttledProgress(log),
      });
      modelDescription.trainableParameters = countParameters(frozen.split.tail, true);
      modelDescription.frozenTrunk = frozen.description;
    }
    const trained = frozen ? frozen.split.tail : built.model;
    const parts = frozen ?? data;
    const prov = provenance({ config: spec, seed: spec.seed, profile: spec.profile, dataset: spec.data.dataset });
    writeJsonAtomic(file(RESULT_FILES.config), { key, label, spec, model: modelDescription, data: data.description, provenance: prov });
    log(`[dala] ${label}: training in ${dir}`);
    const result = await train({
      model: trained,
      checkpointModel: built.model,
      train: parts.train,
      val: parts.val,
      config: spec.training,
      runDir: dir,
      resume: opts.resume,
      validationMetrics: opts.deps.validationMetrics,
      progress: opts.progress === false ? false : { label: `${spec.model} ${spec.data.dataset}${spec.data.magnification ? " " + spec.data.magnification : ""}`, ...opts.progress },
      checkpointMetadata: { experimentKey: key },
      log: (message) => log(`[dala] ${label}: ${message}`),
    });
    const best = loadCheckpoint(result.files.best);
    restoreWeights(built.model, best, result.files.best);
    const evaluatedEpoch = Number(best.metadata.epoch);
    const test = await predict(trained, parts.test, spec.training.evalBatchSize);
    savePredictions(file(RESULT_FILES.testPredictions), test, { experimentKey: key, evaluatedEpoch: String(evaluatedEpoch) });
    const metrics: ExperimentMetrics<M> = {
      key,
      label,
      evaluatedEpoch,
      testLoss: test.loss,
      test: opts.deps.testMetrics(test),
      convergence: result.convergence,
      epochSeconds: result.history.map((h) => h.epochSeconds),
      trainingSeconds: result.history.reduce((s, h) => s + h.epochSeconds, 0),
      epochs: result.history.length,
      parameters,
      memory: { ...memoryHighWater(), scope: MEMORY_SCOPE },
      provenance: prov,
    };
    writeJsonAtomic(file(RESULT_FILES.metrics), metrics);
    writeFileAtomic(file(RESULT_FILES.done), `${new Date().toISOString()}\n`);
    log(`[dala] ${label}: done (best epoch ${evaluatedEpoch}, convergence ${result.convergence.seconds.toFixed(1)} s)`);
    return { key, dir, reused: false, metrics };
  } finally {
    frozen?.split.dispose();
    built.dispose();
  }
}

/** What a run's memory figures cover: the process, not the run alone, when one process trained several. */
export const MEMORY_SCOPE =
  "high-water marks of the process that trained and tested the run, at its end: the run's own peak when it had a process of its own (dala train, a dala plan line), an upper bound when a notebook trained several runs in one process";

/** A progress callback that logs at most every 10 s, and always the last item of a part. */
function throttledProgress(log: (message: string) => void): (part: string, filled: number, items: number) => void {
  let last = -Infinity;
  return (part, filled, items) => {
    const now = performance.now();
    if (filled < items && now - last < 10_000) return;
    last = now;
    log(`[dala] frozen trunk: ${part} features ${filled}/${items} images`);
  };
}
