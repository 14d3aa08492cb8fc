/**
 * A training pass's GPU memory on webgpu, measured rather than assumed: after a warm-up pass, one pass of the model on one
 * image and one on two (random inputs, gradients discarded, batch-norm statistics put back), through
 * src/backend/webgpu/step-watch.ts. The difference is what each image adds; the rest is fixed. And the
 * error a pass that did not fit becomes, with the batch and the memory it asked for.
 */
import * as tf from "@tensorflow/tfjs";
import { BindingSizeError } from "../backend/webgpu/binding-guard";
import { watchGpuStep, type GpuStepReport } from "../backend/webgpu/step-watch";
import { GradientAccumulator, trainableVariables, type MicroBatchResult, type PendingMicroBatch } from "./gradient-accumulator";
import type { WebGpuStepMemory } from "./micro-batch";

const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(2);

export class StepDoesNotFitError extends Error {
  constructor(images: number, imageSize: number, cause: string, asked?: GpuStepReport) {
    const need = asked ? ` It asked for ${gib(asked.peakBytes)} GiB of GPU buffers (the largest ${(asked.largestBuffer / 2 ** 20).toFixed(1)} MiB).` : "";
    super(
      `webgpu: a training pass on a micro-batch of ${images} image(s) at ${imageSize} px does not fit on this device.${need} ` +
        `The device said: ${cause.split("\n")[0]} Pass --micro-batch with fewer images, or set DALA_WEBGPU_MEMORY_GIB to the GPU's memory so that dala train sizes micro-batches itself.`,
    );
    this.name = "StepDoesNotFitError";
  }
}

/**
 * One forward/backward pass of training. On webgpu it runs watched: a pass whose tensors or memory do
 * not fit the device stops with the micro-batch and what it asked for, instead of training on what the
 * GPU dropped. Elsewhere there is nothing to watch.
 */
export async function trainingPass(pass: () => PendingMicroBatch, [images, imageSize]: readonly number[]): Promise<MicroBatchResult> {
  if (tf.getBackend() !== "webgpu") return pass().read();
  let watched: ReturnType<typeof watchGpuStep<PendingMicroBatch>>;
  try {
    watched = watchGpuStep(pass);
  } catch (e) {
    if (e instanceof BindingSizeError) throw new StepDoesNotFitError(images, imageSize, e.message);
    throw e;
  }
  const report = await watched.report;
  if (report.error) {
    watched.result.dispose();
    throw new StepDoesNotFitError(images, imageSize, report.error, report);
  }
  return watched.result.read();
}

/** One training-mode forward and backward pass under watch; the model's weights are left as they were. */
async function watchedPass(model: tf.LayersModel, images: number, imageSize: number, numClasses: number): Promise<GpuStepReport> {
  const x = tf.randomUniform([images, imageSize, imageSize, 3], -1, 1, "float32", 1) as tf.Tensor4D;
  const labels = Int32Array.from({ length: images }, (_, i) => i % numClasses);
  // Training mode moves the batch-norm running averages: keep copies to put back.
  const statistics = model.nonTrainableWeights.map((w) => ({ w, value: tf.clone(w.read()) }));
  const accumulator = new GradientAccumulator(model, trainableVariables(model));
  try {
    const { result, report } = watchGpuStep(() => accumulator.add(x, labels));
    accumulator.take().forEach((g) => g?.dispose());
    // tfjs frees a disposed tensor's buffer only when it next submits its command queue, which a read
    // does: the next pass then starts from what the model itself holds.
    await result.read();
    const r = await report;
    if (r.error) throw new StepDoesNotFitError(images, imageSize, r.error, r);
    return r;
  } finally {
    for (const { w, value } of statistics) {
      w.write(value);
      value.dispose();
    }
    x.dispose();
  }
}

export async function measureStepMemory(model: tf.LayersModel, imageSize: number, numClasses: number): Promise<WebGpuStepMemory> {
  const weightBytes = model.trainableWeights.reduce((sum, w) => sum + 4 * w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
  // tfjs uploads the weights at their first use: the first pass would count them as the pass's memory.
  await watchedPass(model, 1, imageSize, numClasses);
  const one = await watchedPass(model, 1, imageSize, numClasses);
  const two = await watchedPass(model, 2, imageSize, numClasses);
  const bytesPerImage = Math.max(1, two.peakBytes - one.peakBytes);
  return {
    heldBytes: (tf.memory() as { numBytesInGPU?: number }).numBytesInGPU! + 2 * weightBytes,
    fixedBytes: Math.max(0, one.peakBytes - bytesPerImage),
    bytesPerImage,
    largestBufferPerImage: Math.ceil(two.largestBuffer / 2),
  };
}
