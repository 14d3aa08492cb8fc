import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { binarize, otsuThreshold } from "../../src/cam/image/otsu";
import { binaryClosing, binaryDilation, binaryErosion, binaryOpening, disk, square, type StructuringElement } from "../../src/cam/image/morphology";
import { resizeBilinear } from "../../src/cam/image/resize";
import { minMaxScale, relu } from "../../src/cam/image/min-max";
import { readJsonFixture } from "../paths";
import { maxAbsDiff } from "./fixture-arrays";

const reference = readJsonFixture("cam", "reference.json");

test.before(() => initBackend({ backend: "cpu", quiet: true }));

test("Otsu matches scikit-image 0.19 on every otsu_reference.json case (float64, float32, uint8)", () => {
  const ref = readJsonFixture("cam", "otsu_reference.json");
  for (const [name, c] of Object.entries<any>(ref.cases)) {
    const flat: number[] = c.input.flat();
    const values = c.dtype === "uint8" ? Uint8Array.from(flat) : c.dtype === "float32" ? Float32Array.from(flat) : Float64Array.from(flat);
    const r = otsuThreshold(values);
    assert.equal(r.threshold, c.threshold_otsu, `${name}: threshold`);
    assert.equal(binarize(values, r.threshold).reduce((s, v) => s + v, 0), c.n_strictly_above_threshold, `${name}: pixels above`);
    if (c.manual_bin_index !== undefined) assert.equal(r.binIndex, c.manual_bin_index, `${name}: bin`);
    assert.equal(otsuThreshold(values, 64).threshold, c.threshold_otsu_nbins64, `${name}: nbins=64`);
  }
});

test("Otsu: constant input returns its value with an empty histogram; bad input is an error", () => {
  const r = otsuThreshold(new Float64Array(10).fill(0.25));
  assert.deepEqual([r.threshold, r.constant, r.binIndex, r.counts.every((v) => v === 0)], [0.25, true, -1, true]);
  assert.throws(() => otsuThreshold([]), /empty/);
  assert.throws(() => otsuThreshold([0, NaN, 1]), /NaN at index 1/);
  // Two values: the threshold is the centre of the lowest bin.
  assert.equal(otsuThreshold(Float64Array.from([0, 1])).threshold, 0.5 / 256);
});

test("structuring elements are scikit-image's disk and square", () => {
  for (const [name, se] of Object.entries<any>(reference.morphology.elements)) {
    const mine = name.startsWith("disk") ? disk(Number(name.slice(4))) : square(Number(name.slice(6)));
    assert.deepEqual([mine.height, mine.width], se.shape, name);
    assert.deepEqual(Array.from(mine.data), se.data, name);
  }
  assert.deepEqual(Array.from(disk(1).data), [0, 1, 0, 1, 1, 1, 0, 1, 0]);
});

test("binary erosion/dilation/opening/closing match scikit-image (border semantics, even squares)", () => {
  const ops = { erosion: binaryErosion, dilation: binaryDilation, opening: binaryOpening, closing: binaryClosing };
  const elements: Record<string, StructuringElement> = { disk1: disk(1), disk2: disk(2), square2: square(2), square3: square(3) };
  for (const c of reference.morphology.cases) {
    const [h, w] = c.shape;
    for (const [se, results] of Object.entries<any>(c.results)) {
      for (const [op, fn] of Object.entries(ops)) {
        assert.deepEqual(Array.from(fn(c.input, h, w, elements[se])), results[op], `density ${c.density}, ${se}, ${op}`);
      }
    }
  }
});

test("erosion keeps objects touching the border (outside counts as 1); dilation does not grow from outside", () => {
  const full = new Uint8Array(9).fill(1);
  assert.deepEqual(Array.from(binaryErosion(full, 3, 3, disk(1))), Array.from(full));
  assert.deepEqual(Array.from(binaryDilation(new Uint8Array(9), 3, 3, disk(1))), new Array(9).fill(0));
  assert.throws(() => binaryErosion(full, 2, 3, disk(1)), /expected 2x3/);
});

test("half-pixel resize: hand-computed 2x2 -> 4x4 (OpenCV INTER_LINEAR weights 0.25/0.75, clamped edges)", () => {
  const out = resizeBilinear([0, 1, 2, 3], 2, 2, 4, 4);
  assert.deepEqual(Array.from(out.subarray(0, 4)), [0, 0.25, 0.75, 1]);
  assert.deepEqual(Array.from(out.subarray(12, 16)), [2, 2.25, 2.75, 3]);
  assert.deepEqual(Array.from(out.subarray(4, 8)), [0.5, 0.75, 1.25, 1.5]);
});

test("resize agrees with tf.image.resizeBilinear in both conventions, up and down", async () => {
  const src = Float32Array.from({ length: 5 * 7 }, (_, i) => Math.sin(i * 1.7) + i / 10);
  for (const [oh, ow] of [[13, 11], [3, 4], [5, 7], [32, 32]]) {
    const t = tf.tensor4d(src, [1, 5, 7, 1]);
    const half = await tf.image.resizeBilinear(t, [oh, ow], false, true).data();
    const corners = await tf.image.resizeBilinear(t, [oh, ow], true).data();
    assert.ok(maxAbsDiff(resizeBilinear(src, 5, 7, oh, ow, "half-pixel"), half) < 1e-5, `half-pixel ${oh}x${ow}`);
    assert.ok(maxAbsDiff(resizeBilinear(src, 5, 7, oh, ow, "align-corners"), corners) < 1e-5, `align-corners ${oh}x${ow}`);
  }
});

test("min-max scaling is the library's (z - min) / (1e-7 + max); zero and constant maps stay zero", () => {
  const s = minMaxScale([1, 2, 3]);
  assert.deepEqual(Array.from(s), [0, Math.fround(1 / Math.fround(2 + 1e-7)), Math.fround(2 / Math.fround(2 + 1e-7))]);
  // For small maps the epsilon shows: the maximum stays visibly below 1.
  assert.ok(minMaxScale([0, 1e-3])[1] < 0.9999);
  assert.ok(minMaxScale(new Float32Array(6)).every((v) => v === 0));
  assert.ok(minMaxScale([5, 5, 5]).every((v) => v === 0));
  assert.deepEqual(Array.from(relu([-1, 0, 2])), [0, 0, 2]);
});
