import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fetchDataset } from "../../src/data/fetch/fetch-dataset";
import { BACH_CLASSES } from "../../src/data/manifest/bach";
import { classCounts } from "../../src/data/manifest/types";
import { bachGroundTruth, planBach } from "../../src/data/stand-in/bach-layout";
import { withServedStandIn } from "./serve-stand-in";

test("the BACH stand-in plan: Table 4's 100 images per class, the real file names, a ground-truth line per image", () => {
  const plan = planBach({ seed: 7 });
  assert.equal(plan.length, 400);
  for (const c of BACH_CLASSES) assert.equal(plan.filter((p) => p.label === c).length, 100, c);
  const prefix = { Benign: "b", InSitu: "is", Invasive: "iv", Normal: "n" };
  for (const p of plan) {
    assert.match(p.file, new RegExp(`^${prefix[p.label]}(0\\d\\d|100)\\.tif$`));
    assert.equal(p.path, `ICIAR2018_BACH_Challenge/Photos/${p.label}/${p.file}`);
  }
  assert.equal(new Set(plan.map((p) => p.file)).size, 400);
  assert.deepEqual(plan.slice(0, 2).map((p) => p.file), ["b001.tif", "b002.tif"]);
  assert.deepEqual(plan.slice(-1).map((p) => p.file), ["n100.tif"]);
  const csv = bachGroundTruth(plan).split("\n");
  assert.equal(csv.length, 401);
  assert.equal(csv[0], "b001.tif,Benign");
  assert.equal(csv.at(-1), "", "ends with a newline");
  assert.deepEqual(planBach({ seed: 7 }), plan, "deterministic");
  assert.equal(planBach({ seed: 7, perFolder: 3 }).length, 12);
});

test("dala data stand-in bach, served over HTTP and fetched by 'dala data fetch bach --url --md5': 2048 x 1536 TIFFs checked against the ground truth", async () => {
  await withServedStandIn("bach", "ICIAR2018_BACH_Challenge.zip", ["--per-folder", "1", "--seed", "7"], async ({ dir, archive, manifest: m, out }) => {
    assert.deepEqual(m.problems, []);
    assert.equal(m.rows.length, 4);
    assert.deepEqual(classCounts(m), [1, 1, 1, 1]);
    assert.deepEqual(m.rows.map((r) => r.path).sort(), ["Benign/b001.tif", "InSitu/is001.tif", "Invasive/iv001.tif", "Normal/n001.tif"].map((f) => `ICIAR2018_BACH_Challenge/Photos/${f}`));
    assert.ok(m.rows.every((r) => r.width === 2048 && r.height === 1536));
    const csv = fs.readFileSync(path.join(m.root, "ICIAR2018_BACH_Challenge/Photos/microscopy_ground_truth.csv"), "utf8");
    assert.equal(csv, "b001.tif,Benign\nis001.tif,InSitu\niv001.tif,Invasive\nn001.tif,Normal\n");
    // Without the stand-in's md5 the published one is checked, and refuses it.
    const other = path.join(dir, "other");
    fs.mkdirSync(path.join(other, "downloads"), { recursive: true });
    fs.copyFileSync(archive, path.join(other, "downloads", "ICIAR2018_BACH_Challenge.zip"));
    await assert.rejects(fetchDataset("bach", { dataDir: other, log: () => {} }), /does not match the published 8ae1801334aa943c44627c1eef3631b2/);
    assert.ok(out.some((l) => /bach stand-in: 4 images, \d+\.\d MB/.test(l)));
  });
});
