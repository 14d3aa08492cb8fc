/**
 * Micro-batch sizing on webgpu: a measured pass gives per-image and fixed memory and leaves the model as
 * it was, and a training pass that does not fit the device is an error naming the micro-batch and the
 * memory it needed. Skips where no WebGPU adapter is found.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { WEBGPU_SKIP } from "../backend/webgpu-available";
import { initBackend } from "../../src/backend/index";
import { watchGpuStep } from "../../src/backend/webgpu/step-watch";
import { GradientAccumulator, trainableVariables } from "../../src/training/gradient-accumulator";
import { webgpuMicroBatchLimit } from "../../src/training/micro-batch";
import { measureStepMemory, StepDoesNotFitError, trainingPass } from "../../src/training/step-memory";

/** conv 3x3 'same' to `filters` channels with batch norm, global pooling, two classes. */
function convNet(size: number, filters: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [size, size, 3], filters, kernelSize: 3, padding: "same", useBias: false }),
      tf.layers.batchNormalization(),
      tf.layers.reLU(),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 2 }),
    ],
  });
}

describe("webgpu step memory", { skip: WEBGPU_SKIP }, () => {
  before(async () => {
    await initBackend({ backend: "webgpu", quiet: true });
  });

  test("a measured pass: memory per image and fixed, largest activation, batch-norm statistics put back; it predicts a larger pass", async (t) => {
    const model = convNet(32, 16);
    try {
      const before = await Promise.all(model.nonTrainableWeights.map((w) => w.read().data()));
      const step = await measureStepMemory(model, 32, 2);
      // One [1, 32, 32, 16] float activation is 64 KiB; a pass keeps several per image.
      assert.ok(step.largestBufferPerImage >= 64 * 1024, `largest buffer per image ${step.largestBufferPerImage}`);
      assert.ok(step.bytesPerImage >= step.largestBufferPerImage, `per image ${step.bytesPerImage}`);
      assert.ok(step.heldBytes > 0 && step.fixedBytes >= 0);
      const after = await Promise.all(model.nonTrainableWeights.map((w) => w.read().data()));
      assert.deepEqual(after, before);
      const x = tf.randomUniform([6, 32, 32, 3]) as tf.Tensor4D;
      const accumulator = new GradientAccumulator(model, trainableVariables(model));
      const { result, report } = watchGpuStep(() => accumulator.add(x, Int32Array.of(0, 1, 0, 1, 0, 1)));
      accumulator.take().forEach((g) => g?.dispose());
      await result.read();
      x.dispose();
      const predicted = step.fixedBytes + 6 * step.bytesPerImage;
      const { peakBytes } = await report;
      t.diagnostic(`6 images: ${peakBytes} bytes at peak, ${predicted} predicted from the passes on 1 and 2`);
      assert.ok(Math.abs(peakBytes - predicted) <= 0.25 * peakBytes, `${peakBytes} vs ${predicted}`);
      const limit = webgpuMicroBatchLimit(step, { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 2 ** 32 }, step.heldBytes + step.fixedBytes + 10 * step.bytesPerImage);
      assert.equal(limit, 10);
    } finally {
      model.dispose();
    }
  });

  test("a pass with an activation larger than the adapter binds: the micro-batch, the size and the tensor in the error", async () => {
    const limit = (tf.backend() as unknown as { device: { limits: { maxStorageBufferBindingSize: number } } }).device.limits.maxStorageBufferBindingSize;
    // The input stays within the limit; the 64-channel activation after the first conv does not.
    const size = Math.ceil(Math.sqrt(limit / (4 * 64))) + 1;
    const model = convNet(size, 64);
    const x = tf.zeros([1, size, size, 3]) as tf.Tensor4D;
    const accumulator = new GradientAccumulator(model, trainableVariables(model));
    try {
      await assert.rejects(
        trainingPass(() => accumulator.add(x, Int32Array.of(0)), x.shape),
        (e: unknown) =>
          e instanceof StepDoesNotFitError &&
          e.message.includes(`micro-batch of 1 image(s) at ${size} px`) &&
          e.message.includes(`[1,${size},${size},64]`) &&
          /takes [\d.]+ MiB/.test(e.message),
      );
    } finally {
      x.dispose();
      model.dispose();
    }
  });
});
