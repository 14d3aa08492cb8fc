import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import sharp from "sharp";
import { initBackend } from "../../src/backend/index";
import { main } from "../../src/cli/main";
import { createModel } from "../../src/models/registry";
import { saveCheckpoint } from "../../src/training/checkpoint";
import { buildSpec } from "../../src/experiments/spec";
import { openRunTestData } from "../../src/experiments/run-model";
import { nucleiMask } from "../../src/cam/stain/nuclei-mask";
import type { Manifest, ManifestRow } from "../../src/data/manifest/types";
import { groundTruth, readMask } from "../../src/cam/evaluation/ground-truth";
import { selectCamImages } from "../../src/cam/evaluation/images";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dala-cam-data-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function row(mask: string): ManifestRow {
  return { path: "img.png", label: "x", labelIndex: 0, patient: "p", magnification: "", mask, width: 2, height: 2 };
}

test("readMask keeps masks binary when resizing (nearest neighbour)", async () => {
  const file = path.join(tmp, "m.png");
  await sharp(Buffer.from([255, 0, 0, 255]), { raw: { width: 2, height: 2, channels: 1 } }).png().toFile(file);
  assert.deepEqual(Array.from(await readMask(file, 4)), [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
  await assert.rejects(readMask(path.join(tmp, "missing.png"), 4), /cannot read mask .*missing\.png/);
});

test("ground truth: exact region, lesion mask, nuclei proxy for H&E, nothing for a Normal mammogram", async () => {
  await sharp(Buffer.from([255, 0, 0, 0]), { raw: { width: 2, height: 2, channels: 1 } }).png().toFile(path.join(tmp, "one.png"));
  const manifest = (dataset: string, mask: string): Manifest => ({ dataset, root: tmp, classNames: ["x"], rows: [row(mask)], problems: [] });
  const rgb = Uint8Array.from([40, 20, 120, 230, 200, 220, 235, 205, 225, 50, 30, 130]);
  const synthetic = await groundTruth(manifest("synthetic-miniddsm", "one.png"), 0, rgb, 2, true);
  assert.deepEqual(synthetic && { kind: synthetic.kind, mask: Array.from(synthetic.mask) }, { kind: "synthetic-region", mask: [1, 0, 0, 0] });
  assert.equal((await groundTruth(manifest("miniddsm", "one.png"), 0, rgb, 2, false))!.kind, "lesion-mask");
  const proxy = await groundTruth(manifest("breakhis-40X", ""), 0, rgb, 2, false);
  assert.equal(proxy!.kind, "nuclei-proxy");
  assert.deepEqual(Array.from(proxy!.mask), Array.from(nucleiMask(rgb, 2, 2).mask));
  assert.equal(await groundTruth(manifest("miniddsm", ""), 0, rgb, 2, false), null);
});

/** A finished-looking run of the ci grid's DALAResNet50: config.json + best weights of a tiny model. */
async function fakeRun(): Promise<string> {
  const dir = path.join(tmp, "run");
  fs.mkdirSync(dir, { recursive: true });
  const spec = buildSpec({ model: "dala_resnet50", dataset: "synthetic-breakhis", split: "paper", profile: "ci" });
  const kit = createModel("dala_resnet50", { numClasses: 2, inputSize: 32, widthMultiplier: 1 / 32, seed: 3 });
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify({ spec, model: { options: kit.options } }));
  await saveCheckpoint(path.join(dir, "best.safetensors"), kit.model);
  kit.dispose();
  return dir;
}

test("a run's test images: per magnification, only with a region, classes in turn; dala cam --split test scores them", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  process.env.DALA_DATA = path.join(tmp, "data");
  process.env.DALA_CACHE = path.join(tmp, "cache");
  const run = await fakeRun();
  const { test: source, manifest } = await openRunTestData(run);
  const set = await selectCamImages(source, manifest, { perGroup: 2, seed: 0, synthetic: true });
  assert.deepEqual(set.groups, ["40X", "100X", "200X", "400X"]);
  assert.equal(set.images.length, 8);
  assert.equal(set.size, 32);
  for (const g of set.groups) {
    const inGroup = set.images.filter((im) => im.group === g);
    assert.deepEqual(inGroup.map((im) => im.labelIndex), [0, 1], `classes in turn at ${g}`);
  }
  for (const im of set.images) {
    assert.equal(manifest.rows[im.row].magnification, im.group);
    assert.ok(source.rows.includes(im.row), "a test-split row");
    assert.deepEqual(Array.from(im.truth), Array.from(await readMask(path.join(manifest.root, manifest.rows[im.row].mask), 32)));
    assert.ok(im.truth.some((v) => v === 1));
  }
  const again = await selectCamImages(source, manifest, { perGroup: 2, seed: 0, synthetic: true });
  assert.deepEqual(again.images.map((im) => im.row), set.images.map((im) => im.row));

  const out = path.join(tmp, "cam-out");
  assert.equal(await main(["cam", "--model", run, "--split", "test", "--limit", "2", "--method", "gradcam", "--method", "dt", "--samples", "2", "--out", out]), 0);
  const record = JSON.parse(fs.readFileSync(path.join(out, "cam.json"), "utf8"));
  assert.equal(record.images.length, 2);
  assert.deepEqual(record.images.map((i: { image: string }) => i.image), Array.from(source.rows.slice(0, 2), (r) => manifest.rows[r].path));
  assert.deepEqual(record.regionMetrics.groundTruth, ["synthetic-region"]);
  // the true class is explained, as in notebook 06, unless --target says otherwise
  const labels = Array.from(source.labels.slice(0, 2));
  for (const method of ["gradcam", "dtgradcam"]) assert.deepEqual(record.images.map((i: any) => i.methods[method].target), labels);
  for (const method of ["gradcam", "dtgradcam"]) {
    const perImage = record.images.map((i: any) => i.methods[method].region);
    const mean = record.regionMetrics.mean[method];
    assert.equal(mean.images, 2);
    assert.ok(Math.abs(mean.iou - (perImage[0].iou + perImage[1].iou) / 2) < 1e-12);
    for (const r of perImage) assert.equal(r.f1, r.dice);
  }
  const stem = path.basename(manifest.rows[source.rows[0]].path, ".png");
  assert.ok(fs.existsSync(path.join(out, stem, "dtgradcam-mask.png")));
  assert.equal(await main(["cam", "--model", run, "--split", "train", "--out", out]), 2);
  assert.equal(await main(["cam", "--model", run, "--image", "x.png", "--target", "label", "--out", out]), 2);
  assert.equal(await main(["cam", "--model", run, "--split", "test", "--target", "-1", "--out", out]), 2);
  assert.equal(await main(["cam", "--model", run, "--split", "test", "--image", "x.png", "--out", out]), 2);
  assert.equal(await main(["cam", "--model", run, "--split", "test", "--limit", "0", "--out", out]), 2);
});
