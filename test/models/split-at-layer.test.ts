import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { createModel } from "../../src/models/registry";
import { resnet50StageInput } from "../../src/models/resnet";
import { splitAtLayer } from "../../src/models/split-at-layer";
import { createRng } from "../../src/random";

function tinyDala() {
  return createModel("dala_resnet50", { numClasses: 3, inputSize: 32, widthMultiplier: 0.125, seed: 4 });
}

function images(n: number, seed: number): tf.Tensor4D {
  const rng = createRng(seed);
  return tf.tensor4d(Float32Array.from({ length: n * 32 * 32 * 3 }, () => rng.uniform(-1, 1)), [n, 32, 32, 3]);
}

test("splitAtLayer: trunk then tail is the model; the tail holds exactly the layers after the cut", () => {
  const kit = tinyDala();
  const cut = resnet50StageInput(4);
  assert.equal(cut, "layer3.5.relu3");
  const { trunk, tail, dispose } = splitAtLayer(kit.model, cut);
  const x = images(2, 1);
  const whole = kit.model.predict(x) as tf.Tensor;
  const features = trunk.predict(x) as tf.Tensor;
  assert.deepEqual(features.shape, [2, 2, 2, 128]);
  const parts = tail.predict(features) as tf.Tensor;
  assert.deepEqual(Array.from(parts.dataSync()), Array.from(whole.dataSync()));

  const tailLayers = new Set(tail.layers.map((l) => l.name));
  for (const name of ["layer4.0.conv1", "layer4.2.relu3", "attention.fc1", "fc"]) assert.ok(tailLayers.has(name), name);
  for (const name of ["conv1", "layer1.0.conv1", "layer3.5.conv3", cut]) assert.ok(!tailLayers.has(name), name);
  const modelWeights = new Map(kit.model.weights.map((w) => [w.name, w]));
  for (const w of tail.weights) assert.equal(modelWeights.get(w.name)?.read(), w.read(), `${w.name} is the model's variable`);
  tf.dispose([x, whole, features, parts]);
  dispose();
  kit.dispose();
});

test("splitAtLayer: training the tail trains the model, the trunk stays as it was", () => {
  const kit = tinyDala();
  const { trunk, tail, dispose } = splitAtLayer(kit.model, "layer3.5.relu3");
  const x = images(4, 2);
  const features = trunk.predict(x) as tf.Tensor4D;
  const snapshot = (name: string) => Array.from(kit.model.weights.find((w) => w.name.startsWith(name))!.read().dataSync());
  const before = { trunk: snapshot("layer3.5.conv3"), tail: snapshot("layer4.0.conv1") };
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 0], "int32"), 3);
  const optimizer = tf.train.sgd(0.1);
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, tail.apply(features, { training: true }) as tf.Tensor) as tf.Scalar);
  assert.deepEqual(snapshot("layer3.5.conv3"), before.trunk);
  assert.notDeepEqual(snapshot("layer4.0.conv1"), before.tail);
  tf.dispose([x, features, labels]);
  optimizer.dispose();
  dispose();
  kit.dispose();
});

test("splitAtLayer: refuses layers that are not cut points or not in the model; the tail's share is released", () => {
  const baseline = tf.memory().numTensors;
  const kit = tinyDala();
  // Inside a residual block the shortcut bypasses the layer.
  assert.throws(() => splitAtLayer(kit.model, "layer4.0.conv1"), /'layer4.0.conv1' is not a cut point/);
  assert.throws(() => splitAtLayer(kit.model, "nope"), /has no layer 'nope'/);
  const split = splitAtLayer(kit.model, "maxpool");
  split.dispose();
  kit.dispose();
  assert.equal(tf.memory().numTensors, baseline, "every variable freed: refused splits applied no layer");

  const leaky = tinyDala();
  splitAtLayer(leaky.model, "maxpool");
  leaky.dispose();
  assert.ok(tf.memory().numTensors > baseline, "without the tail's dispose its layers stay alive");
  assert.throws(() => resnet50StageInput(5), /stage must be 1..4/);
  assert.equal(resnet50StageInput(1), "maxpool");
  assert.equal(resnet50StageInput(3), "layer2.3.relu3");
});
