/**
 * tfjs's WebGPU kernels that training and the CAMs lean on, against the `cpu` backend (the reference
 * implementation) in the same process, and the kit's guard for tensors too large to bind. On CI they
 * run on Mesa's llvmpipe; where no adapter is found the file skips with the reason.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { WEBGPU_SKIP } from "./webgpu-available";
import { initBackend } from "../../src/backend/index";
import { BindingSizeError } from "../../src/backend/webgpu/binding-guard";
import { createRng } from "../../src/random";

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
}

/** Runs `f` on `backend` and reads its outputs, leaving webgpu active. */
async function on(backend: "cpu" | "webgpu", f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  try {
    const outs = tf.tidy(f);
    const values = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(outs);
    return values;
  } finally {
    await tf.setBackend("webgpu");
  }
}

/** The largest |webgpu - cpu| over all outputs, relative to the largest |cpu| value of each. */
async function worstRelative(f: () => tf.Tensor[]): Promise<number> {
  const [gpu, cpu] = [await on("webgpu", f), await on("cpu", f)];
  let worst = 0;
  gpu.forEach((g, i) => {
    const scale = Math.max(1e-12, ...Array.from(cpu[i], Math.abs));
    for (let k = 0; k < g.length; k++) worst = Math.max(worst, Math.abs(g[k] - cpu[i][k]) / scale);
  });
  return worst;
}

describe("webgpu kernels", { skip: WEBGPU_SKIP }, () => {
  before(async () => {
    await initBackend({ backend: "webgpu", quiet: true });
  });

  const cases: [string, () => tf.Tensor[]][] = [
    ["matMul 256x256", () => [tf.matMul(randomTensor([256, 256], 1), randomTensor([256, 256], 2))]],
    [
      "conv2d stride 2 'same' with its input and filter gradients",
      () => {
        const x = randomTensor([2, 16, 16, 8], 3) as tf.Tensor4D;
        const w = randomTensor([3, 3, 8, 12], 4) as tf.Tensor4D;
        const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, "same"))))([x, w]);
        return [value, ...grads];
      },
    ],
    [
      "max-pool 3x3/2 and relu with their gradient",
      () => {
        const x = randomTensor([2, 15, 15, 4], 5);
        return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(tf.relu(a) as tf.Tensor4D, 3, 2, "valid"), randomTensor([2, 7, 7, 4], 6))))(x)];
      },
    ],
    [
      "training-mode batch norm (moments, normalise, scale) with the gradients of input, gamma and beta",
      () => {
        const x = randomTensor([4, 6, 6, 16], 7);
        const gamma = randomTensor([16], 8);
        const beta = randomTensor([16], 9);
        const target = randomTensor([4, 6, 6, 16], 10);
        const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
          const { mean, variance } = tf.moments(a, [0, 1, 2]);
          const y = tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
          return tf.sum(tf.mul(y, target));
        };
        return tf.grads(f)([x, gamma, beta]);
      },
    ],
    ["softmax cross-entropy over a one-hot product", () => [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.logSoftmax(a), tf.oneHot([0, 2, 1], 3))))(randomTensor([3, 3], 11))]],
  ];
  for (const [name, f] of cases) {
    test(`webgpu matches cpu: ${name}`, async (t) => {
      const worst = await worstRelative(f);
      t.diagnostic(`max |webgpu - cpu| / max |cpu| = ${worst.toExponential(2)}`);
      assert.ok(worst <= 1e-5, `${name}: ${worst}`);
    });
  }

  test("a tensor larger than the adapter binds is an error naming its shape, not tfjs's silent zeros", () => {
    const limit = (tf.backend() as unknown as { device: { limits: { maxStorageBufferBindingSize: number } } }).device.limits.maxStorageBufferBindingSize;
    const elements = limit / 4 + 1;
    assert.throws(() => tf.fill([elements], 1), (e: unknown) => e instanceof BindingSizeError && e.message.includes(`[${elements}]`));
  });
});
