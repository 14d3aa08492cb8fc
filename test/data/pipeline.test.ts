import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import sharp from "sharp";
import { initBackend } from "../../src/backend/index";
import { augmentImage } from "../../src/data/pipeline/augment";
import { decodeResized, ImageReadError } from "../../src/data/pipeline/decode";
import { toBatchTensor } from "../../src/data/pipeline/scale";
import { openImageSource } from "../../src/data/pipeline/image-source";
import { generateSynthetic } from "../../src/data/synthetic/generate";
import { Manifest } from "../../src/data/manifest/types";

/** A 3x3 RGB image whose red channel is its pixel index, for hand-checkable geometry. */
const grid = Uint8Array.from({ length: 27 }, (_, i) => (i % 3 === 0 ? i / 3 : 0));
const red = (img: Uint8Array) => Array.from({ length: img.length / 3 }, (_, i) => img[i * 3]);

test("augmentation: identity, flip, exact quarter turn, and reflect fill", () => {
  assert.deepEqual(red(augmentImage(grid, 3, { angle: 0, flip: false })), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(red(augmentImage(grid, 3, { angle: 0, flip: true })), [2, 1, 0, 5, 4, 3, 8, 7, 6]);
  // Counter-clockwise on screen: the right column comes to the top.
  assert.deepEqual(red(augmentImage(grid, 3, { angle: Math.PI / 2, flip: false })), [2, 5, 8, 1, 4, 7, 0, 3, 6]);
  // 45 degrees: corners sample outside the image and get reflected values, not black.
  const r45 = red(augmentImage(grid, 3, { angle: Math.PI / 4, flip: false }));
  assert.equal(r45[4], 4);
  // Output (0,0) samples (x 1, y -0.41): row -1 reflects to row 0, so it reads pixel 1 only.
  assert.equal(r45[0], 1);
});

test("decode: resize to a square RGB grid; corrupt and missing files are named", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-decode-"));
  try {
    const grey16 = path.join(dir, "grey16.png");
    await sharp(new Uint16Array(20 * 10).fill(0x8080), { raw: { width: 20, height: 10, channels: 1 } }).toColourspace("grey16").png().toFile(grey16);
    const px = await decodeResized(grey16, 8);
    assert.equal(px.length, 8 * 8 * 3);
    assert.ok(px.every((v) => v === 0x80));
    const bad = path.join(dir, "bad.png");
    fs.writeFileSync(bad, "not a png at all");
    await assert.rejects(decodeResized(bad, 8), (e: unknown) => e instanceof ImageReadError && e.file === bad);
    await assert.rejects(decodeResized(path.join(dir, "missing.png"), 8), /missing\.png: file not found/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("decode: 16-bit grey (Mini-DDSM) is scaled to 8 bits over its whole range, as the same image stored in 8 bits decodes", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-decode16-"));
  try {
    // A ramp over the full 16-bit range, one value per pixel, at the decode size so no resampling mixes
    // them. libvips keeps the high byte (v >> 8): 65535 becomes 255, nothing is clipped or wrapped.
    const n = 16;
    const v16 = Uint16Array.from({ length: n * n }, (_, i) => Math.min(65535, 257 * i + 200));
    const v8 = Buffer.from(Array.from(v16, (v) => v >> 8));
    const [f16, f8] = [path.join(dir, "g16.png"), path.join(dir, "g8.png")];
    await sharp(v16, { raw: { width: n, height: n, channels: 1 } }).toColourspace("grey16").png().toFile(f16);
    await sharp(v8, { raw: { width: n, height: n, channels: 1 } }).toColourspace("b-w").png().toFile(f8);
    assert.equal((await sharp(f16).metadata()).depth, "ushort");
    const [d16, d8] = [await decodeResized(f16, n), await decodeResized(f8, n)];
    for (let i = 0; i < n * n; i++) {
      assert.deepEqual([d16[3 * i], d16[3 * i + 1], d16[3 * i + 2]], [v8[i], v8[i], v8[i]], `pixel ${i} (16-bit ${v16[i]})`);
      assert.equal(d8[3 * i], v8[i]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("scaling: uint8 -> [-1, 1] (paper) and ImageNet mean/std", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const img = Uint8Array.from([0, 255, 127.5, 0, 0, 0].map(Math.floor).concat(new Array(6).fill(0)));
  const t = toBatchTensor([img], 2);
  assert.deepEqual(t.shape, [1, 2, 2, 3]);
  const v = t.dataSync();
  assert.equal(v[0], -1);
  assert.equal(v[1], 1);
  assert.ok(Math.abs(v[2] - (127 / 127.5 - 1)) < 1e-6);
  const n = toBatchTensor([img], 2, "imagenet").dataSync();
  assert.ok(Math.abs(n[0] - -0.485 / 0.229) < 1e-5);
  tf.dispose(t);
});

test("image source: batches from the cache, seeded shuffle and augmentation, corrupt images skipped or fatal", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-source-"));
  try {
    const m = await generateSynthetic(dir, { flavour: "synthetic-bach", count: 10, size: 24, seed: 2 });
    const cacheDir = path.join(dir, "cache");
    const src = await openImageSource(m, { cacheDir, size: 16 }, { rows: [0, 1, 2, 3, 4, 5, 6] });
    assert.equal(src.length, 7);
    assert.deepEqual([...src.labels], [0, 0, 0, 1, 1, 1, 2]);
    const seen: number[] = [];
    for await (const b of src.batches({ batchSize: 3 })) {
      assert.deepEqual(b.x.shape.slice(1), [16, 16, 3]);
      const v = b.x.dataSync();
      assert.ok(v.every((x) => x >= -1 && x <= 1));
      seen.push(...b.indices);
      assert.deepEqual([...b.labels], [...b.indices].map((i) => m.rows[i].labelIndex));
      b.x.dispose();
    }
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(fs.readdirSync(path.join(cacheDir, m.dataset, "16")).filter((f) => f.endsWith(".u8")).length, 1);

    const collect = async (opts: any) => {
      const out: { idx: number[]; sum: number } = { idx: [], sum: 0 };
      for await (const b of src.batches(opts)) {
        out.idx.push(...b.indices);
        out.sum += b.x.sum().dataSync()[0];
        b.x.dispose();
      }
      return out;
    };
    const a = await collect({ batchSize: 4, shuffleSeed: 5, augment: true, augmentSeed: 9 });
    const b = await collect({ batchSize: 2, shuffleSeed: 5, augment: true, augmentSeed: 9 });
    const c = await collect({ batchSize: 4, shuffleSeed: 6, augment: true, augmentSeed: 10 });
    assert.deepEqual(a.idx, b.idx);
    assert.ok(Math.abs(a.sum - b.sum) < 1e-3, "augmentation does not depend on batch size");
    assert.notDeepEqual(a.idx, c.idx);
    assert.notEqual(a.sum, c.sum);
    assert.deepEqual([...a.idx].sort(), [0, 1, 2, 3, 4, 5, 6]);

    // Corrupt one image and remove another.
    const broken: Manifest = { ...m, dataset: "broken", rows: m.rows.slice(0, 6) };
    fs.writeFileSync(path.join(m.root, m.rows[1].path), "garbage");
    fs.rmSync(path.join(m.root, m.rows[4].path));
    await assert.rejects(openImageSource(broken, { cacheDir, size: 16 }), (e: unknown) => e instanceof ImageReadError && /(\.png)/.test(e.message));
    const reported: string[] = [];
    const skipping = await openImageSource(broken, { cacheDir, size: 16, onCorrupt: "skip", report: (c) => reported.push(c.path) });
    assert.deepEqual(reported.sort(), [m.rows[1].path, m.rows[4].path].sort());
    assert.equal(skipping.length, 4);
    assert.deepEqual([...skipping.rows], [0, 2, 3, 5]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
