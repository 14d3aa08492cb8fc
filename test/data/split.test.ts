import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { apportion } from "../../src/data/apportion";
import { paperSplit, paperSplitSizes, stratifiedSizes } from "../../src/data/split/paper-split";
import { patientSplit } from "../../src/data/split/patient-split";
import { leakageReport } from "../../src/data/split/leakage";
import { loadSplit, makeSplit, saveSplit } from "../../src/data/split/io";
import { Manifest } from "../../src/data/manifest/types";

/** Table 6 with the class counts of Tables 3-5. */
const TABLE6: [string, number[], [number, number, number]][] = [
  ["BreakHis 40X", [625, 1370], [1197, 199, 599]],
  ["BreakHis 100X", [644, 1437], [1249, 208, 624]],
  ["BreakHis 200X", [623, 1390], [1208, 201, 604]],
  ["BreakHis 400X", [588, 1232], [1092, 182, 546]],
  ["BACH", [100, 100, 100, 100], [240, 40, 120]],
  ["Mini-DDSM", [500, 700, 800], [1200, 200, 600]],
];

test("apportion: exact totals, largest remainder, caps respected", () => {
  assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(apportion(7, [0.5, 0.3, 0.2]), [4, 2, 1]);
  assert.deepEqual(apportion(5, [1, 1], [1, 10]), [1, 4]);
  assert.throws(() => apportion(5, [1, 1], [1, 1]), /caps/);
});

for (const [name, counts, [train, val, test_]] of TABLE6) {
  test(`paper split of ${name} has Table 6's sizes and stays stratified`, () => {
    const n = counts.reduce((a, b) => a + b, 0);
    assert.deepEqual(paperSplitSizes(n), { train, val, test: test_ });
    const per = stratifiedSizes(counts);
    assert.equal(per.reduce((a, p) => a + p.train, 0), train);
    assert.equal(per.reduce((a, p) => a + p.val, 0), val);
    assert.equal(per.reduce((a, p) => a + p.test, 0), test_);
    per.forEach((p, c) => {
      assert.equal(p.train + p.val + p.test, counts[c]);
      assert.ok(Math.abs(p.train - 0.6 * counts[c]) <= 1 && Math.abs(p.val - 0.1 * counts[c]) <= 1, `${name} class ${c}: ${JSON.stringify(p)}`);
    });
    const labels = counts.flatMap((k, c) => new Array(k).fill(c));
    const s = paperSplit(labels, 3);
    assert.deepEqual([s.train.length, s.val.length, s.test.length], [train, val, test_]);
    assert.equal(new Set([...s.train, ...s.val, ...s.test]).size, n);
  });
}

test("paper split is seeded: same seed same split, other seed other split", () => {
  const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  assert.deepEqual(paperSplit(labels, 1), paperSplit(labels, 1));
  assert.notDeepEqual(paperSplit(labels, 1), paperSplit(labels, 2));
});

/** 30 patients of 2 classes with 3-15 images each, like BreakHis in miniature. */
function patients() {
  const labels: number[] = [];
  const ids: string[] = [];
  for (let p = 0; p < 30; p++) {
    const k = 3 + ((p * 7) % 13);
    for (let i = 0; i < k; i++) {
      labels.push(p < 10 ? 0 : 1);
      ids.push(`P${p}`);
    }
  }
  return { labels, ids };
}

test("patient split: no patient on two sides, class ratios close to 6:1:3", () => {
  const { labels, ids } = patients();
  const s = patientSplit(labels, ids, 4);
  const report = leakageReport(s, ids);
  assert.equal(report.sharedPatients, 0);
  assert.equal(report.patients, 30);
  assert.equal(s.train.length + s.val.length + s.test.length, labels.length);
  for (const c of [0, 1]) {
    const total = labels.filter((l) => l === c).length;
    const share = (rows: number[]) => rows.filter((r) => labels[r] === c).length / total;
    assert.ok(Math.abs(share(s.train) - 0.6) < 0.12, `class ${c} train share ${share(s.train)}`);
    assert.ok(share(s.val) > 0 && Math.abs(share(s.test) - 0.3) < 0.12, `class ${c} val ${share(s.val)} test ${share(s.test)}`);
  }
});

test("leakage report counts shared patients and their images per pair of parts", () => {
  const ids = ["a", "a", "a", "b", "b", "c"];
  const r = leakageReport({ train: [0, 3], val: [1], test: [2, 4, 5] }, ids);
  assert.equal(r.sharedPatients, 2);
  assert.equal(r.imagesOfSharedPatients, 5);
  assert.deepEqual(r.pairs, { "train/val": { patients: 1, images: 2 }, "train/test": { patients: 2, images: 4 }, "val/test": { patients: 1, images: 2 } });
  // An image-level split of a many-images-per-patient set leaks.
  const { labels, ids: pids } = patients();
  assert.ok(leakageReport(paperSplit(labels, 0), pids).sharedPatients > 20);
});

test("splits are saved, reloaded, and refused for another manifest", () => {
  const { labels, ids } = patients();
  const m: Manifest = {
    dataset: "toy",
    root: "/x",
    classNames: ["a", "b"],
    rows: labels.map((l, i) => ({ path: `${i}.png`, label: "ab"[l], labelIndex: l, patient: ids[i], magnification: "", mask: "", width: 1, height: 1 })),
    problems: [],
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-split-"));
  try {
    const s = makeSplit(m, "patient", 1);
    const file = path.join(dir, "s.json");
    saveSplit(file, s);
    assert.deepEqual(loadSplit(file, m), s);
    const other = { ...m, rows: m.rows.slice(1) };
    assert.throws(() => loadSplit(file, other), /another manifest/);
    fs.writeFileSync(file, JSON.stringify({ ...s, val: [...s.val, s.train[0]] }));
    assert.throws(() => loadSplit(file), /more than one part/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
