import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { computeCam } from "../../src/cam/base";
import { gradCam } from "../../src/cam/grad-cam";
import { scoreCam } from "../../src/cam/score-cam";
import { dtGradCam } from "../../src/cam/dt-grad-cam";
import { CAM_METHOD_NAMES, explain, parseCamMethod } from "../../src/cam/methods";
import { runCamMethods } from "../../src/cam/evaluation/pipeline";
import { createRng, deriveSeed } from "../../src/random";
import { binaryClosing, binaryOpening, disk, square } from "../../src/cam/image/morphology";
import { binarize, otsuThreshold } from "../../src/cam/image/otsu";
import type { FeatureModel } from "../../src/models/feature-model";
import { REPO_CAM_SET } from "../paths";
import { loadTinyCnn } from "./tiny-cnn";
import { camSet, maxAbsDiff, nchwToNhwc } from "./fixture-arrays";

let model: FeatureModel;
let input: tf.Tensor4D;

// The committed set's TinyCNN and images whatever DALA_CAM_FIXTURES says: the expectations below are theirs.
test.before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
  model = loadTinyCnn(REPO_CAM_SET);
  input = tf.tensor4d(nchwToNhwc(camSet(REPO_CAM_SET).inputs().input.data as Float32Array, 4, 3, 32, 32), [4, 32, 32, 3]);
});

test("results do not depend on how many images go through the model at once", async () => {
  const all = await computeCam(gradCam, model, input, { targets: [0, 1, 2, 1] });
  const one = await computeCam(gradCam, model, input, { targets: [0, 1, 2, 1], batchSize: 1 });
  assert.ok(maxAbsDiff(all.map, one.map) < 1e-6);
  assert.deepEqual(Array.from(one.targets), [0, 1, 2, 1]);
  await assert.rejects(computeCam(gradCam, model, input, { targets: [0, 1] }), /2 classes for 4 images/);
  await assert.rejects(computeCam(gradCam, model, input, { targets: [0, 1, 3, 1] }), /targets\[2\] = 3 is not a class index in \[0, 3\)/);
});

test("Score-CAM topChannels keeps the N highest-variance channels; all channels = the full method", async () => {
  const full = await computeCam(scoreCam, model, input, { targets: [0, 1, 2, 1] });
  const same = await computeCam(scoreCam, model, input, { targets: [0, 1, 2, 1], topChannels: 16 });
  assert.ok(maxAbsDiff(full.map, same.map) < 1e-6);
  const top = await computeCam(scoreCam, model, input, { targets: [0, 1, 2, 1], topChannels: 4 });
  const a = await model.forwardFeatures(input).data();
  for (let i = 0; i < 4; i++) {
    const w = top.weights!.subarray(i * 16, (i + 1) * 16);
    const kept = Array.from(w.keys()).filter((k) => w[k] > 0);
    assert.equal(kept.length, 4);
    assert.ok(Math.abs(w.reduce((s, v) => s + v, 0) - 1) < 1e-6);
    // The kept channels are the 4 with the largest spatial variance.
    const variance = Array.from({ length: 16 }, (_, k) => {
      let s = 0;
      let s2 = 0;
      for (let p = 0; p < 256; p++) {
        const v = a[(i * 256 + p) * 16 + k];
        s += v;
        s2 += v * v;
      }
      return s2 / 256 - (s / 256) ** 2;
    });
    const expected = Array.from(variance.keys()).sort((x, y) => variance[y] - variance[x]).slice(0, 4).sort((x, y) => x - y);
    assert.deepEqual(kept, expected);
    assert.equal(top.extras.scores.subarray(i * 16, (i + 1) * 16).filter((v) => Number.isNaN(v)).length, 12);
  }
});

