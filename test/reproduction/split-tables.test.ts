import { test } from "node:test";
import assert from "node:assert/strict";
import { BREAKHIS_CLASSES } from "../../src/data/manifest/breakhis";
import { MINIDDSM_CLASSES } from "../../src/data/manifest/miniddsm";
import { paperSplitSizes } from "../../src/data/split/paper-split";
import { patientClasses, patientOrder, patientPartCounts, leakageFigure } from "../../src/reproduction/leakage-figure";
import { loadPaperDataset, type LoadedDataset } from "../../src/reproduction/load-dataset";
import { isComparisonTable } from "../../src/reproduction/publish";
import {
  classSharesText,
  paperCountsContext,
  paperClassCounts,
  splitBalanceTable,
  splitSizeTable,
  table6FromPaperCounts,
  table6Subsets,
  testImagesSeenInTraining,
} from "../../src/reproduction/split-tables";
import { PAPER_DATASETS } from "../../src/reproduction/paper-datasets";
import { tempDir, writeFakeRealManifest } from "./helpers";

const dataDir = tempDir();
const loaded: Record<string, Promise<LoadedDataset>> = {};
const synthetic = (id: string) => (loaded[id] ??= loadPaperDataset(id, "ci", { dataDir }));

test("Table 6 from the paper's class counts: all 24 cells reproduced, delta 0, for any seed", () => {
  for (const seed of [0, 5]) {
    const t = table6FromPaperCounts(seed);
    assert.equal(t.ranked, true);
    assert.equal(t.comparison.rows.length, 6 * 4);
    for (const r of t.comparison.rows) assert.equal(r.delta, 0, `${JSON.stringify(r.keys)}: kit ${r.kit}, paper ${r.paper}`);
  }
  const rows = table6FromPaperCounts(0).comparison.rows;
  const cell = (dataset: string, split: string, magnification?: string) => rows.find((r) => r.keys.dataset === dataset && r.keys.split === split && r.keys.magnification === magnification)!.kit;
  assert.deepEqual(["all", "train", "val", "test"].map((s) => cell("BreakHis", s, "400X")), [1820, 1092, 182, 546]);
  assert.deepEqual(["all", "train", "val", "test"].map((s) => cell("Mini-DDSM", s)), [2000, 1200, 200, 600]);
});

test("paperClassCounts reads Tables 3-5 in class-index order", () => {
  assert.deepEqual(paperClassCounts(PAPER_DATASETS.breakhis, "100X"), [644, 1437]);
  assert.deepEqual(paperClassCounts(PAPER_DATASETS.bach), [100, 100, 100, 100]);
  assert.deepEqual(paperClassCounts(PAPER_DATASETS.miniddsm), [500, 700, 800]);
});

test("split of a downloaded data set with the paper's counts: a Table 6 comparison with delta 0", async () => {
  const dir = tempDir();
  writeFakeRealManifest(dir, "miniddsm", MINIDDSM_CLASSES, [500, 700, 800], { patientsPerClass: 200 });
  writeFakeRealManifest(dir, "breakhis", BREAKHIS_CLASSES, { "40X": [625, 1370], "100X": [644, 1437], "200X": [623, 1390], "400X": [588, 1232] });
  for (const id of ["miniddsm", "breakhis"]) {
    const d = await loadPaperDataset(id, "paper", { dataDir: dir });
    const t = splitSizeTable(d, 0);
    assert.ok(isComparisonTable(t));
    assert.equal(t.ranked, true);
    assert.equal(t.comparison.rows.length, (id === "breakhis" ? 4 : 1) * 4);
    assert.ok(t.comparison.rows.every((r) => r.delta === 0));
  }
});

test("split of a synthetic stand-in: sizes follow the 6:1:3 rule for its own size, paper row beside", async () => {
  const d = await synthetic("breakhis");
  const t = splitSizeTable(d, 0);
  assert.ok(!isComparisonTable(t));
  const c = (n: string) => t.table.columns.indexOf(n);
  assert.deepEqual(t.table.rows.map((r) => r[c("Table 6 row")]), ["BreakHis 40X", "BreakHis 100X", "BreakHis 200X", "BreakHis 400X"]);
  for (const r of t.table.rows) {
    const rule = paperSplitSizes(48);
    assert.deepEqual([r[c("images")], r[c("train")], r[c("val")], r[c("test")]], [48, rule.train, rule.val, rule.test]);
    assert.deepEqual([rule.train, rule.val, rule.test], [29, 4, 15]);
    assert.equal(r[c("follows the rule")], "yes");
  }
  assert.equal(t.table.rows[0][c("paper (images / train / val / test)")], "1995 / 1197 / 199 / 599");
});

