import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import sharp from "sharp";
import { decodeResized } from "../../src/data/pipeline/decode";
import { MINIDDSM_CLASSES } from "../../src/data/manifest/miniddsm";
import { PAPER_MINIDDSM_COUNTS } from "../../src/data/manifest/subsample";
import { classCounts } from "../../src/data/manifest/types";
import { planMiniddsm } from "../../src/data/stand-in/miniddsm-layout";
import { withServedStandIn } from "./serve-stand-in";

const count = (cases: ReturnType<typeof planMiniddsm>, label: string) => cases.filter((c) => c.label === label).reduce((n, c) => n + c.images.length, 0);

test("the Mini-DDSM stand-in plan: DDSM's cases with four views each, masks only beside Benign and Cancer lesion views, both bit depths, varying sizes", () => {
  const cases = planMiniddsm({ seed: 7 });
  assert.deepEqual(MINIDDSM_CLASSES.map((c) => count(cases, c)), [2780, 3480, 3656]);
  assert.equal(new Set(cases.map((c) => c.case)).size, cases.length, "a case number names one case");
  const images = cases.flatMap((c) => c.images);
  for (const im of images) {
    assert.match(im.path, new RegExp(`^MINI-DDSM-Complete-PNG-16/${im.label}/${im.case}/[ABCD]_${im.case}_1\\.${im.view}\\.png$`));
    if (im.mask) assert.equal(im.mask, im.path.replace(/\.png$/, "_Mask.png"));
    assert.ok(im.height >= 800 && im.height <= 1800 && im.width < im.height, `${im.width}x${im.height}`);
  }
  for (const c of cases) {
    const masks = c.images.filter((im) => im.mask).length;
    if (c.label === "Normal") assert.equal(masks, 0);
    else assert.ok(masks === 2 || masks === 4, `${c.case}: ${masks} masks`);
    assert.equal(path.dirname(c.ics), path.dirname(c.images[0].path));
    assert.match(path.basename(c.ics), new RegExp(`^[ABCD]-${c.case}-1\\.ics$`));
  }
  const eight = images.filter((im) => im.bitDepth === 8).length / images.length;
  assert.ok(eight > 0.08 && eight < 0.18, `${eight} of the views are 8-bit`);
  assert.ok(new Set(images.map((im) => `${im.width}x${im.height}`)).size > 1000, "sizes vary");
  assert.deepEqual(planMiniddsm({ seed: 7 }), cases, "deterministic");
  // A cut stand-in is the full one's first cases, and 200 per class is enough for the paper's subset.
  const cut = planMiniddsm({ seed: 7, perFolder: 200 });
  for (const label of MINIDDSM_CLASSES) {
    assert.deepEqual(cut.filter((c) => c.label === label), cases.filter((c) => c.label === label).slice(0, 200));
    assert.ok(count(cut, label) >= PAPER_MINIDDSM_COUNTS[label], label);
  }
});

test("dala data stand-in miniddsm, served over HTTP and fetched by 'dala data fetch miniddsm --url' (no Kaggle credentials sent): views, masks and bit depths as planned", async () => {
  // Seed 11's first two cases per class include an 8-bit case and one with lesions in both breasts.
  const cases = planMiniddsm({ seed: 11, perFolder: 2 });
  const planned = new Map(cases.flatMap((c) => c.images).map((im) => [im.path, im]));
  await withServedStandIn("miniddsm", "miniddsm2.zip", ["--per-folder", "2", "--seed", "11"], async ({ manifest: m, requests }) => {
    assert.ok(requests.length > 0 && requests.every((h) => h.authorization === undefined), "no credentials to a mirror");
    assert.deepEqual(m.problems, []);
    assert.deepEqual(classCounts(m), [8, 8, 8]);
    assert.equal(m.rows.length, planned.size);
    const depths = new Set<number>();
    for (const r of m.rows) {
      const im = planned.get(r.path)!;
      assert.ok(im, r.path);
      assert.equal(r.patient, im.case);
      assert.equal(r.mask, im.mask ?? "");
      assert.deepEqual([r.width, r.height], [im.width, im.height]);
      const meta = await sharp(path.join(m.root, r.path)).metadata();
      assert.deepEqual([meta.channels, meta.depth], [1, im.bitDepth === 16 ? "ushort" : "uchar"], r.path);
      depths.add(im.bitDepth);
      if (r.mask) {
        const mask = await sharp(path.join(m.root, r.mask)).metadata();
        assert.deepEqual([mask.width, mask.height, mask.channels, mask.depth], [im.width, im.height, 1, "uchar"]);
      }
    }
    assert.ok(m.rows.some((r) => r.mask) && m.rows.some((r) => !r.mask));
    assert.deepEqual([...depths].sort((a, b) => a - b), [8, 16]);
    // The kit's decode path reads both depths; a 16-bit silhouette is bright, not clipped to the low byte's noise.
    for (const depth of [8, 16]) {
      const r = m.rows.find((row) => planned.get(row.path)!.bitDepth === depth)!;
      const px = await decodeResized(path.join(m.root, r.path), 224);
      const [lo, hi] = px.reduce(([a, b], v) => [Math.min(a, v), Math.max(b, v)], [255, 0]);
      assert.ok(lo === 0 && hi > 180, `${r.path}: ${lo}..${hi}`);
    }
  });
});
