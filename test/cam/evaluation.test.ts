import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { regionCounts, regionScores, meanScores } from "../../src/cam/evaluation/region-metrics";
import { binarizeMaps } from "../../src/cam/evaluation/binarize-maps";
import { evaluateImageSubset, evaluateMasks, evaluateRegions } from "../../src/cam/evaluation/evaluate-regions";
import {
  classProbability,
  deletionInsertion,
  perturbationSeries,
  saliencyOrder,
  stepCounts,
  trapezoidAuc,
  type BatchScore,
} from "../../src/cam/evaluation/faithfulness";
import type { FeatureModel } from "../../src/models/feature-model";

test.before(() => initBackend({ backend: "cpu", quiet: true }));

test("region scores on a hand-counted case: TP 2, FP 1, FN 1, TN 2", () => {
  const pred = [1, 1, 1, 0, 0, 0];
  const truth = [1, 1, 0, 1, 0, 0];
  assert.deepEqual(regionCounts(pred, truth), { tp: 2, fp: 1, fn: 1, tn: 2 });
  const s = regionScores(pred, truth);
  assert.equal(s.iou, 2 / 4);
  assert.equal(s.dice, 4 / 6);
  assert.equal(s.precision, 2 / 3);
  assert.equal(s.recall, 2 / 3);
  assert.equal(s.f1, s.dice);
});

test("region scores: empty prediction/truth take zeroDivision; mismatched sizes are errors", () => {
  assert.deepEqual(regionScores([0, 0], [0, 0]), { iou: 0, dice: 0, precision: 0, recall: 0, f1: 0 });
  assert.deepEqual(regionScores([0, 0], [0, 0], 1), { iou: 1, dice: 1, precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(regionScores([0, 0], [1, 0]), { iou: 0, dice: 0, precision: 0, recall: 0, f1: 0 });
  assert.throws(() => regionScores([1], [1, 0]), /1 pixels, truth 2/);
  const m = meanScores([regionScores([1, 0], [1, 0]), regionScores([1, 0], [0, 1])]);
  assert.equal(m.iou, 0.5);
});

test("Otsu and fixed-threshold binarisation of maps, and per-image + mean region evaluation", () => {
  // Two 2x4 maps: a bright left half, and a bright single pixel.
  const maps = Float32Array.from([0.9, 0.8, 0.1, 0.0, 0.9, 0.8, 0.1, 0.0, /**/ 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]);
  const truth = Uint8Array.from([1, 1, 0, 0, 1, 1, 0, 0, /**/ 0, 0, 1, 1, 0, 0, 0, 0]);
  const otsu = binarizeMaps(maps, 2, { kind: "otsu" });
  assert.deepEqual(Array.from(otsu.masks), [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
  const fixed = binarizeMaps(maps, 2, { kind: "fixed", threshold: 0.85 });
  assert.deepEqual(Array.from(fixed.masks), [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
  const r = evaluateRegions(maps, truth, 2);
  assert.deepEqual(r.perImage.map((s) => s.iou), [1, 0.5]);
  assert.equal(r.mean.iou, 0.75);
  assert.equal(r.mean.recall, 0.75);
  assert.equal(r.mean.precision, 1);
  assert.deepEqual(evaluateMasks(otsu.masks, truth, 2).mean, r.mean);
  assert.throws(() => evaluateRegions(maps, truth.subarray(0, 8), 2), /16 predicted values but 8 truth/);
});

test("faithfulness building blocks: order, step counts, series, trapezoid", () => {
  assert.deepEqual(Array.from(saliencyOrder([0.2, 0.9, 0.2, 0.5])), [1, 3, 0, 2]);
  assert.deepEqual(Array.from(stepCounts(10, 4)), [0, 3, 5, 8, 10]);
  assert.equal(trapezoidAuc([1, 0.5, 0]), 0.5);
  const series = perturbationSeries(Float32Array.from([1, 2, 3]), new Float32Array(3), 1, Int32Array.from([2, 0, 1]), Int32Array.from([0, 1, 3]));
  assert.deepEqual(Array.from(series), [1, 2, 3, 1, 2, 0, 0, 0, 0]);
});

// A "model" that only looks at pixel (0, 0) of a 2x2 one-channel image.
const cornerScore: BatchScore = async (images) => {
  const x = tf.slice(images, [0, 0, 0, 0], [-1, 1, 1, 1]);
  const out = (await x.data()) as Float32Array;
  x.dispose();
  return Float32Array.from(out);
};

test("deletion/insertion on a hand-made model: the right map scores 0.125/0.875, the reversed one 0.875/0.125", async () => {
  const image = tf.ones([1, 2, 2, 1]) as tf.Tensor4D;
  const right = await deletionInsertion(cornerScore, image, [1, 0.5, 0.4, 0.1], [0], { steps: 4 });
  assert.deepEqual(Array.from(right.deletion[0].scores), [1, 0, 0, 0, 0]);
  assert.equal(right.meanDeletion, 0.125);
  assert.equal(right.meanInsertion, 0.875);
  const reversed = await deletionInsertion(cornerScore, image, [0, 0.5, 0.4, 0.1], [0], { steps: 4, batchSize: 2 });
  assert.deepEqual(Array.from(reversed.insertion[0].scores), [0, 0, 0, 0, 1]);
  assert.equal(reversed.meanDeletion, 0.875);
  assert.equal(reversed.meanInsertion, 0.125);
  // A "mean" baseline equals the image here, so nothing changes.
  const flat = await deletionInsertion(cornerScore, image, [1, 0.5, 0.4, 0.1], [0], { steps: 4, baseline: "mean" });
  assert.equal(flat.meanDeletion, 1);
  await assert.rejects(deletionInsertion(cornerScore, image, [1, 2], [0]), /maps hold 2 values, expected 1x2x2/);
});

test("classProbability: softmax of the target class (sigmoid for one logit), via FeatureModel", async () => {
  const linear = (numClasses: number, w: number[]): FeatureModel => ({
    name: "linear",
    numClasses,
    inputSize: 1,
    forwardFeatures: (x) => x,
    forwardHead: (a) => tf.matMul(tf.reshape(a, [a.shape[0], -1]), tf.tensor2d(w, [1, numClasses])) as tf.Tensor2D,
  });
  const x = tf.tensor4d([Math.log(3)], [1, 1, 1, 1]);
  // logits [log 3, 0] -> softmax [0.75, 0.25].
  const two = await classProbability(linear(2, [1, 0]))(x, Int32Array.from([1]));
  assert.ok(Math.abs(two[0] - 0.25) < 1e-6);
  const one = await classProbability(linear(1, [1]))(x, Int32Array.from([0]));
  assert.ok(Math.abs(one[0] - 0.75) < 1e-6);
});

test("a subset of images scores as those images alone; an index outside the batch is an error", () => {
  // three 2x2 images: masks and truths chosen so that each image's scores differ
  const masks = [1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1];
  const truth = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1];
  const all = evaluateMasks(masks, truth, 3);
  const sub = evaluateImageSubset(masks, truth, 3, [2, 0]);
  assert.deepEqual(sub.perImage, [all.perImage[2], all.perImage[0]]);
  assert.equal(sub.perImage[1].iou, 0.5);
  assert.throws(() => evaluateImageSubset(masks, truth, 3, [3]), /image index 3 outside 0..2/);
});
