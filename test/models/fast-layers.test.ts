/**
 * The kit's BatchNorm, Conv2d and Add layers change how tfjs computes, not what: outputs, gradients and
 * running statistics must equal those of tfjs's own BatchNormalization, Conv2D and Add layers.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { createRng } from "../../src/random";
import { batchNormalization } from "../../src/models/layers/batch-norm";
import { conv2d } from "../../src/models/layers/conv2d";
import { add, addSameShape } from "../../src/models/layers/add";
import { channelSums } from "../../src/models/ops/batch-norm-training";

before(async () => {
  await initBackend({ backend: "wasm", quiet: true });
});

/** Runs `f` with tfjs's `backend` selected (the process's backend is wasm; cpu is always registered). */
async function on<R>(backend: "cpu" | "wasm", f: () => R | Promise<R>): Promise<R> {
  const previous = tf.getBackend();
  tf.setBackend(backend);
  try {
    return await f();
  } finally {
    tf.setBackend(previous);
  }
}

function random(shape: number[], seed: number, offset = 0): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => offset + rng.normal()), shape);
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** Output, gradients of a random read-out, and running statistics after one training-mode call. */
function trainingPass(layer: tf.layers.Layer, x: tf.Tensor, readout: tf.Tensor) {
  layer.build(x.shape);
  // Non-trivial gamma / beta / running statistics, identical for both layers.
  layer.setWeights(layer.getWeights().map((w, i) => random(w.shape, 10 + i, i === 3 ? 2 : 0.5).abs()));
  const xv = tf.variable(x, true, `${layer.name}_input`);
  const variables = [xv, ...layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val)];
  let y!: tf.Tensor;
  const { grads } = tf.variableGrads(() => {
    y = tf.keep(layer.apply(xv, { training: true }) as tf.Tensor);
    return tf.sum(tf.mul(y, readout)) as tf.Scalar;
  }, variables);
  const result = { y, grads: variables.map((v) => grads[v.name]), stats: layer.getWeights().slice(2) };
  xv.dispose();
  return result;
}

for (const backend of ["cpu", "wasm"] as const) {
  test(`BatchNorm equals tfjs BatchNormalization in training mode on ${backend}: output, dx, dgamma, dbeta, running stats`, async () => {
    await on(backend, () => {
      for (const shape of [
        [3, 5, 4, 6],
        [4, 7],
      ]) {
        // An offset mean (3) so that the centring matters.
        const x = random(shape, 1, 3);
        const readout = random(shape, 2);
        const args = { epsilon: 1e-5, momentum: 0.9 };
        const stock = trainingPass(tf.layers.batchNormalization({ ...args, name: `stock_${backend}_${shape.length}` }), x, readout);
        const fast = trainingPass(batchNormalization({ ...args, name: `fast_${backend}_${shape.length}` }), x, readout);
        assert.ok(maxAbsDiff(fast.y, stock.y) < 1e-5, `output differs by ${maxAbsDiff(fast.y, stock.y)}`);
        ["dx", "dgamma", "dbeta"].forEach((what, i) => {
          const d = maxAbsDiff(fast.grads[i], stock.grads[i]);
          assert.ok(d < 2e-4, `${what} (shape ${shape}) differs by ${d}`);
        });
        ["moving mean", "moving variance"].forEach((what, i) => {
          assert.ok(maxAbsDiff(fast.stats[i], stock.stats[i]) < 1e-5, `${what} differs`);
        });
      }
    });
  });
}

test("BatchNorm in inference mode equals tfjs's to float rounding; class name and weights are BatchNormalization's", () => {
  const layer = batchNormalization({ name: "bn_inference", epsilon: 1e-5 });
  const x = random([2, 3, 3, 4], 3, 2);
  layer.apply(x);
  layer.setWeights(layer.getWeights().map((w, i) => random(w.shape, 20 + i, 1).abs()));
  assert.equal(layer.getClassName(), "BatchNormalization");
  assert.deepEqual(
    layer.weights.map((w) => w.name.split("/").pop()),
    ["gamma", "beta", "moving_mean", "moving_variance"],
  );
  const stock = tf.layers.batchNormalization({ name: "bn_inference_stock", epsilon: 1e-5 });
  stock.apply(x);
  stock.setWeights(layer.getWeights());
  const d = maxAbsDiff(layer.apply(x) as tf.Tensor, stock.apply(x) as tf.Tensor);
  assert.ok(d < 1e-5, `inference output differs by ${d}`);
});