test("testImagesSeenInTraining and classSharesText, by hand", () => {
  const patients = ["a", "a", "b", "b", "c", "d"];
  assert.equal(testImagesSeenInTraining({ train: [0, 2], val: [4], test: [1, 3, 5] }, patients), 2);
  assert.equal(testImagesSeenInTraining({ train: [0, 1], val: [], test: [2, 3] }, patients), 0);
  assert.equal(classSharesText([0, 1, 2, 3], [0, 1, 1, 1], 2), "25.0 / 75.0");
  assert.equal(classSharesText([], [0], 2), "0.0 / 0.0");
});

test("paper vs patient split: the patient-level split never leaks, the image-level one does on BreakHis-like data", async () => {
  const datasets = [await synthetic("breakhis"), await synthetic("bach"), await synthetic("miniddsm")];
  const t = splitBalanceTable(datasets, 0);
  const c = (n: string) => t.table.columns.indexOf(n);
  assert.equal(t.table.rows.length, (4 + 1 + 1) * 2);
  for (const r of t.table.rows) {
    assert.equal((r[c("train")] as number) + (r[c("val")] as number) + (r[c("test")] as number), 48);
    if (r[c("split")] === "patient-level") {
      for (const k of ["patients in more than one part", "patients in train and test", "test images of patients seen in training"]) assert.equal(r[c(k)], 0, k);
    }
  }
  const paper40 = t.table.rows.find((r) => r[c("Table 6 row")] === "BreakHis 40X (synthetic-breakhis)" && r[c("split")] === "paper (image-level)")!;
  const d = datasets[0];
  const patients40 = new Set(d.manifest.rows.filter((r) => r.magnification === "40X").map((r) => r.patient)).size;
  assert.equal(paper40[c("patients")], patients40);
  assert.ok((paper40[c("patients in train and test")] as number) > 0);
  assert.equal(paper40[c("share of test set (%)")], (100 * (paper40[c("test images of patients seen in training")] as number)) / (paper40[c("test")] as number));
  // BACH: each image its own patient, so neither split can leak
  for (const r of t.table.rows.filter((r) => String(r[c("Table 6 row")]).startsWith("BACH"))) assert.equal(r[c("patients in more than one part")], 0);
});

test("patientPartCounts and patientOrder, by hand", () => {
  const labels = [1, 0, 0, 1, 1];
  const patients = ["q", "p", "p", "r", "q"];
  const classOf = patientClasses(labels, patients);
  assert.deepEqual([...classOf], [["q", 1], ["p", 0], ["r", 1]]);
  const order = patientOrder(classOf);
  assert.deepEqual(order, ["p", "q", "r"]);
  assert.deepEqual(patientPartCounts({ train: [0, 1], val: [2], test: [3, 4] }, patients, order), [
    [1, 1, 0],
    [1, 0, 0],
    [0, 1, 1],
  ]);
  assert.throws(() => patientPartCounts({ train: [0], val: [], test: [] }, patients, ["p"]), /patient 'q' of row 0 is not in the order/);
});

test("leakage figure: every image counted once per split; under the patient split each patient sits in one part", async () => {
  const subset = table6Subsets(await synthetic("breakhis"))[0];
  const fig = leakageFigure(subset, 0);
  assert.equal(fig.data.length, 2);
  for (const trace of fig.data) {
    const z = trace.z as number[][];
    assert.equal(z.flat().reduce((a, b) => a + b, 0), subset.manifest.rows.length);
  }
  const paperZ = fig.data[0].z as number[][];
  const patientZ = fig.data[1].z as number[][];
  const partsPerPatient = (z: number[][]) => z[0].map((_, j) => z.filter((row) => row[j] > 0).length);
  assert.ok(partsPerPatient(patientZ).every((k) => k === 1));
  assert.ok(partsPerPatient(paperZ).some((k) => k > 1));
});

test("the Table 6 comparison's context is not synthetic under any profile: it reads no data set", () => {
  for (const profile of ["ci", "demo", "paper"]) {
    const ctx = paperCountsContext(profile, tempDir());
    assert.equal(ctx.synthetic, false);
    assert.equal(ctx.dataset, "class counts of Tables 3-5");
  }
});

test("leakage figure marks the boundary between the class blocks", async () => {
  const subset = table6Subsets(await synthetic("breakhis"))[0];
  const benign = new Set(subset.manifest.rows.filter((r) => r.labelIndex === 0).map((r) => r.patient)).size;
  const shapes = leakageFigure(subset, 0).layout.shapes as { x0: number }[];
  assert.deepEqual(shapes.map((s) => s.x0), [benign - 0.5]);
});
