/**
 * How many images one forward/backward pass may hold on the wasm backend, whose heap stops at 4 GiB.
 *
 * Measured on ResNet50 and DALAResNet50 at 224 px with the kit's lean backward pass: a training step on
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

/**
 * The micro-batch `dala train` uses when none is given: on wasm, the largest that fits the heap, if the
 * batch does not; elsewhere (native backends, GPU) none, i.e. the whole batch in one pass as the paper.
 */
export function defaultMicroBatch(backend: string, batchSize: number, imageSize: number): number | undefined {
  if (backend !== "wasm") return undefined;
  const micro = fitMicroBatch(batchSize, wasmMicroBatchLimit(imageSize));
  return micro < batchSize ? micro : undefined;
}
