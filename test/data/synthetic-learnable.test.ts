/**
 * The synthetic sets must be learnable from what the regions contain, and not from the mean colour.
 * A tiny CNN trained briefly on 32 px images must clearly beat the majority rate; a nearest-centroid
 * classifier on per-image mean RGB must stay near chance.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { getFlavour } from "../../src/data/synthetic/flavours";
import { planSynthetic, renderItem } from "../../src/data/synthetic/generate";
import { toBatchTensor } from "../../src/data/pipeline/scale";

function dataset(flavour: "synthetic-bach" | "synthetic-miniddsm" | "synthetic-breakhis", count: number, size: number, seed: number) {
  const f = getFlavour(flavour);
  const items = planSynthetic({ flavour, count, size, seed }).filter((it) => it.magnification === "" || it.magnification === "200X");
  return { images: items.map((it) => renderItem(f, it, size).rgb), labels: items.map((it) => it.classIndex), classes: f.classes.length };
}

function meanRgb(img: Uint8Array): number[] {
  const s = [0, 0, 0];
  for (let i = 0; i < img.length; i++) s[i % 3] += img[i];
  return s.map((v) => v / (img.length / 3));
}

function majorityRate(labels: number[], classes: number): number {
  const counts = new Array(classes).fill(0);
  for (const l of labels) counts[l]++;
  return Math.max(...counts) / labels.length;
}

for (const flavour of ["synthetic-breakhis", "synthetic-bach", "synthetic-miniddsm"] as const) {
  test(`${flavour}: mean colour does not separate the classes`, () => {
    const train = dataset(flavour, 300, 32, 1);
    const testSet = dataset(flavour, 300, 32, 2);
    const centroids = Array.from({ length: train.classes }, () => [0, 0, 0, 0]);
    train.images.forEach((img, i) => {
      const m = meanRgb(img);
      const c = centroids[train.labels[i]];
      for (let k = 0; k < 3; k++) c[k] += m[k];
      c[3]++;
    });
    let correct = 0;
    const perClass = new Array(train.classes).fill(0).map(() => [0, 0]);
    testSet.images.forEach((img, i) => {
      const m = meanRgb(img);
      let best = 0;
      let bestD = Infinity;
      centroids.forEach((c, k) => {
        const d = (m[0] - c[0] / c[3]) ** 2 + (m[1] - c[1] / c[3]) ** 2 + (m[2] - c[2] / c[3]) ** 2;
        if (d < bestD) [bestD, best] = [d, k];
      });
      const y = testSet.labels[i];
      perClass[y][1]++;
      if (best === y) {
        correct++;
        perClass[y][0]++;
      }
    });
    const acc = correct / testSet.labels.length;
    const balanced = perClass.reduce((a, [c, n]) => a + c / n, 0) / train.classes;
    const majority = majorityRate(testSet.labels, train.classes);
    assert.ok(balanced < 1 / train.classes + 0.1, `balanced accuracy ${balanced} from mean colour alone (chance ${1 / train.classes})`);
    assert.ok(acc < majority + 0.08, `accuracy ${acc} from mean colour alone (majority rate ${majority})`);
  });
}

/** 3x3 'same' convolution as patches x weights: slice, concat and matMul have gradients on every backend. */
function conv3(x: tf.Tensor4D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor4D {
  const [n, h, wd, c] = x.shape;
  const p = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
  const parts: tf.Tensor4D[] = [];
  for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) parts.push(tf.slice(p, [0, dy, dx, 0], [n, h, wd, c]));
  const patches = tf.concat(parts, 3).reshape([n * h * wd, 9 * c]);
  return tf.relu(tf.add(tf.matMul(patches, w), b)).reshape([n, h, wd, w.shape[1]]) as tf.Tensor4D;
}

test("a tiny CNN learns synthetic-bach at 32 px well above chance", async () => {
  await initBackend({ backend: "wasm", quiet: true });
  const train = dataset("synthetic-bach", 240, 32, 1);
  const testSet = dataset("synthetic-bach", 120, 32, 2);
  const init = (shape: number[], seed: number) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / shape[0]), "float32", seed));
  const [w1, b1] = [init([27, 8], 1), tf.variable(tf.zeros([8]))];
  const [w2, b2] = [init([72, 16], 2), tf.variable(tf.zeros([16]))];
  const [w3, b3] = [init([32, train.classes], 3), tf.variable(tf.zeros([train.classes]))];
  const forward = (x: tf.Tensor4D) => {
    const a = conv3(tf.maxPool(conv3(x, w1 as tf.Tensor2D, b1 as tf.Tensor1D), 2, 2, "valid"), w2 as tf.Tensor2D, b2 as tf.Tensor1D);
    return tf.add(tf.matMul(tf.concat([tf.mean(a, [1, 2]), tf.max(a, [1, 2])], 1), w3), b3);
  };
  const opt = tf.train.adam(0.01);
  const x = toBatchTensor(train.images, 32);
  const y = tf.oneHot(tf.tensor1d(train.labels, "int32"), train.classes);
  for (let epoch = 0; epoch < 15; epoch++) {
    for (let s = 0; s < train.labels.length; s += 16) {
      const n = Math.min(16, train.labels.length - s);
      tf.tidy(() => {
        const xb = x.slice([s], [n]);
        const yb = y.slice([s], [n]);
        opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, forward(xb)) as tf.Scalar);
      });
    }
  }
  const xt = toBatchTensor(testSet.images, 32);
  const pred = tf.tidy(() => forward(xt).argMax(-1)).dataSync();
  const acc = testSet.labels.filter((l, i) => pred[i] === l).length / testSet.labels.length;
  tf.dispose([x, y, xt, w1, b1, w2, b2, w3, b3]);
  // 120 test images: chance is 0.25 with a standard error of about 0.04.
  assert.ok(acc >= 0.4, `tiny CNN accuracy ${acc} is not clearly above chance (0.25)`);
});
