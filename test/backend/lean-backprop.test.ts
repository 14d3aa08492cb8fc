/**
 * src/backend/lean-backprop.ts frees gradients and saved tensors during the backward pass: same
 * gradients as tfjs's own pass, a lower memory peak, and the caller's tensors left alone.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { leanBackprop } from "../../src/backend/lean-backprop";
import { createModel } from "../../src/models/registry";
import { GradientAccumulator, trainableVariables } from "../../src/training/gradient-accumulator";
import { createRng } from "../../src/random";

before(async () => {
  await initBackend({ backend: "wasm", quiet: true });
});

function withLean<R>(enabled: boolean, f: () => R): R {
  const previous = leanBackprop.enabled;
  leanBackprop.enabled = enabled;
  try {
    return f();
  } finally {
    leanBackprop.enabled = previous;
  }
}

test("DALAResNet50 (narrow): gradients with lean backprop equal tfjs's own, no tensor left behind", () => {
  const kit = createModel("dala_resnet50", { numClasses: 3, inputSize: 32, widthMultiplier: 0.125, seed: 3, dropout: 0 });
  const variables = trainableVariables(kit.model);
  const rng = createRng(5);
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 32 * 32 * 3 }, () => rng.uniform(-1, 1)), [2, 32, 32, 3]);
  const labels = Int32Array.from([0, 2]);
  const gradients = (lean: boolean) =>
    withLean(lean, () => {
      const acc = new GradientAccumulator(kit.model, variables);
      acc.add(x, labels).dispose();
      return acc.take();
    });
  const stock = gradients(false);
  const before = tf.memory().numTensors;
  const lean = gradients(true);
  assert.equal(tf.memory().numTensors, before + lean.filter(Boolean).length, "only the returned gradients remain");
  stock.forEach((g, i) => {
    assert.deepEqual(Array.from(lean[i]!.dataSync()), Array.from(g!.dataSync()), `gradient of ${variables[i].name}`);
  });
  tf.dispose([...stock, ...lean] as tf.Tensor[]);
});

test("the memory peak of a backward pass drops: gradients and saved tensors are freed as the walk passes them", () => {
  const x = tf.variable(tf.ones([256, 1024]));
  const peak = (lean: boolean) =>
    withLean(lean, () => {
      let bytes = 0;
      // An identity whose gradient runs last, at the bottom of the chain: it sees the pass's peak.
      const probe = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
        value: tf.clone(args[0] as tf.Tensor),
        gradFunc: (dy: tf.Tensor) => {
          bytes = tf.memory().numBytes;
          return tf.clone(dy);
        },
      }));
      const { grads } = tf.variableGrads(() => {
        let y: tf.Tensor = probe(x);
        for (let i = 0; i < 12; i++) y = tf.relu(tf.mul(y, 1.01));
        return tf.sum(y) as tf.Scalar;
      }, [x]);
      tf.dispose(Object.values(grads));
      return bytes;
    });
  const stock = peak(false);
  const lean = peak(true);
  const layer = 256 * 1024 * 4;
  console.log(`backward peak at the bottom of 12 (mul, relu) pairs: tfjs ${stock / layer} layers, lean ${lean / layer}`);
  // tfjs still holds every pair's saved inputs and output gradients there (~4 layers a pair).
  assert.ok(stock > 40 * layer, `tfjs's own peak ${stock / layer} layers`);
  assert.ok(lean < 10 * layer, `lean peak ${lean / layer} layers`);
  x.dispose();
});

test("a seed gradient passed by the caller survives the backward pass", () => {
  const dy = tf.tensor1d([1, 2, 3]);
  const g = tf.grad((t: tf.Tensor) => tf.mul(tf.relu(t), 2))(tf.tensor1d([1, -1, 2]), dy);
  assert.deepEqual(Array.from(g.dataSync()), [2, 0, 6]);
  assert.deepEqual(Array.from(dy.dataSync()), [1, 2, 3]);
});

test("ReLU's gradient from its output equals tfjs's from its input, zeros and negatives included", () => {
  const x = tf.tensor1d([-2, -0, 0, 1e-30, 3, -1e-30]);
  const dy = tf.tensor1d([1, 2, 3, 4, 5, 6]);
  const g = tf.grad((t: tf.Tensor) => tf.relu(t))(x, dy);
  // tfjs's own rule: dy * step(x), with step(0) = 0
  assert.deepEqual(Array.from(g.dataSync()), [0, 0, 0, 4, 5, 0]);
});
