import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import sharp from "sharp";
import { colormap } from "../../src/cam/image/colormap";
import { colorize, overlay } from "../../src/cam/image/overlay";
import { writeMaskPng, writePng } from "../../src/cam/png";
import { maxAbsDiff } from "./fixture-arrays";

test("jet and viridis agree with matplotlib 3.6 at reference points", () => {
  assert.deepEqual(colormap("jet", 0), [0, 0, 0.5]);
  assert.deepEqual(colormap("jet", 1), [0.5, 0, 0]);
  // matplotlib's 256-entry tables sample x = i / 255.
  assert.ok(maxAbsDiff(colormap("jet", 77 / 255), [0, 0.707843, 1]) < 1e-5);
  assert.ok(maxAbsDiff(colormap("jet", 178 / 255), [1, 0.78504, 0]) < 1e-5);
  assert.ok(maxAbsDiff(colormap("jet", 26 / 255), [0, 0, 0.963458]) < 1e-5);
  assert.ok(maxAbsDiff(colormap("viridis", 0), [0.267004, 0.004874, 0.329415]) < 1e-4);
  assert.ok(maxAbsDiff(colormap("viridis", 1), [0.993248, 0.906157, 0.143936]) < 1e-4);
  assert.ok(maxAbsDiff(colormap("viridis", 77 / 255), [0.204903, 0.375746, 0.553533]) < 2 / 255);
  assert.ok(maxAbsDiff(colormap("viridis", 243 / 255), [0.876168, 0.891125, 0.09525]) < 2 / 255);
  assert.ok(maxAbsDiff(colormap("viridis", 100 / 255), [0.166617, 0.463708, 0.558119]) < 2 / 255);
  assert.deepEqual(colormap("jet", 7), colormap("jet", 1));
  assert.throws(() => colormap("hot" as never, 0.5), /unknown colour map 'hot'/);
});

test("overlay follows show_cam_on_image: blend, divide by the maximum, truncate to uint8", () => {
  // Grey image, zero map: heat = jet(0) = (0, 0, 0.5); blend = (0.25, 0.25, 0.5); / 0.5 -> (0.5, 0.5, 1).
  const out = overlay(new Float32Array(6).fill(0.5), new Float32Array(2));
  assert.deepEqual(Array.from(out), [127, 127, 255, 127, 127, 255]);
  assert.deepEqual(Array.from(colorize([1]), (v) => Math.round(v * 1000) / 1000), [0.5, 0, 0]);
  assert.throws(() => overlay(new Float32Array(6).fill(2), new Float32Array(2)), /scaled to \[0, 1\]/);
  assert.throws(() => overlay(new Float32Array(5), new Float32Array(2)), /expected 3 x 2/);
});

test("PNG files round-trip through sharp (RGB and mask)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cam-png-"));
  try {
    const rgb = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 37) % 256);
    await writePng(path.join(dir, "a", "rgb.png"), rgb, 4, 3, 3);
    const back = await sharp(path.join(dir, "a", "rgb.png")).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([back.info.width, back.info.height, back.info.channels], [4, 3, 3]);
    assert.deepEqual(Array.from(back.data), Array.from(rgb));
    await writeMaskPng(path.join(dir, "mask.png"), [0, 1, 1, 0], 2, 2);
    assert.equal((await sharp(path.join(dir, "mask.png")).metadata()).channels, 1);
    const m = await sharp(path.join(dir, "mask.png")).extractChannel(0).raw().toBuffer();
    assert.deepEqual(Array.from(m), [0, 255, 255, 0]);
    await assert.rejects(writePng(path.join(dir, "bad.png"), rgb, 5, 3, 3), /bad\.png: 36 bytes for 5x3x3/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