test("DT Grad-CAM: seeded noise replays, equals the same draws passed explicitly, sigma relative to the range", async () => {
  const a = await dtGradCam(model, input, { samples: 3, seed: 7 });
  const b = await dtGradCam(model, input, { samples: 3, seed: 7 });
  assert.deepEqual(Array.from(a.mask), Array.from(b.mask));
  assert.deepEqual(Array.from(a.averagedMap), Array.from(b.averagedMap));
  // Copy i of image j draws from its own stream (seed, j, i); explicit noise is laid out copy-major.
  const imageSize = 32 * 32 * 3;
  const noise = new Float32Array(3 * 4 * imageSize);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 4; j++) {
      const rng = createRng(deriveSeed(7, "dt-grad-cam", j, i));
      for (let p = 0; p < imageSize; p++) noise[(i * 4 + j) * imageSize + p] = rng.normal();
    }
  }
  const c = await dtGradCam(model, input, { samples: 3, noise });
  assert.deepEqual(Array.from(c.averagedMap), Array.from(a.averagedMap));
  const other = await dtGradCam(model, input, { samples: 3, seed: 8 });
  assert.ok(maxAbsDiff(other.averagedMap, a.averagedMap) > 0);
  // Predicted targets come from the clean images (the fixture's [2, 1, 2, 2]).
  assert.deepEqual(Array.from(a.targets), [2, 1, 2, 2]);
  const x = await input.data();
  for (let i = 0; i < 4; i++) {
    const img = x.subarray(i * 3072, (i + 1) * 3072);
    assert.ok(Math.abs(a.sigmas[i] - 0.1 * (Math.max(...img) - Math.min(...img))) < 1e-12);
  }
  assert.deepEqual(Array.from(a.sampleWeights), [1, 0.75, 0.5]);
  const abs = await dtGradCam(model, input, { samples: 2, sigma: 0.3, sigmaMode: "absolute", element: square(3) });
  assert.deepEqual(Array.from(abs.sigmas), [0.3, 0.3, 0.3, 0.3]);
  await assert.rejects(dtGradCam(model, input, { samples: 0 }), /samples must be a positive integer/);
  await assert.rejects(dtGradCam(model, input, { noise: new Float32Array(5) }), /noise has 5 values/);
  await assert.rejects(dtGradCam(model, input, { sigmaMode: "rel" as never }), /sigmaMode must be/);
});

test("DT Grad-CAM: an image's result depends neither on batching nor on the images explained after it", async () => {
  const whole = await dtGradCam(model, input, { samples: 3, seed: 2 });
  // 3 copies per image, batches of 4: one image per model call, its copies split over two calls.
  const batched = await dtGradCam(model, input, { samples: 3, seed: 2, batchSize: 4 });
  assert.deepEqual(Array.from(batched.targets), Array.from(whole.targets));
  assert.ok(maxAbsDiff(batched.perSample, whole.perSample) < 1e-6);
  assert.deepEqual(Array.from(batched.mask), Array.from(whole.mask));
  const firstTwo = tf.slice(input, [0, 0, 0, 0], [2, -1, -1, -1]);
  const part = await dtGradCam(model, firstTwo, { samples: 3, seed: 2 });
  firstTwo.dispose();
  assert.ok(maxAbsDiff(part.averagedMap, whole.averagedMap.subarray(0, 2 * 1024)) < 1e-6);
  // perSample stays copy-major over all images: copy 1 of image 1 in both.
  assert.ok(maxAbsDiff(part.perSample.subarray(3 * 1024, 4 * 1024), whole.perSample.subarray(5 * 1024, 6 * 1024)) < 1e-6);
});

test("DT Grad-CAM with sigma 0 is Grad-CAM, its mask Otsu + opening + closing of that map", async () => {
  const dt = await dtGradCam(model, input, { samples: 2, sigma: 0, targets: [0, 1, 2, 1], element: disk(1) });
  const plain = await computeCam(gradCam, model, input, { targets: [0, 1, 2, 1] });
  assert.ok(maxAbsDiff(dt.averagedMap, plain.map) < 1e-6);
  for (let i = 0; i < 4; i++) {
    const map = Float64Array.from(plain.map.subarray(i * 1024, (i + 1) * 1024));
    const mask = binaryClosing(binaryOpening(binarize(map, otsuThreshold(map).threshold), 32, 32, disk(1)), 32, 32, disk(1));
    assert.deepEqual(Array.from(dt.mask.subarray(i * 1024, (i + 1) * 1024)), Array.from(mask));
  }
});

test("explain() by name for every method; names parse loosely; timing runs for every method", async () => {
  assert.equal(parseCamMethod("Grad-CAM++"), "gradcam++");
  assert.equal(parseCamMethod("DT_GradCAM"), "dtgradcam");
  assert.equal(parseCamMethod("ScoreCAM"), "scorecam");
  assert.throws(() => parseCamMethod("lime"), /unknown CAM method 'lime'/);
  const two = tf.slice(input, [0, 0, 0, 0], [2, -1, -1, -1]) as tf.Tensor4D;
  for (const name of CAM_METHOD_NAMES) {
    const e = await explain(name, model, two, { samples: 2 });
    assert.equal(e.maps.length, 2 * 32 * 32);
    assert.ok(e.maps.every((v) => v >= 0 && v <= 1), name);
    assert.equal(e.masks !== undefined, name === "dtgradcam");
  }
  const timings = await runCamMethods(model, two, ["gradcam", "eigencam"], {});
  assert.deepEqual(timings.map((t) => [t.method, t.explanation.n]), [["gradcam", 2], ["eigencam", 2]]);
  assert.ok(timings.every((t) => Number.isFinite(t.msPerImage) && t.msPerImage >= 0));
});
