import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { comparePaper, comparisonTable, largestDifferences } from "../../src/report/tables/comparison";
import { writeComparison } from "../../src/report/tables/write-comparison";
import { testContext } from "./helpers";

const entries = [
  { table: 7, dataset: "BreakHis", magnification: "40X", model: "ResNet50", metric: "accuracy", kit: 0.9 },
  { table: 7, dataset: "BreakHis", magnification: "40X", model: "DALAResNet50", metric: "accuracy", kit: 0.95, ci: [0.93, 0.97] as [number, number] },
  { table: 7, dataset: "BreakHis", magnification: "40X", model: "DALAResNet50", metric: "f1", average: "macro" as const, kit: 0.99 },
  { table: 7, dataset: "BreakHis", magnification: "40X", model: "VGG16", metric: "accuracy", kit: null },
];

test("comparePaper lays paper, kit and kit - paper side by side", () => {
  const c = comparePaper(entries);
  assert.deepEqual(c.shared, { dataset: "BreakHis", magnification: "40X" });
  assert.deepEqual(c.varying, ["model", "metric", "average"]);
  assert.deepEqual(
    c.rows.map((r) => [r.paper, r.kit, r.delta === null ? null : Math.round(r.delta * 1e9) / 1e9, r.source]),
    [
      [0.927, 0.9, -0.027, "Table 7, line 138"],
      [0.985, 0.95, -0.035, "Table 7, line 139"],
      [0.97, 0.99, 0.02, "Table 7, line 139"],
      [0.902, null, null, "Table 7, line 133"],
    ],
  );
  assert.equal(c.rows[1].delta, 0.95 - 0.985);
  assert.equal(c.rows[2].paperText, "0.970");
});

test("the comparison table names the data behind the kit column; on synthetic data it shows no difference to the paper", () => {
  const real = comparisonTable(comparePaper(entries), false);
  assert.deepEqual(real.columns, ["model", "metric", "average", "paper", "kit", "delta (kit - paper)", "kit 95% CI", "paper source"]);
  assert.deepEqual(real.rows[1], ["DALAResNet50", "accuracy", "", 0.985, 0.95, 0.95 - 0.985, "[0.9300, 0.9700]", "Table 7, line 139"]);
  const synthetic = comparisonTable(comparePaper(entries), true);
  assert.deepEqual(synthetic.columns, ["model", "metric", "average", "paper", "kit (synthetic data)", "kit 95% CI", "paper source"]);
  assert.deepEqual(synthetic.rows[1], ["DALAResNet50", "accuracy", "", 0.985, 0.95, "[0.9300, 0.9700]", "Table 7, line 139"]);
});

test("with seeds, the kit column is the mean, beside its sd, the seed count, every seed's value and notes", () => {
  const t = comparisonTable(
    comparePaper([
      {
        table: 7, dataset: "BreakHis", magnification: "40X", model: "VGG16", metric: "accuracy", kit: 0.9, sd: 0.02,
        perSeed: [{ seed: 0, value: 0.88 }, { seed: 1, value: 0.92 }, { seed: 2, value: 0.31 }], notes: ["seed 2 collapsed to one class (left out of the mean)"],
      },
    ]),
    false,
  );
  assert.deepEqual(t.columns, ["metric", "paper", "kit, mean over seeds", "kit sd", "seeds", "kit per seed", "delta (kit - paper)", "note", "paper source"]);
  assert.deepEqual(t.rows[0].slice(2, 8), [0.9, 0.02, 3, "0: 0.8800; 1: 0.9200; 2: 0.3100", 0.9 - 0.902, "seed 2 collapsed to one class (left out of the mean)"]);
});

test("bad entries fail clearly", () => {
  assert.throws(() => comparePaper([]), /no entries/);
  assert.throws(() => comparePaper([{ table: 7, model: "DALAResNet50", metric: "accuracy", kit: 0.9 }]), /4 paper values match/);
  assert.throws(() => comparePaper([{ table: 7, model: "DALAResNet50", magnification: "40X", metric: "f1", kit: 0.9 }]), /pass average/);
  assert.throws(() => comparePaper([{ table: 7, model: "DALAResNet50", magnification: "40X", metric: "accuracy", kit: Number.NaN }]), /kit value .* is NaN/);
});

test("largestDifferences ranks by |delta| and drops rows without a kit value", () => {
  const ranked = largestDifferences(comparePaper(entries).rows);
  assert.deepEqual(ranked.map((r) => r.keys.model + "/" + r.keys.metric), ["DALAResNet50/accuracy", "ResNet50/accuracy", "DALAResNet50/f1"]);
  assert.equal(largestDifferences(comparePaper(entries).rows, 1).length, 1);
});

test("writeComparison keeps the rows in the sidecar and the shared keys in the caption", () => {
  const ctx = testContext({ synthetic: false, profile: "paper", dataset: "BreakHis 40X" });
  const w = writeComparison(ctx, "table7-40x", comparePaper(entries), { title: "Table 7, 40X" });
  const side = JSON.parse(fs.readFileSync(w.paths.json, "utf8"));
  assert.equal(side.comparison.rows.length, 4);
  assert.deepEqual(side.comparison.rows[0], { label: "BreakHis · 40X · ResNet50 · accuracy", paper: 0.927, kit: 0.9, delta: 0.9 - 0.927, source: "Table 7, line 138" });
  const md = fs.readFileSync(w.paths.md, "utf8");
  assert.match(md, /Paper values from the published tables \(dataset BreakHis, magnification 40X\); delta = kit - paper\./);
  assert.match(md, /\| DALAResNet50 \| accuracy \|  \| 0\.9850 \| 0\.9500 \| -0\.0350 \| \[0\.9300, 0\.9700\] \| Table 7, line 139 \|/);
  const synthetic = writeComparison(testContext(), "table7-40x", comparePaper(entries), { title: "Table 7, 40X" });
  assert.ok(fs.readFileSync(synthetic.paths.csv, "utf8").includes("kit (synthetic data)"));
  assert.match(fs.readFileSync(synthetic.paths.md, "utf8"), /not the same data, so no difference is shown/);
});
