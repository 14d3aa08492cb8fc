import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { bicubicMatrix } from "../../src/models/bicubic";
import { adaptivePoolMatrix } from "../../src/models/layers/adaptive-avg-pool";
import { relativePositionIndex, shiftedWindowMask } from "../../src/models/layers/swin-geometry";
import { TorchMaxPool2d } from "../../src/models/layers/torch-max-pool";

test("max-pool pads with -inf like PyTorch: an all-negative map keeps its own maxima", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const layer = new TorchMaxPool2d({ poolSize: 3, strides: 2, padding: 1 });
  // 3x3 map, values -1..-9 row-major; windows centred on (0,0), (0,2), (2,0), (2,2).
  const x = tf.tensor4d([-1, -2, -3, -4, -5, -6, -7, -8, -9], [1, 3, 3, 1]);
  const y = layer.apply(x) as tf.Tensor;
  assert.deepEqual(y.shape, [1, 2, 2, 1]);
  assert.deepEqual(Array.from(y.dataSync()), [-1, -2, -4, -5]);
});

test("adaptive average pooling bins as PyTorch's AdaptiveAvgPool2d (3 -> 2: rows {0,1} and {1,2})", () => {
  const m = adaptivePoolMatrix(3, 3, 2);
  // output (0, 1) averages input rows 0..1 and columns 1..2 -> cells 1, 2, 4, 5
  const row = Array.from(m.subarray(1 * 9, 2 * 9));
  assert.deepEqual(row, [0, 0.25, 0.25, 0, 0.25, 0.25, 0, 0, 0]);
  // 1 -> 7 replicates the single cell (what VGG16's classifier sees at small inputs)
  assert.ok(Array.from(adaptivePoolMatrix(1, 1, 7)).every((v) => v === 1));
});

test("bicubic matrix: identity at equal sizes, rows sum to 1, PyTorch's A = -0.75 weights at t = 0.5", () => {
  const id = bicubicMatrix(4, 4);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) assert.equal(id[i * 4 + j], i === j ? 1 : 0);
  const down = bicubicMatrix(37, 16, 37 / 16.1);
  for (let o = 0; o < 16; o++) {
    const s = down.subarray(o * 37, (o + 1) * 37).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(s - 1) < 1e-12, `row ${o} sums to ${s}`);
  }
  // 4 -> 2 (scale 2): output 0 samples source 0.5: weights at -1, 0, 1, 2 = -0.09375, 0.59375, 0.59375, -0.09375,
  // and the clamped -1 folds onto 0.
  const half = bicubicMatrix(4, 2);
  assert.deepEqual(Array.from(half.subarray(0, 4)), [-0.09375 + 0.59375, 0.59375, -0.09375, 0]);
});

test("Swin geometry: relative-position index and the shifted-window mask (hand-computed for w = 2)", () => {
  // tokens (0,0), (0,1), (1,0), (1,1); index = (dy + 1) * 3 + (dx + 1)
  assert.deepEqual(Array.from(relativePositionIndex(2)), [4, 3, 1, 0, 5, 4, 2, 1, 7, 6, 4, 3, 8, 7, 5, 4]);
  // a 4x4 map shifted by 1 with 2x2 windows: the top-left window lies in one region (no mask),
  // the bottom-right window mixes 4 regions (every off-diagonal pair masked).
  const mask = shiftedWindowMask(4, 4, 2, 1, 1);
  const win = (k: number) => Array.from(mask.subarray(k * 16, (k + 1) * 16));
  assert.ok(win(0).every((v) => v === 0));
  assert.deepEqual(win(3), [0, -100, -100, -100, -100, 0, -100, -100, -100, -100, 0, -100, -100, -100, -100, 0]);
  // top-right window: columns 2 (region b) and 3 (region c) differ, rows 0-1 are one band
  assert.deepEqual(win(1), [0, -100, 0, -100, -100, 0, -100, 0, 0, -100, 0, -100, -100, 0, -100, 0]);
});
