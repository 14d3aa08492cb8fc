import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { spearman, spearmanPerImage } from "../../src/statistics/spearman";
import { randomisationVerdict, summariseRandomisation } from "../../src/statistics/randomisation-rule";
import { CENTRE_REFERENCE_LABEL, RANDOM_REFERENCE_LABEL, centrePrior, randomMaps, referenceMasks } from "../../src/cam/evaluation/reference-maps";
import { randomisationSample } from "../../src/reproduction/model-randomisation";
import { explain } from "../../src/cam/methods";
import type { FeatureModel } from "../../src/models/feature-model";
import { table14Entries } from "../../src/reproduction/cam-tables";
import type { RegionRow } from "../../src/reproduction/cam-region-rows";
import { camFindings } from "../../src/reproduction/cam-findings";
import { camFixtures, nchwToNhwc } from "./fixture-arrays";
import { loadTinyCnn } from "./tiny-cnn";

const close = (a: number | null, b: number, tol = 1e-12) => assert.ok(a !== null && Math.abs(a - b) < tol, `${a} vs ${b}`);

test("spearman: hand-computed values, ties as average ranks", () => {
  close(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1);
  close(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  // ranks a = 1,2,3,4,5; b = 2,1,4,3,5: 1 - 6*4/(5*24) = 0.8
  close(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 0.8);
  // a = [1,2,2,3] -> ranks 1, 2.5, 2.5, 4; b = [1,2,3,4]; Pearson of ranks: 4.5 / sqrt(4.5 * 5)
  close(spearman([1, 2, 2, 3], [1, 2, 3, 4]), 4.5 / Math.sqrt(4.5 * 5));
  // both with ties: a = [0,0,1,1] ranks 1.5,1.5,3.5,3.5 (centred -1,-1,1,1); b = [0,1,1,2] ranks 1,2.5,2.5,4
  // (centred -1.5,0,0,1.5): 3 / sqrt(4 * 4.5)
  close(spearman([0, 0, 1, 1], [0, 1, 1, 2]), 3 / Math.sqrt(4 * 4.5));
  assert.equal(spearman([1, 1, 1], [1, 2, 3]), null);
  assert.throws(() => spearman([1, 2], [1, 2, 3]));
  const per = spearmanPerImage([1, 2, 3, 3, 2, 1], [1, 2, 3, 1, 2, 3], 2);
  close(per[0], 1);
  close(per[1], -1);
});

test("randomisation rule: fail above 0.5, pass below, inconclusive across or without an interval", () => {
  assert.equal(randomisationVerdict(0.6, 0.9), "fail");
  assert.equal(randomisationVerdict(0.1, 0.4), "pass");
  assert.equal(randomisationVerdict(0.4, 0.7), "inconclusive");
  assert.equal(randomisationVerdict(null, null), "inconclusive");
  assert.equal(randomisationVerdict(0.5, 0.6), "inconclusive", "the lower end must be strictly above the threshold");
  const similar = summariseRandomisation([0.9, -0.95, 0.92, 0.88, null]);
  assert.equal(similar.images, 4);
  assert.equal(similar.undefinedImages, 1);
  close(similar.meanAbsRho, (0.9 + 0.95 + 0.92 + 0.88) / 4);
  close(similar.meanRho, (0.9 - 0.95 + 0.92 + 0.88) / 4);
  assert.equal(similar.verdict, "fail");
  // t interval over the images: mean 0.1, sd 0.1, t(0.975, 2) = 4.302653
  const changed = summariseRandomisation([0.0, 0.1, 0.2]);
  close(changed.low, 0.1 - 4.302653 * 0.1 / Math.sqrt(3), 1e-5);
  assert.equal(changed.verdict, "pass");
  assert.equal(summariseRandomisation([0.9]).verdict, "inconclusive");
  assert.equal(summariseRandomisation([null, null]).meanAbsRho, null);
});

test("centre prior: 1 at the centre, symmetric, exp(-1/2) one sigma out, falling with distance", () => {
  const size = 9;
  const p = centrePrior(size, 2);
  const at = (x: number, y: number) => p[y * size + x];
  close(at(4, 4), 1, 1e-7);
  close(at(6, 4), Math.exp(-0.5), 1e-6);
  assert.equal(at(0, 0), at(8, 8));
  assert.equal(at(0, 4), at(4, 0));
  assert.ok(at(4, 4) > at(5, 4) && at(5, 4) > at(6, 4) && at(6, 4) > at(8, 4));
  // default sigma = size / 4; Otsu cuts it into a centred blob that holds the centre and none of the corners
  const [random, centre] = referenceMasks(2, 16, 3, { kind: "otsu" });
  assert.equal(random.label, RANDOM_REFERENCE_LABEL);
  assert.equal(centre.label, CENTRE_REFERENCE_LABEL);
  assert.equal(centre.masks[8 * 16 + 8], 1);
  assert.equal(centre.masks[0], 0);
  assert.deepEqual(centre.masks.subarray(0, 256), centre.masks.subarray(256));
  const share = random.masks.reduce((s, v) => s + v, 0) / random.masks.length;
  assert.ok(share > 0.35 && share < 0.65, `uniform noise cut near its middle, got ${share}`);
  assert.deepEqual(randomMaps(1, 4, 7), randomMaps(1, 4, 7), "seeded");
});

test("references never enter Table 14 nor the ranking of methods", () => {
  const scores = (f1: number) => ({ iou: f1, dice: f1, precision: f1, recall: f1, f1 });
  const rows: RegionRow[] = [
    { variant: "Grad-CAM", method: "gradcam", group: "40X", images: 2, scores: scores(0.3) },
    { variant: "Score-CAM", method: "scorecam", group: "40X", images: 2, scores: scores(0.2) },
    { variant: RANDOM_REFERENCE_LABEL, method: "reference", group: "40X", images: 2, scores: scores(0.9) },
    { variant: CENTRE_REFERENCE_LABEL, method: "reference", group: "40X", images: 2, scores: scores(0.95) },
  ];
  assert.ok(table14Entries(rows).every((e) => e.cam !== RANDOM_REFERENCE_LABEL && e.cam !== CENTRE_REFERENCE_LABEL));
  const ranking = camFindings({ regions: rows, faithfulness: [] }).find((s) => s.startsWith("Ranking"));
  assert.ok(ranking && !ranking.includes("reference"), ranking);
});

test("model randomisation on TinyCNN: Grad-CAM changes with the weights, an image-intensity 'method' fails", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const spec = camFixtures.model();
  const [N, C, S] = spec.input_shape_NCHW;
  const input = tf.tensor4d(nchwToNhwc(camFixtures.inputs().input.data as Float32Array, N, C, S, S), [N, S, S, C]);
  // the fixture's weights are seeded random, not trained: the test asks whether the maps follow the weights
  const model = loadTinyCnn();
  const other = loadTinyCnn(undefined, 12345);
  try {
    const targets = Int32Array.from({ length: N }, () => 0);
    const gradcam = async (m: FeatureModel, x: tf.Tensor4D) => (await explain("gradcam", m, x, { targets })).maps;
    const intensity = async (_m: FeatureModel, x: tf.Tensor4D) => tf.tidy(() => tf.mean(x, 3)).data() as Promise<Float32Array>;
    const g = summariseRandomisation((await randomisationSample("Grad-CAM", gradcam, model, other, input)).rhos);
    const i = summariseRandomisation((await randomisationSample("intensity", intensity, model, other, input)).rhos);
    close(i.meanAbsRho, 1, 1e-9);
    // rho = 1 on every image: no spread, the interval is [1, 1], above the threshold
    assert.equal(i.verdict, "fail");
    assert.notEqual(g.verdict, "fail");
    assert.ok(g.meanAbsRho !== null && g.meanAbsRho < 0.5, `Grad-CAM mean |rho| ${g.meanAbsRho}`);
  } finally {
    input.dispose();
  }
});

test("randomisation findings are written from the summaries", async () => {
  const { randomisationFindings, randomisationSummaries } = await import("../../src/reproduction/cam-randomisation");
  const rows = randomisationSummaries([[{ label: "A", rhos: [0.9, 0.95, null] }], [{ label: "A", rhos: [0.92] }, { label: "B", rhos: [null] }]]);
  assert.deepEqual(rows.map((r) => [r.label, r.summary.images, r.summary.undefinedImages, r.summary.verdict]), [["A", 3, 1, "fail"], ["B", 0, 1, "inconclusive"]]);
  const [a, b] = randomisationFindings(rows);
  assert.match(a, /^A: mean \|rho_s\| 0\.923 over 3 images \(1 image left out: a constant map has no ranks\), 95% interval .* FAILS/);
  assert.match(b, /B: mean \|rho_s\| n\/a over 0 images .*inconclusive/);
});
