import { test } from "node:test";
import assert from "node:assert/strict";
import { calibrationFindings, calibrationRows, calibrationState, majorityShare } from "../../src/reproduction/calibration-check";
import { fixtureRun } from "./run-fixtures";

const labels = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1]; // majority share 0.7

test("majority share and the state thresholds", () => {
  assert.equal(majorityShare(labels), 0.7);
  assert.throws(() => majorityShare([]), /no labels/);
  assert.equal(calibrationState(0.72, 0.7), "near chance");
  assert.equal(calibrationState(0.73, 0.7), "in range");
  assert.equal(calibrationState(0.99, 0.7), "at ceiling");
  assert.equal(calibrationState(null, 0.7), "collapsed");
});

test("one row per model and cell, mean over the seeds that did not collapse", () => {
  const req = (model: "resnet50" | "vgg16", seed: number) => ({ model, dataset: "synthetic-breakhis" as const, magnification: "40X" as const, seed });
  const runs = [
    // resnet50: 9/10 and 8/10 correct -> mean 0.85, in range
    fixtureRun({ request: req("resnet50", 0), labels, predictions: [0, 0, 1, 1, 1, 1, 1, 1, 1, 1] }),
    fixtureRun({ request: req("resnet50", 1), labels, predictions: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1] }),
    // vgg16: every image called class 1 on both seeds -> collapsed
    fixtureRun({ request: req("vgg16", 0), labels, predictions: labels.map(() => 1) }),
    fixtureRun({ request: req("vgg16", 1), labels, predictions: labels.map(() => 1) }),
  ];
  const rows = calibrationRows(runs);
  assert.equal(rows.length, 2);
  assert.equal(rows[0].model, "ResNet50");
  assert.equal(rows[0].cell, "BreakHis 40X · paper split");
  assert.ok(Math.abs(rows[0].meanAccuracy! - 0.85) < 1e-12);
  assert.equal(rows[0].state, "in range");
  assert.deepEqual(rows[1].collapsedSeeds, [0, 1]);
  assert.equal(rows[1].state, "collapsed");
  assert.deepEqual(calibrationFindings(rows), ["1 of 2 model cells are collapsed: VGG16 (BreakHis 40X · paper split)."]);
  assert.match(calibrationFindings(rows.slice(0, 1))[0], /^All 1 model cells are in range/);
});
