import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { Adam, PYTORCH_ADAM_DEFAULTS } from "../../src/training/adam";
import { GradientAccumulator, trainableVariables } from "../../src/training/gradient-accumulator";
import { MemorySource, maxAbsDiff, tinyModel, weightsOf } from "./fakes";

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

async function firstBatch(source: MemorySource, size: number) {
  for await (const b of source.batches({ batchSize: size })) return b;
  throw new Error("empty source");
}

/** One Adam step on `x` split into micro-batches of `micro`; returns the mean gradients and the new weights. */
function stepWith(model: tf.LayersModel, x: tf.Tensor4D, labels: Int32Array, micro: number, lr: number) {
  const vars = trainableVariables(model);
  const acc = new GradientAccumulator(model, vars);
  for (let s = 0; s < labels.length; s += micro) {
    const xs = x.slice([s, 0, 0, 0], [Math.min(micro, labels.length - s), -1, -1, -1]);
    acc.add(xs, labels.slice(s, s + micro)).dispose();
    xs.dispose();
  }
  const grads = acc.take();
  const gradData = grads.map((g) => g!.dataSync() as Float32Array);
  const adam = new Adam({ learningRate: lr, ...PYTORCH_ADAM_DEFAULTS }, vars);
  adam.apply(grads);
  grads.forEach((g) => g?.dispose());
  adam.dispose();
  return { grads: gradData, weights: weightsOf(model) };
}

test("accumulating 4 micro-batches of 2 equals one batch of 8 (no batch norm)", async () => {
  const source = new MemorySource(8, 3);
  const batch = await firstBatch(source, 8);
  const initial = weightsOf(tinyModel({ classes: 3 }));
  const big = stepWith(tinyModel({ classes: 3 }), batch.x, batch.labels, 8, 1e-2);
  const small = stepWith(tinyModel({ classes: 3 }), batch.x, batch.labels, 2, 1e-2);
  const gradScale = Math.max(...big.grads.map((g) => Math.max(...g.map(Math.abs))));
  assert.ok(gradScale > 1e-3, `gradients are not trivially zero (max |g| = ${gradScale})`);
  assert.ok(maxAbsDiff(big.grads, small.grads) <= 1e-6 * gradScale, `gradients differ by ${maxAbsDiff(big.grads, small.grads)}`);
  assert.ok(maxAbsDiff(big.weights, small.weights) <= 1e-6, `weights differ by ${maxAbsDiff(big.weights, small.weights)}`);
  // The step really moved the weights, so the agreement above is not vacuous.
  assert.ok(maxAbsDiff(big.weights, initial) > 1e-3);
  batch.x.dispose();
});

test("with batch norm, micro-batches normalise with their own statistics: not equivalent (documented caveat)", async () => {
  const source = new MemorySource(8, 3);
  const batch = await firstBatch(source, 8);
  const big = stepWith(tinyModel({ classes: 3, batchNorm: true }), batch.x, batch.labels, 8, 1e-2);
  const small = stepWith(tinyModel({ classes: 3, batchNorm: true }), batch.x, batch.labels, 2, 1e-2);
  assert.ok(maxAbsDiff(big.grads, small.grads) > 1e-4, "batch-norm gradients should differ under accumulation");
  batch.x.dispose();
});

test("the accumulator averages over the examples it saw and resets", async () => {
  const model = tinyModel({ classes: 2 });
  const acc = new GradientAccumulator(model, trainableVariables(model));
  assert.throws(() => acc.take(), /no micro-batch/);
  const x = tf.zeros([3, 8, 8, 3]) as tf.Tensor4D;
  const r = await acc.add(x, Int32Array.from([0, 1, 0])).read();
  assert.equal(r.losses.length, 3);
  assert.equal(acc.examples, 3);
  acc.take().forEach((g) => g?.dispose());
  assert.equal(acc.examples, 0);
  x.dispose();
});

test("a variable that does not reach the loss gets no gradient and Adam leaves it alone (PyTorch's grad None)", () => {
  const model = tinyModel({ classes: 2 });
  const unused = tf.variable(tf.ones([3]), true, "unused_token");
  const vars = [...trainableVariables(model), unused];
  const acc = new GradientAccumulator(model, vars);
  const x = tf.randomNormal([4, 8, 8, 3], 0, 1, "float32", 3) as tf.Tensor4D;
  acc.add(x, Int32Array.from([0, 1, 0, 1])).dispose();
  const grads = acc.take();
  assert.equal(grads.at(-1), null);
  assert.deepEqual([...acc.unused], ["unused_token"]);
  const before = vars[0].dataSync().slice();
  const adam = new Adam({ learningRate: 0.1, ...PYTORCH_ADAM_DEFAULTS, weightDecay: 0.5 }, vars);
  adam.apply(grads);
  assert.deepEqual(Array.from(unused.dataSync()), [1, 1, 1], "untouched even with weight decay");
  assert.notDeepEqual(Array.from(vars[0].dataSync()), Array.from(before));
  grads.forEach((g) => g?.dispose());
  adam.dispose();
  tf.dispose([x, unused]);
});
