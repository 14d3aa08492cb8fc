/**
 * DT Grad-CAM against the other methods when each magnification has a model of its own (the study's
 * 224 px runs): a seed's runs join into one set of images, and the comparison is per magnification and
 * pooled, with the per-seed differences computed by hand here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { camComparisons, joinRunsOfSeed, type CamPerImageRun } from "../../src/reproduction/cam-comparison";
import { camLabel } from "../../src/cam/methods";
import { REFERENCE } from "../../src/cam/evaluation/reference-maps";

const DT = camLabel("dtgradcam");
const GRAD = camLabel("gradcam");

/** One run: two images of one magnification, DT Grad-CAM's scores `dt`, Grad-CAM's `grad` (every score the same). */
function run(seed: number, group: string, rows: number[], dt: number[], grad: number[]): CamPerImageRun {
  const scores = (v: number[]) => ({ f1: v, iou: v, precision: v, maskShare: v });
  return {
    seed,
    rows,
    groups: rows.map(() => group),
    variants: [
      { label: DT, method: "dtgradcam", scores: scores(dt) },
      { label: GRAD, method: "gradcam", scores: scores(grad) },
      { label: "random map", method: REFERENCE, scores: scores([0, 0]) },
    ],
  };
}

const perRun = [
  run(0, "40X", [1, 2], [0.9, 0.7], [0.5, 0.5]),
  run(0, "100X", [7, 8], [0.6, 0.6], [0.5, 0.3]),
  run(1, "40X", [1, 2], [0.8, 0.8], [0.4, 0.6]),
  run(1, "100X", [7, 8], [0.7, 0.5], [0.4, 0.4]),
];

test("a seed's per-magnification runs join into one run over all its images, in order", () => {
  const joined = joinRunsOfSeed(perRun);
  assert.deepEqual(joined.map((r) => r.seed), [0, 1]);
  assert.deepEqual(joined[0].rows, [1, 2, 7, 8]);
  assert.deepEqual(joined[0].groups, ["40X", "40X", "100X", "100X"]);
  assert.deepEqual(joined[0].variants.map((v) => v.label), [DT, GRAD, "random map"]);
  assert.deepEqual(joined[1].variants[0].scores.f1, [0.8, 0.8, 0.7, 0.5]);
  assert.equal(joinRunsOfSeed([perRun[0]])[0], perRun[0], "one run per seed is left as it is");
});

test("the comparison is per magnification and pooled; the per-seed difference is the mean of DT Grad-CAM - other over the images", () => {
  const rows = camComparisons(perRun, { nResamples: 200, seed: 0 });
  const f1 = rows.filter((r) => r.metric === "f1");
  assert.deepEqual(f1.map((r) => r.family), ["Table 14 · 40X", "Table 14 · 100X", "Table 14 · all magnifications"]);
  assert.ok(rows.every((r) => r.other === GRAD), "reference maps are not compared as methods");
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  // 40X: seed 0 (0.4 + 0.2) / 2 = 0.3, seed 1 (0.4 + 0.2) / 2 = 0.3; 100X: 0.2 and 0.2; pooled 0.25 and 0.25
  const perSeed = (family: string) => f1.find((r) => r.family === family)!.perSeed.map((s) => s.difference);
  perSeed("Table 14 · 40X").forEach((d) => close(d!, 0.3));
  perSeed("Table 14 · 100X").forEach((d) => close(d!, 0.2));
  perSeed("Table 14 · all magnifications").forEach((d) => close(d!, 0.25));
  close(f1.find((r) => r.family === "Table 14 · all magnifications")!.difference!, 0.25);
});

test("seeds explained on other images, or two runs of one seed on one magnification, are errors", () => {
  const moved = [perRun[0], perRun[1], run(1, "40X", [3, 4], [0.8, 0.8], [0.4, 0.6]), perRun[3]];
  assert.throws(() => camComparisons(moved, { nResamples: 10, seed: 0 }), /seed 1 was evaluated on other images than seed 0's/);
  assert.throws(() => joinRunsOfSeed([perRun[0], perRun[0]]), /two runs of seed 0 share a magnification \(40X, 40X\)/);
});
