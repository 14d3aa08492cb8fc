import { test } from "node:test";
import assert from "node:assert/strict";
import { pairedComparisons, pairedVerdict } from "../../src/reproduction/paired-comparison";
import { pairedComparisonTable, pairedFindings } from "../../src/reproduction/paired-table";
import { groupBySeed } from "../../src/reproduction/seed-groups";
import { acrossSeeds } from "../../src/statistics/index";
import { fixtureRun } from "./run-fixtures";
import type { ModelName } from "../../src/models/registry";

const ci = { nResamples: 400, seed: 3 };
// 40 test images, 20 per class
const labels = Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
const flip = (wrong: readonly number[]) => labels.map((y, i) => (wrong.includes(i) ? 1 - y : y));
const cell = { dataset: "synthetic-breakhis", magnification: "40X" } as const;

function arm(model: ModelName, wrongBySeed: number[][]) {
  return groupBySeed(wrongBySeed.map((wrong, seed) => fixtureRun({ request: { model, ...cell, seed }, labels, predictions: flip(wrong) })))[0];
}

test("over seeds: mean difference, t interval over seeds, image-level interval of the mean, p the larger of both", () => {
  const reference = arm("dala_resnet50", [[0], [1, 21], [2]]);
  const worse = arm("resnet50", [[0, 1, 2, 3, 4, 20, 21, 22, 23, 24, 25], [0, 1, 2, 3, 20, 21, 22, 23, 24, 25], [0, 1, 2, 3, 4, 5, 20, 21, 22, 23, 24, 25]]);
  const rows = pairedComparisons({ name: "Table 7 · BreakHis 40X", table: 7, reference: { label: "DALAResNet50", group: reference }, others: [{ label: "ResNet50", group: worse }], metrics: ["accuracy", "f1Macro"] }, ci);
  const acc = rows.find((r) => r.metric === "accuracy")!;
  const perSeed = [10 / 40, 8 / 40, 11 / 40];
  perSeed.forEach((d, i) => assert.ok(Math.abs(acc.perSeed[i].difference - d) < 1e-12));
  const t = acrossSeeds(perSeed);
  assert.ok(Math.abs(acc.difference! - t.mean) < 1e-12 && Math.abs(acc.low! - t.low!) < 1e-12 && Math.abs(acc.high! - t.high!) < 1e-12);
  assert.ok(acc.imageLow! > 0 && acc.imageHigh! < 0.5);
  assert.ok(acc.pValue! >= t.pValue!, "p is at least the t test's");
  assert.equal(acc.test, "exact McNemar");
  // Holm over two tests: the smaller p doubled, the larger at least it
  const ps = rows.map((r) => r.pValue!);
  const adjusted = rows.map((r) => r.pHolm!);
  assert.ok(Math.abs(Math.min(...adjusted) - Math.min(1, 2 * Math.min(...ps))) < 1e-12);
  assert.equal(acc.verdict, "reference higher");
  assert.match(pairedFindings(rows)[0], /^Table 7 · BreakHis 40X, accuracy: DALAResNet50 higher than ResNet50 \(3 seeds/);
  const table = pairedComparisonTable(rows, { name: "x", title: "x" });
  assert.ok(table.table.columns.includes("95% CI over test images"));
});

test("a seed on which either run collapsed is left out and named; no usable seed gives no verdict", () => {
  const reference = arm("dala_resnet50", [[0], Array.from({ length: 20 }, (_, i) => i)]);
  const other = arm("resnet50", [[0, 1], [0, 1]]);
  const [row] = pairedComparisons({ name: "f", table: 7, reference: { label: "A", group: reference }, others: [{ label: "B", group: other }], metrics: ["accuracy"] }, ci);
  assert.deepEqual(row.excluded, [{ seed: 1, reason: "A collapsed to one class" }]);
  assert.equal(row.perSeed.length, 1);
  assert.equal(row.interval, "paired, over the test images (one seed)");
  const allDown = arm("resnet50", [Array.from({ length: 20 }, (_, i) => i)]);
  const [none] = pairedComparisons({ name: "f", table: 7, reference: { label: "A", group: arm("dala_resnet50", [[0]]) }, others: [{ label: "B", group: allDown }], metrics: ["accuracy"] }, ci);
  assert.deepEqual([none.difference, none.pHolm, none.verdict], [null, null, "not computed"]);
});

test("the verdict needs the adjusted p below 0.05 and every interval on one side of 0", () => {
  assert.equal(pairedVerdict({ low: 0.01, high: 0.2, imageLow: 0.001, imageHigh: 0.3, pHolm: 0.01 }), "reference higher");
  assert.equal(pairedVerdict({ low: 0.01, high: 0.2, imageLow: -0.001, imageHigh: 0.3, pHolm: 0.01 }), "no difference shown");
  assert.equal(pairedVerdict({ low: 0.01, high: 0.2, imageLow: null, imageHigh: null, pHolm: 0.06 }), "no difference shown");
  assert.equal(pairedVerdict({ low: -0.2, high: -0.01, imageLow: null, imageHigh: null, pHolm: 0.001 }), "reference lower");
});

test("runs tested on different images are refused", () => {
  const a = groupBySeed([fixtureRun({ request: { model: "dala_resnet50", ...cell }, labels, predictions: labels })])[0];
  const b = groupBySeed([fixtureRun({ request: { model: "resnet50", ...cell }, labels: [...labels].reverse(), predictions: labels })])[0];
  assert.throws(() => pairedComparisons({ name: "f", table: 7, reference: { label: "A", group: a }, others: [{ label: "B", group: b }], metrics: ["accuracy"] }, ci), /not tested on the same images/);
});
