import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultMicroBatch, fitMicroBatch, wasmMicroBatchLimit } from "../../src/training/micro-batch";

test("wasm micro-batch budget: 8 images at 224 px, scaling with the pixel count", () => {
  assert.equal(wasmMicroBatchLimit(224), 8);
  assert.equal(wasmMicroBatchLimit(112), 32);
  assert.equal(wasmMicroBatchLimit(448), 2);
  assert.equal(wasmMicroBatchLimit(4096), 1);
});

test("fitMicroBatch: the largest divisor of the batch within the budget", () => {
  assert.equal(fitMicroBatch(32, 8), 8); // the paper's batch on wasm at 224 px: 4 x 8
  assert.equal(fitMicroBatch(32, 32), 32);
  assert.equal(fitMicroBatch(30, 8), 6);
  assert.equal(fitMicroBatch(7, 4), 1);
  assert.equal(fitMicroBatch(8, 100), 8);
  assert.equal(fitMicroBatch(8, 0.5), 1);
});

test("dala train's default micro-batch: split only on wasm and only when the batch does not fit", () => {
  assert.equal(defaultMicroBatch("wasm", 32, 224), 8);
  assert.equal(defaultMicroBatch("wasm", 32, 112), undefined);
  assert.equal(defaultMicroBatch("wasm", 8, 64), undefined);
  assert.equal(defaultMicroBatch("node-gpu", 32, 224), undefined);
  assert.equal(defaultMicroBatch("node", 32, 224), undefined);
});