test("channelSums: per-channel sums of NHWC (average-pool route) and of 2-D inputs, hand-checked", async () => {
  for (const backend of ["cpu", "wasm"] as const) {
    await on(backend, () => {
      // x[n, h, w, c] = c * 100 + n * 10 + h * 3 + w over a [2, 2, 3, 2] tensor.
      const values: number[] = [];
      for (let n = 0; n < 2; n++) for (let h = 0; h < 2; h++) for (let w = 0; w < 3; w++) for (let c = 0; c < 2; c++) values.push(c * 100 + n * 10 + h * 3 + w);
      const sums = channelSums(tf.tensor4d(values, [2, 2, 3, 2])).dataSync();
      // per channel: 12 elements, sum of n*10 = 60, of h*3 = 18, of w = 12, plus 12 * c * 100
      assert.deepEqual(Array.from(sums), [90, 1290], backend);
      assert.deepEqual(Array.from(channelSums(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2])).dataSync()), [9, 12], backend);
    });
  }
});

test("Conv2d: same output and filter gradient as tfjs Conv2D, and no input gradient when nothing needs it", async () => {
  const x = random([2, 6, 6, 3], 4) as tf.Tensor4D;
  const args = { filters: 4, kernelSize: 3, strides: 2, padding: "valid" as const, useBias: false };
  const stock = tf.layers.conv2d({ ...args, name: "conv_stock" });
  const plain = conv2d({ ...args, name: "conv_plain" });
  stock.apply(x);
  plain.apply(x);
  plain.setWeights(stock.getWeights());
  assert.equal(plain.getClassName(), "Conv2D");
  assert.equal(maxAbsDiff(plain.apply(x) as tf.Tensor, stock.apply(x) as tf.Tensor), 0);

  const filterGradient = async (layer: tf.layers.Layer) => {
    const kernel = (layer.trainableWeights[0] as unknown as { val: tf.Variable }).val;
    let grad!: tf.Tensor;
    const profile = await tf.profile(() => {
      const { grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, [kernel]);
      grad = tf.keep(grads[kernel.name]);
      return grad;
    });
    return { grad, inputGradients: profile.kernels.filter((k) => k.name === "Conv2DBackpropInput").length };
  };
  const s = await filterGradient(stock);
  const p = await filterGradient(plain);
  assert.ok(maxAbsDiff(p.grad, s.grad) < 1e-5);
  assert.equal(s.inputGradients, 1, "tfjs's fused convolution computes the unused input gradient");
  assert.equal(p.inputGradients, 0);
});

test("Add: same sum and gradients as tfjs's Add layer; broadcasting inputs fall back to tfjs's own", async () => {
  await on("wasm", () => {
    const a = random([2, 3, 3, 4], 5);
    const b = random([2, 3, 3, 4], 6);
    const readout = random([2, 3, 3, 4], 7);
    const grads = (layer: tf.layers.Layer) =>
      tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.relu(layer.apply([x, y]) as tf.Tensor), readout)))([a, b]);
    const [sa, sb] = grads(tf.layers.add({}));
    const [fa, fb] = grads(add({}));
    assert.equal(maxAbsDiff(fa, sa), 0);
    assert.equal(maxAbsDiff(fb, sb), 0);
    assert.equal(maxAbsDiff(addSameShape(a, b), tf.add(a, b)), 0);
    const bias = random([2, 1, 1, 4], 8);
    assert.equal(maxAbsDiff(add({}).apply([a, bias]) as tf.Tensor, tf.add(a, bias)), 0);
  });
});
