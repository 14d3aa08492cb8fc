import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import sharp from "sharp";
import { parseBreakhisName, scanBreakhis } from "../../src/data/manifest/breakhis";
import { scanBach } from "../../src/data/manifest/bach";
import { scanMiniddsm } from "../../src/data/manifest/miniddsm";
import { byMagnification, classCounts } from "../../src/data/manifest/types";
import { loadManifest, manifestDataFrame, saveManifest } from "../../src/data/manifest/io";

async function png(file: string, w = 7, h = 5, grey16 = false) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (grey16) {
    await sharp(Buffer.alloc(w * h * 2, 0x40), { raw: { width: w, height: h, channels: 1 } }).toColourspace("grey16").png().toFile(file);
  } else {
    await sharp({ create: { width: w, height: h, channels: 3, background: "#d080b0" } }).png().toFile(file);
  }
}

function tmp(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

test("BreakHis file names: patient = <year>-<slide>, magnification from the name", () => {
  assert.deepEqual(parseBreakhisName("SOB_M_DC-14-13412-100-007.png"), { benign: false, tumourType: "DC", patient: "14-13412", magnification: "100X", sequence: 7 });
  assert.deepEqual(parseBreakhisName("x/SOB_B_A-14-22549AB-40-001.png")?.patient, "14-22549AB");
  assert.equal(parseBreakhisName("SOB_B_A_14-22549AB-40-001.png"), undefined);
});

test("BreakHis tree: classes, magnifications, one patient for slide 14-13412, problems listed", async () => {
  const root = tmp("dala-bh-");
  try {
    const base = path.join(root, "BreaKHis_v1/histology_slides/breast");
    const put = (cls: string, type: string, folder: string, mag: string, name: string) => png(path.join(base, cls, "SOB", type, folder, mag, name));
    await put("benign", "adenosis", "SOB_B_A_14-22549AB", "40X", "SOB_B_A-14-22549AB-40-001.png");
    await put("benign", "adenosis", "SOB_B_A_14-22549AB", "100X", "SOB_B_A-14-22549AB-100-001.png");
    await put("malignant", "ductal_carcinoma", "SOB_M_DC_14-13412", "40X", "SOB_M_DC-14-13412-40-001.png");
    await put("malignant", "lobular_carcinoma", "SOB_M_LC_14-13412", "40X", "SOB_M_LC-14-13412-40-001.png");
    await put("malignant", "ductal_carcinoma", "SOB_M_DC_14-2523", "400X", "SOB_M_DC-14-2523-400-003.png");
    // problems: wrong magnification folder, bad name, corrupt file
    await put("malignant", "ductal_carcinoma", "SOB_M_DC_14-2523", "200X", "SOB_M_DC-14-2523-400-004.png");
    await put("malignant", "ductal_carcinoma", "SOB_M_DC_14-2523", "200X", "notes.png");
    const corrupt = path.join(base, "malignant/SOB/ductal_carcinoma/SOB_M_DC_14-2523/200X/SOB_M_DC-14-2523-200-001.png");
    fs.writeFileSync(corrupt, "broken");
    fs.writeFileSync(path.join(base, "benign/SOB/adenosis/SOB_B_A_14-22549AB/40X/Thumbs.db"), "");

    const m = await scanBreakhis(root);
    assert.equal(m.rows.length, 5);
    assert.deepEqual(classCounts(m), [2, 3]);
    assert.deepEqual(new Set(m.rows.map((r) => r.patient)), new Set(["14-22549AB", "14-13412", "14-2523"]));
    assert.equal(m.rows.filter((r) => r.patient === "14-13412").length, 2);
    assert.deepEqual(m.rows.map((r) => r.magnification).sort(), ["100X", "400X", "40X", "40X", "40X"]);
    assert.equal(m.rows[0].path.startsWith("BreaKHis_v1/histology_slides/breast/"), true);
    assert.deepEqual([m.rows[0].width, m.rows[0].height], [7, 5]);
    const reasons = m.problems.map((p) => `${path.basename(p.path)}: ${p.reason}`).sort();
    assert.equal(reasons.length, 3);
    assert.match(reasons[0], /^SOB_M_DC-14-2523-200-001\.png: unreadable image/);
    assert.match(reasons[1], /^SOB_M_DC-14-2523-400-004\.png: magnification folder '200X'/);
    assert.match(reasons[2], /^notes\.png: file name does not follow/);
    assert.equal(byMagnification(m, "40X").rows.length, 3);
    assert.throws(() => byMagnification(m, "200X"), /no images at magnification '200X'/);
    // The folder above the archive's top folder works too; a wrong folder is a clear error.
    assert.equal((await scanBreakhis(path.join(root, "BreaKHis_v1"))).rows.length, 5);
    await assert.rejects(scanBreakhis(path.join(root, "nope")), /BreakHis: .*nope does not exist/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("BACH tree: four classes of .tif, checked against microscopy_ground_truth.csv", async () => {
  const root = tmp("dala-bach-");
  try {
    const photos = path.join(root, "ICIAR2018_BACH_Challenge/Photos");
    for (const [cls, name] of [["Normal", "n001.tif"], ["Benign", "b001.tif"], ["InSitu", "is001.tif"], ["Invasive", "iv001.tif"], ["Invasive", "iv002.tif"]]) {
      fs.mkdirSync(path.join(photos, cls), { recursive: true });
      await sharp({ create: { width: 8, height: 6, channels: 3, background: "#c070a0" } }).tiff().toFile(path.join(photos, cls, name));
    }
    fs.writeFileSync(path.join(photos, "microscopy_ground_truth.csv"), "n001.tif,Normal\nb001.tif,Benign\nis001.tif,InSitu\niv001.tif,Invasive\niv002.tif,Benign\n");
    const m = await scanBach(root);
    assert.deepEqual(m.classNames, ["Normal", "Benign", "InSitu", "Invasive"]);
    assert.deepEqual(classCounts(m), [1, 1, 1, 1]);
    assert.deepEqual(m.rows.map((r) => r.patient).sort(), ["b001", "is001", "iv001", "n001"]);
    assert.equal(m.problems.length, 1);
    assert.match(m.problems[0].path, /Invasive\/iv002\.tif$/);
    assert.match(m.problems[0].reason, /says 'Benign'/);
    assert.deepEqual([m.rows[0].width, m.rows[0].height], [8, 6]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("Mini-DDSM tree: cases as patients, *_Mask.png attached, orphan masks and empty classes reported", async () => {
  const root = tmp("dala-ddsm-");
  try {
    const top = path.join(root, "MINI-DDSM-Complete-PNG-16");
    await png(path.join(top, "Benign/0029/C_0029_1.LEFT_CC.png"), 9, 12, true);
    await png(path.join(top, "Benign/0029/C_0029_1.LEFT_CC_Mask.png"), 9, 12);
    await png(path.join(top, "Benign/0029/C_0029_1.LEFT_MLO.png"), 9, 12, true);
    await png(path.join(top, "Cancer/1000/A_1000_1.RIGHT_CC.png"), 9, 12, true);
    await png(path.join(top, "Cancer/1000/A_1000_1.RIGHT_CC_Mask.png"), 9, 12);
    await png(path.join(top, "Cancer/1000/A_1000_1.RIGHT_MLO_Mask.png"), 9, 12);
    const m = await scanMiniddsm(root);
    assert.deepEqual(m.classNames, ["Normal", "Benign", "Cancer"]);
    assert.deepEqual(classCounts(m), [0, 2, 1]);
    const cc = m.rows.find((r) => r.path.endsWith("C_0029_1.LEFT_CC.png"))!;
    assert.equal(cc.mask, "MINI-DDSM-Complete-PNG-16/Benign/0029/C_0029_1.LEFT_CC_Mask.png");
    assert.equal(cc.patient, "0029");
    assert.equal(m.rows.find((r) => r.path.endsWith("LEFT_MLO.png"))!.mask, "");
    assert.deepEqual(m.problems.map((p) => p.reason).sort(), ["mask without its image MINI-DDSM-Complete-PNG-16/Cancer/1000/A_1000_1.RIGHT_MLO.png", "no images of class 'Normal'"]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("manifest files: JSON + CSV round trip, danfo DataFrame", async () => {
  const root = tmp("dala-mio-");
  try {
    await png(path.join(root, "MINI-DDSM-Complete-PNG-16/Normal/0001/B_0001_1.LEFT_CC.png"));
    await png(path.join(root, "MINI-DDSM-Complete-PNG-16/Cancer/0002/A_0002_1.LEFT_CC.png"));
    await png(path.join(root, "MINI-DDSM-Complete-PNG-16/Benign/0003/C_0003_1.LEFT_CC, odd.png"));
    const m = await scanMiniddsm(root);
    saveManifest(m, root);
    const back = loadManifest(root);
    assert.deepEqual(back, m);
    const csv = fs.readFileSync(path.join(root, "manifest.csv"), "utf8").trim().split("\n");
    assert.equal(csv[0], "path,label,labelIndex,patient,magnification,mask,width,height");
    assert.ok(csv.some((l) => l.startsWith('"MINI-DDSM-Complete-PNG-16/Benign/0003/C_0003_1.LEFT_CC, odd.png",Benign,1,')));
    const df = manifestDataFrame(back);
    assert.deepEqual(df.shape, [3, 8]);
    assert.deepEqual(df.column("labelIndex").values, back.rows.map((r) => r.labelIndex));
    fs.writeFileSync(path.join(root, "manifest.json"), JSON.stringify({ ...m, rows: [{ ...m.rows[0], labelIndex: 7 }] }));
    assert.throws(() => loadManifest(root), /row 0 .* labelIndex 7/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a seeded class-count subset (the paper's 500/700/800 Mini-DDSM images), saved beside the full set", async () => {
  const { subsampleByClass } = await import("../../src/data/manifest/subsample");
  const rows = Array.from({ length: 30 }, (_, i) => ({ path: `${i}.png`, label: ["Normal", "Benign", "Cancer"][i % 3], labelIndex: i % 3, patient: `c${i}`, magnification: "", mask: "", width: 1, height: 1 }));
  const m = { dataset: "miniddsm", root: "/data/miniddsm", classNames: ["Normal", "Benign", "Cancer"], rows, problems: [] };
  const s = subsampleByClass(m, { Normal: 2, Benign: 3, Cancer: 4 }, 5, "paper");
  assert.equal(s.dataset, "miniddsm-paper");
  assert.deepEqual(classCounts(s), [2, 3, 4]);
  assert.deepEqual(subsampleByClass(m, { Normal: 2, Benign: 3, Cancer: 4 }, 5, "paper").rows, s.rows);
  assert.throws(() => subsampleByClass(m, { Normal: 11 }, 5), /10 'Normal' images, fewer than the 11/);
  const dir = tmp("dala-sub-");
  try {
    saveManifest({ ...s, root: path.join(dir, "miniddsm") }, path.join(dir, "miniddsm-paper"));
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "miniddsm-paper", "manifest.json"), "utf8")).root, "../miniddsm");
    assert.equal(loadManifest(path.join(dir, "miniddsm-paper")).root, path.join(dir, "miniddsm"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
