import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as fs from "node:fs";
import { HED_FROM_RGB, rgbToHed } from "../../src/cam/stain/hed";
import { nucleiMask } from "../../src/cam/stain/nuclei-mask";
import { disk } from "../../src/cam/image/morphology";
import { maxAbsDiff } from "./fixture-arrays";

const stain = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "cam", "reference.json"), "utf8")).stain;

test("rgbToHed matches scikit-image rgb2hed (matrix and densities)", () => {
  assert.ok(maxAbsDiff(HED_FROM_RGB, stain.hed_from_rgb) < 1e-12);
  const err = maxAbsDiff(rgbToHed(Uint8Array.from(stain.rgb_uint8)), stain.hed);
  assert.ok(err < 1e-12, `max abs error ${err}`);
  // Float input in [0, 1] is the same image.
  assert.ok(maxAbsDiff(rgbToHed(Float64Array.from(stain.rgb_uint8, (v: number) => v / 255)), stain.hed) < 1e-12);
});

test("nuclei proxy mask = haematoxylin > Otsu, as scikit-image gives it", () => {
  const [h, w] = stain.shape;
  const r = nucleiMask(Uint8Array.from(stain.rgb_uint8), h, w);
  assert.ok(Math.abs(r.threshold - stain.h_otsu_threshold) < 1e-12);
  assert.deepEqual(Array.from(r.mask), stain.nuclei_mask);
  const opened = nucleiMask(Uint8Array.from(stain.rgb_uint8), h, w, { opening: disk(1) });
  assert.ok(opened.mask.reduce((s, v) => s + v, 0) <= r.mask.reduce((s, v) => s + v, 0));
  assert.throws(() => nucleiMask(new Uint8Array(10), 2, 2), /2x2 RGB/);
});

test("haematoxylin is high on purple, low on pink and white", () => {
  const hed = rgbToHed(Uint8Array.from([90, 60, 150, 232, 160, 200, 255, 255, 255]));
  assert.ok(hed[0] > hed[3] && hed[3] >= hed[6]);
  assert.equal(hed[6], 0);
});
