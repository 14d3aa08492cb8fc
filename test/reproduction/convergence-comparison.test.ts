import { test } from "node:test";
import assert from "node:assert/strict";
import { convergenceComparisons, convergenceComparisonTable } from "../../src/reproduction/convergence-table";
import { fixtureRun } from "./run-fixtures";
import type { ModelName } from "../../src/models/entries";

const mag = { dataset: "synthetic-breakhis", magnification: "40X" } as const;
const labels = [0, 0, 1, 1];
const learnt = [0, 1, 1, 1];
const oneClass = [1, 1, 1, 1];
const run = (model: ModelName, seed: number, seconds: number, predictions = learnt) =>
  fixtureRun({ request: { model, ...mag, seed }, labels, predictions, valLoss: [0.5], epochSeconds: [seconds] });

const runs = [
  ...[10, 11, 12].map((s, seed) => run("dala_resnet50", seed, s)),
  ...[30, 31, 32].map((s, seed) => run("resnet50", seed, s)),
  // seed 2 collapsed: its time is left out, two seeds remain
  ...[20, 22, 5].map((s, seed) => run("vgg16", seed, s, seed === 2 ? oneClass : learnt)),
  // one usable seed only: no test
  run("densenet121", 0, 40),
];

test("convergence: DALAResNet50 vs each model by Welch over seeds, hand-computed; collapsed runs left out and named", () => {
  const rows = convergenceComparisons(runs);
  const row = (other: string) => rows.find((r) => r.other === other)!;
  assert.deepEqual(rows.map((r) => r.family), Array(3).fill("Table 9 · BreakHis 40X"));

  // a = [10, 11, 12], b = [30, 31, 32]: variances 1, se = sqrt(2/3), df = 4, t(0.975, 4) = 2.776445
  const r50 = row("ResNet50");
  assert.equal(r50.difference, -20);
  const half = 2.7764451051977987 * Math.sqrt(2 / 3);
  assert.ok(Math.abs(r50.low! - (-20 - half)) < 1e-9 && Math.abs(r50.high! - (-20 + half)) < 1e-9);
  assert.equal(r50.seedsUsed, 3);
  assert.equal(r50.verdict, "reference lower");

  const vgg = row("VGG16");
  assert.equal(vgg.seedsUsed, 2);
  assert.equal(vgg.difference, 11 - 21);
  assert.deepEqual(vgg.excluded, [{ seed: 2, reason: "VGG16 collapsed to one class" }]);
  assert.match(vgg.interval, /Welch over 3 and 2 seeds/);

  const dense = row("DenseNet121");
  assert.equal(dense.seedsUsed, 1);
  assert.equal(dense.pValue, null);
  assert.equal(dense.verdict, "not computed");

  // Holm within the cell: two tests, the smaller p doubled
  const ps = [r50.pValue!, vgg.pValue!].sort((a, b) => a - b);
  assert.ok(Math.abs(Math.min(r50.pHolm!, vgg.pHolm!) - 2 * ps[0]) < 1e-12);

  const table = convergenceComparisonTable(rows);
  const seedsUsed = table.table.columns.indexOf("seeds used");
  assert.deepEqual(table.table.rows.map((r) => r[seedsUsed]), [3, 2, 1]);
});
