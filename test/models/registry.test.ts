import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { dalaAttention } from "../../src/models/dala-attention";
import { ParamInit } from "../../src/models/init";
import { createModel, listModels } from "../../src/models/registry";

const tiny = { widthMultiplier: 1 / 32, inputSize: 40 };

test("registry lists the paper's models and rejects unknown names and options", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  for (const name of ["resnet50", "dala_resnet50"] as const) assert.ok(listModels().includes(name), name);
  assert.throws(() => createModel("resnet51", { numClasses: 2 }), /unknown model 'resnet51'.*resnet50/);
  assert.throws(() => createModel("resnet50", { numClasses: 2, reduction: 4 }), /does not take option 'reduction'/);
  assert.throws(() => createModel("dala_resnet50", { numClasses: 2, attentionAfter: 5 as any }), /attentionAfter must be 1, 2, 3 or 4/);
  assert.throws(() => createModel("dala_resnet50", { numClasses: 0 }), /numClasses must be a positive integer/);
});

test("DALA defaults: r = 4 for 2 classes, 16 otherwise; attention after layer4 is the CAM layer", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const two = createModel("dala_resnet50", { numClasses: 2, ...tiny });
  const three = createModel("dala_resnet50", { numClasses: 3, ...tiny });
  const ablation = createModel("dala_resnet50", { numClasses: 3, attentionAfter: 2, ...tiny });
  const plain = createModel("resnet50", { numClasses: 3, ...tiny });
  try {
    assert.equal(two.options.reduction, 4);
    assert.equal(three.options.reduction, 16);
    assert.equal(two.options.dropout, 0.25);
    assert.equal(two.camLayer, "attention");
    assert.equal(ablation.camLayer, "layer4.2.relu3");
    assert.equal(plain.camLayer, "layer4.2.relu3");
    // 40 px -> 20 -> 10 (max-pool) -> 10, 5, 3, 2; width 1/32 -> 64 channels out of layer4.
    assert.deepEqual(two.featuresModel.outputs[0].shape, [null, 2, 2, 64]);
    // hidden width C/r of the attention: 64/4 = 16 and 64/16 = 4
    assert.deepEqual(two.model.getLayer("attention.fc1").getWeights()[0].shape, [64, 16]);
    assert.deepEqual(three.model.getLayer("attention.fc1").getWeights()[0].shape, [64, 4]);
  } finally {
    for (const m of [two, three, ablation, plain]) m.dispose();
  }
});

test("forwardHead(forwardFeatures(x)) is the full model's output (shared layers), and seeds reproduce weights", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const a = createModel("dala_resnet50", { numClasses: 2, seed: 7, ...tiny });
  const b = createModel("dala_resnet50", { numClasses: 2, seed: 7, ...tiny });
  const c = createModel("dala_resnet50", { numClasses: 2, seed: 8, ...tiny });
  try {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 40, 40, 3], 0, 1, "float32", 3) as tf.Tensor4D;
      const direct = a.model.predict(x) as tf.Tensor;
      const split = a.forwardHead(a.forwardFeatures(x));
      assert.ok(tf.max(tf.abs(tf.sub(direct, split))).dataSync()[0] < 1e-5);
      const wa = a.model.getLayer("layer2.0.conv2").getWeights()[0];
      assert.deepEqual(Array.from(wa.dataSync()), Array.from(b.model.getLayer("layer2.0.conv2").getWeights()[0].dataSync()));
      assert.notDeepEqual(Array.from(wa.dataSync()), Array.from(c.model.getLayer("layer2.0.conv2").getWeights()[0].dataSync()));
    });
  } finally {
    for (const m of [a, b, c]) m.dispose();
  }
});

test("the attention module computes x * ReLU(W2 LeakyReLU(W1 mean(x) + b1) + b2) (hand-computed)", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const input = tf.input({ shape: [1, 2, 2] });
  const model = tf.model({ inputs: input, outputs: dalaAttention(input, "att", 2, new ParamInit(1)) });
  // C = 2, hidden = 1. fc1: W1 = [1, -2], b1 = 0.5; fc2: W2 = [[2, -1]], b2 = [0.1, 0.2].
  model.getLayer("att.fc1").setWeights([tf.tensor2d([[1], [-2]]), tf.tensor1d([0.5])]);
  model.getLayer("att.fc2").setWeights([tf.tensor2d([[2, -1]]), tf.tensor1d([0.1, 0.2])]);
  // x: pixel0 = (1, 3), pixel1 = (3, 1) -> mean = (2, 2); h = 2 - 4 + 0.5 = -1.5 -> LeakyReLU = -0.015;
  // gate = ReLU(2 * -0.015 + 0.1, -1 * -0.015 + 0.2) = (0.07, 0.215).
  const x = tf.tensor4d([[[[1, 3], [3, 1]]]]);
  const y = (model.predict(x) as tf.Tensor).dataSync();
  const expected = [0.07, 3 * 0.215, 3 * 0.07, 0.215];
  expected.forEach((e, i) => assert.ok(Math.abs(y[i] - e) < 1e-6, `${i}: ${y[i]} vs ${e}`));
  model.dispose();
});
