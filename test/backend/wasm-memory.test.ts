/**
 * Training on wasm with the kit's kernels holds no tensors across steps: the tensor count and the
 * bytes tfjs tracks are the same after every step (a leak of one tensor per step would exhaust the
 * 4 GiB wasm heap over a long run).
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { createModel } from "../../src/models/registry";
import { trainableVariables } from "../../src/training/gradient-accumulator";
import { Adam, PYTORCH_ADAM_DEFAULTS } from "../../src/training/adam";
import { crossEntropySum } from "../../src/training/loss";
import { createRng } from "../../src/random";

before(async () => {
  await initBackend({ backend: "wasm", quiet: true });
});

test("ResNet50 (width 1/8, 32 px) training steps on wasm: tensor count and bytes stable", () => {
  const model = createModel("resnet50", { numClasses: 2, inputSize: 32, widthMultiplier: 0.125, seed: 3 });
  const rng = createRng(5);
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 32 * 32 * 3 }, () => rng.uniform(-1, 1)), [2, 32, 32, 3]);
  const labels = Int32Array.from([0, 1]);
  const variables = trainableVariables(model.model);
  const adam = new Adam({ learningRate: 1e-3, ...PYTORCH_ADAM_DEFAULTS }, variables);
  const step = () => {
    const { value, grads } = tf.variableGrads(() => crossEntropySum(model.model.apply(x, { training: true }) as tf.Tensor2D, labels), variables);
    const ordered = variables.map((v) => grads[v.name]);
    adam.apply(ordered);
    const loss = value.dataSync()[0];
    tf.dispose([value, ...ordered]);
    return loss;
  };
  const first = step();
  const after = tf.memory();
  const losses = [first];
  for (let i = 0; i < 3; i++) {
    losses.push(step());
    assert.equal(tf.memory().numTensors, after.numTensors, `tensor count changed at step ${i + 2}`);
    assert.equal(tf.memory().numBytes, after.numBytes, `tracked bytes changed at step ${i + 2}`);
  }
  assert.ok(losses.every(Number.isFinite), `losses ${losses}`);
  assert.ok(losses[losses.length - 1] < losses[0], `training on one batch should lower its loss: ${losses}`);
  adam.dispose();
  x.dispose();
  model.dispose();
});
