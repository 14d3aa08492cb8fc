import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { FLAVOUR_IDS, getFlavour } from "../../src/data/synthetic/flavours";
import { generateSynthetic, planSynthetic, renderItem } from "../../src/data/synthetic/generate";
import { renderScene } from "../../src/data/synthetic/render";
import { insideRegion } from "../../src/data/synthetic/scene";
import { classCounts } from "../../src/data/manifest/types";
import { loadManifest } from "../../src/data/manifest/io";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

test("plans: class shares follow the paper's data sets, counts are exact", () => {
  const bh = planSynthetic({ flavour: "synthetic-breakhis", count: 100, size: 32, seed: 0 });
  assert.equal(bh.length, 400);
  for (const mag of ["40X", "100X", "200X", "400X"]) {
    const items = bh.filter((i) => i.magnification === mag);
    assert.equal(items.length, 100);
    // 2480 / 7909 = 31.4% benign
    assert.equal(items.filter((i) => i.classIndex === 0).length, 31);
  }
  const dd = planSynthetic({ flavour: "synthetic-miniddsm", count: 2000, size: 32, seed: 0 });
  assert.deepEqual([0, 1, 2].map((c) => dd.filter((i) => i.classIndex === c).length), [500, 700, 800]);
  const bach = planSynthetic({ flavour: "synthetic-bach", count: 400, size: 32, seed: 0 });
  assert.deepEqual([0, 1, 2, 3].map((c) => bach.filter((i) => i.classIndex === c).length), [100, 100, 100, 100]);
  // A BreakHis-like patient has images at every magnification, and only of its own class.
  const patient = bh[0].patient;
  assert.deepEqual([...new Set(bh.filter((i) => i.patient === patient).map((i) => i.magnification))], ["40X", "100X", "200X", "400X"]);
  assert.equal(new Set(bh.filter((i) => i.patient === patient).map((i) => i.classIndex)).size, 1);
  assert.throws(() => planSynthetic({ flavour: "synthetic-bach", count: 2, size: 32, seed: 0 }), /count must be/);
});

test("rendering is deterministic from the seed and differs between seeds", () => {
  const f = getFlavour("synthetic-bach");
  const [a] = planSynthetic({ flavour: f.id, count: 4, size: 48, seed: 7 });
  const [b] = planSynthetic({ flavour: f.id, count: 4, size: 48, seed: 8 });
  const r1 = renderItem(f, a, 48);
  const r2 = renderItem(f, a, 48);
  assert.equal(sha(r1.rgb), sha(r2.rgb));
  assert.equal(sha(r1.mask), sha(r2.mask));
  assert.notEqual(sha(renderItem(f, b, 48).rgb), sha(r1.rgb));
});

test("masks line up with the regions: lesion nuclei inside, background nuclei outside", () => {
  for (const id of FLAVOUR_IDS) {
    const f = getFlavour(id);
    for (const item of planSynthetic({ flavour: id, count: 12, size: 64, seed: 3 }).slice(0, 12)) {
      const { mask, scene } = renderItem(f, item, 64);
      const recipe = f.classes[item.classIndex];
      if (recipe.region === "none") {
        assert.equal(mask.reduce((a, v) => a + v, 0), 0, "a class without a lesion has an empty mask");
        assert.ok(scene.nuclei.every((n) => !n.lesion));
        continue;
      }
      const area = mask.filter((v) => v === 255).length;
      assert.ok(area > 0.15 * 64 * 64 && area < 0.7 * 64 * 64, `region area ${area} px`);
      assert.ok(scene.nuclei.some((n) => n.lesion), "the region holds its class-deciding nuclei");
      // Paint each group of nuclei alone and check where their pixels fall.
      for (const lesion of [true, false]) {
        const only = renderScene({ ...scene, nuclei: scene.nuclei.filter((n) => n.lesion === lesion), stain: { ...scene.stain, eosinLevel: 0 } });
        let dark = 0;
        let inMask = 0;
        for (let i = 0; i < 64 * 64; i++) {
          // haematoxylin shows as a clearly darker red channel on a blank background
          if (only.rgb[i * 3] < 200) {
            dark++;
            if (mask[i] === 255) inMask++;
          }
        }
        if (lesion) assert.ok(inMask / dark > 0.97, `${id}: ${inMask}/${dark} lesion-nucleus pixels inside the mask`);
        else assert.ok(inMask / Math.max(1, dark) < 0.03, `${id}: ${inMask}/${dark} background-nucleus pixels inside the mask`);
      }
      // The mask is exactly the region test at pixel centres.
      for (const [x, y] of [[10, 10], [32, 32], [50, 20]]) {
        assert.equal(mask[y * 64 + x] === 255, insideRegion(scene.region!, x + 0.5, y + 0.5));
      }
    }
  }
});

test("generateSynthetic writes PNGs, masks and a manifest, identical on a second run", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-synth-"));
  try {
    const m = await generateSynthetic(dir, { flavour: "synthetic-miniddsm", count: 9, size: 40, seed: 1 });
    assert.equal(m.rows.length, 9);
    assert.deepEqual(m.classNames, ["Normal", "Benign", "Cancer"]);
    assert.deepEqual(classCounts(m), [2, 3, 4]);
    const row = m.rows[5];
    const meta = await sharp(path.join(m.root, row.path)).metadata();
    assert.deepEqual([meta.width, meta.height, meta.channels], [40, 40, 3]);
    const mask = await sharp(path.join(m.root, row.mask)).raw().toBuffer();
    assert.deepEqual([...new Set<number>(Uint8Array.from(mask))].sort((a, b) => a - b), [0, 255]);
    const loaded = loadManifest(m.root);
    assert.deepEqual(loaded.rows, m.rows);
    assert.ok(!fs.readdirSync(dir).some((d) => d.includes("partial")), "no temporary folder left behind");
    const first = sha(fs.readFileSync(path.join(m.root, row.path)));
    const again = await generateSynthetic(dir, { flavour: "synthetic-miniddsm", count: 9, size: 40, seed: 1, force: true });
    assert.equal(sha(fs.readFileSync(path.join(again.root, row.path))), first);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
