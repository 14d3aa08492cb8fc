/**
 * How many images one forward/backward pass may hold: on the wasm backend, whose heap stops at 4 GiB,
 * and on WebGPU, from the adapter's limits and a measured pass (below).
 */
import * as os from "node:os";

/**
 * wasm: measured on ResNet50 and DALAResNet50 at 224 px with the kit's lean backward pass: a training step on
 * 8 images leaves a 2.1 GB heap high-water mark (`dala bench` reports it per workload); 16 reached
 * 3.6 GB of the 4.3 GB ceiling, too close for other models and the data pipeline. So 8 is the budget
 * at 224 px, and activations scale with the pixel count. Not measured for the other models:
 * a model with larger activations (VGG16) may need `--micro-batch` lower. Larger batches are reached
 * by gradient accumulation over micro-batches of this size.
 */
export const WASM_IMAGES_AT_224 = 8;

export function wasmMicroBatchLimit(imageSize: number): number {
  return Math.max(1, Math.floor(WASM_IMAGES_AT_224 * (224 / imageSize) ** 2));
}

/** The largest divisor of `batchSize` that is at most `limit` (micro-batches must divide the batch). */
export function fitMicroBatch(batchSize: number, limit: number): number {
  for (let m = Math.min(batchSize, Math.max(1, Math.floor(limit))); m > 1; m--) {
    if (batchSize % m === 0) return m;
  }
  return 1;
}

/** What a training pass needs on a WebGPU device, measured by `measureStepMemory` (step-memory.ts). */
export interface WebGpuStepMemory {
  /** Bytes the model already holds on the device for training: weights, and Adam's two moments. */
  heldBytes: number;
  /** Bytes a pass needs whatever its size (weight gradients, per-layer temporaries). */
  fixedBytes: number;
  bytesPerImage: number;
  /** Half the largest buffer of a two-image pass: the largest activation per image, or more where a weight gradient is larger. */
  largestBufferPerImage: number;
}

/** The adapter limits that bound one tensor (adapter.ts). */
export interface BufferLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
}

/**
 * How many images one pass may hold on a WebGPU device: every tensor must stay within the adapter's
 * binding and buffer limits, and, when the device's memory is known, the pass must fit in it. WebGPU
 * does not report a device's memory: `budgetBytes` is what `webgpuMemoryBudget` found.
 */
export function webgpuMicroBatchLimit(step: WebGpuStepMemory, limits: BufferLimits, budgetBytes?: number): number {
  const largest = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  let limit = Math.floor(largest / Math.max(1, step.largestBufferPerImage));
  if (budgetBytes !== undefined) {
    limit = Math.min(limit, Math.floor((budgetBytes - step.heldBytes - step.fixedBytes) / Math.max(1, step.bytesPerImage)));
  }
  return Math.max(1, limit);
}

/**
 * The memory a WebGPU device offers the kit: `DALA_WEBGPU_MEMORY_GIB` when set; for a software adapter,
 * which computes in system memory, half of that; for a GPU, unknown (WebGPU does not report it), so only
 * the adapter's buffer limits bound the micro-batch and a pass that does not fit fails with the memory
 * it asked for.
 */
export function webgpuMemoryBudget(software: boolean, env: NodeJS.ProcessEnv = process.env, systemBytes = os.totalmem()): number | undefined {
  const raw = env.DALA_WEBGPU_MEMORY_GIB;
  if (raw !== undefined && raw !== "") {
    const gib = Number(raw);
    if (!(gib > 0)) throw new Error(`DALA_WEBGPU_MEMORY_GIB must be a positive number of GiB, got '${raw}'`);
    return gib * 2 ** 30;
  }
  return software ? systemBytes / 2 : undefined;
}

/**
 * The micro-batch `dala train` uses when none is given: the largest divisor of the batch within the
 * backend's `limit` (wasm's heap rule, webgpu's measured one), if the batch exceeds it; with no limit
 * (native backends) none, i.e. the whole batch in one pass as the paper.
 */
export function defaultMicroBatch(batchSize: number, limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  const micro = fitMicroBatch(batchSize, limit);
  return micro < batchSize ? micro : undefined;
}
