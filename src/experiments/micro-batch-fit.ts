/**
 * The micro-batch a request runs with when it names none: what one pass may hold on the active backend
 * (wasm's heap rule, or a measured pass against the WebGPU adapter's limits; src/training/micro-batch.ts),
 * and none on native backends. `dala train` and the notebooks' `runRequests` both call it, so the paper
 * profile's batch of 32 runs as micro-batches on a CPU either way, with the same key.
 */
import type { BackendInfo } from "../backend/index";
import { defaultMicroBatch, wasmMicroBatchLimit, webgpuMemoryBudget, webgpuMicroBatchLimit } from "../training/micro-batch";
import { measureStepMemory } from "../training/step-memory";
import { buildExperimentModel } from "./kit-model";
import { findFinishedRun } from "./run-dir";
import { buildSpec, type ExperimentSpec, type TrainRequest } from "./spec";

const bytes = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GiB` : `${(n / 2 ** 20).toFixed(1)} MiB`);

/** The most images one pass of this experiment's model may hold on the backend, and why; none on native backends. */
async function microBatchLimit(backend: BackendInfo, spec: ExperimentSpec): Promise<{ images: number; why: string } | undefined> {
  if (backend.name === "wasm") return { images: wasmMicroBatchLimit(spec.data.imageSize), why: "wasm heap (4 GiB)" };
  if (backend.name !== "webgpu" || !backend.adapter) return undefined;
  const budget = webgpuMemoryBudget(backend.adapter.software);
  // Memory hardly depends on the class count or the start weights; the real model is built later.
  const probe = buildExperimentModel({ ...spec, init: "random" }, 2);
  try {
    const step = await measureStepMemory(probe.model, spec.data.imageSize, 2);
    const images = webgpuMicroBatchLimit(step, backend.adapter, budget);
    const memory = budget === undefined ? "memory not reported by WebGPU" : bytes(budget);
    return { images, why: `webgpu (${memory}, ${bytes(step.bytesPerImage)} per image measured, at most ${images} per pass)` };
  } finally {
    probe.dispose();
  }
}

/**
 * `request` with the micro-batch the backend needs, and a sentence saying so; unchanged when it names a
 * micro-batch, trains a frozen trunk (whose tail trains on small feature maps), or the batch fits one pass.
 */
export async function fitRequestToBackend(request: TrainRequest, backend: BackendInfo): Promise<{ request: TrainRequest; note?: string }> {
  if (request.microBatchSize !== undefined || request.frozenTrunk) return { request };
  const planned = buildSpec(request);
  const { batchSize } = planned.training;
  const limit = await microBatchLimit(backend, planned);
  const micro = defaultMicroBatch(batchSize, limit?.images);
  if (!limit || micro === undefined) return { request };
  return {
    request: { ...request, microBatchSize: micro },
    note:
      `${limit.why}: batch ${batchSize} at ${planned.data.imageSize} px runs as ${batchSize / micro} micro-batches of ${micro} ` +
      `(gradient accumulation; batch-norm statistics per micro-batch). --micro-batch N chooses another size.`,
  };
}

/**
 * The experiment a request runs as: its finished run when there is one (trained on any backend, with any
 * micro-batch), else the request fitted to this backend. A sentence says when a micro-batch was chosen.
 */
export async function specToRun(resultsRoot: string, request: TrainRequest, backend: BackendInfo): Promise<{ spec: ExperimentSpec; note?: string }> {
  const finished = findFinishedRun(resultsRoot, request);
  if (finished) return { spec: finished.spec };
  const fitted = await fitRequestToBackend(request, backend);
  return { spec: buildSpec(fitted.request), note: fitted.note };
}
