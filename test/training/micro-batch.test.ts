import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fitRequestToBackend, specToRun } from "../../src/experiments/micro-batch-fit";
import { findFinishedRun, RESULT_FILES } from "../../src/experiments/run-dir";
import { buildSpec, experimentKey, type TrainRequest } from "../../src/experiments/spec";
import { defaultMicroBatch, fitMicroBatch, wasmMicroBatchLimit, webgpuMemoryBudget, webgpuMicroBatchLimit } from "../../src/training/micro-batch";

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

test("dala train's default micro-batch: split only when the backend has a limit and the batch exceeds it", () => {
  assert.equal(defaultMicroBatch(32, wasmMicroBatchLimit(224)), 8);
  assert.equal(defaultMicroBatch(32, wasmMicroBatchLimit(112)), undefined);
  assert.equal(defaultMicroBatch(8, wasmMicroBatchLimit(64)), undefined);
  assert.equal(defaultMicroBatch(32, undefined), undefined); // native backends
  assert.equal(defaultMicroBatch(32, 12), 8);
});

const MiB = 2 ** 20;
const GiB = 2 ** 30;
// A ResNet50-like pass: 1 GiB of weights and Adam moments, 0.5 GiB fixed, 250 MiB and a 3.2 MB activation per image.
const step = { heldBytes: GiB, fixedBytes: 0.5 * GiB, bytesPerImage: 250 * MiB, largestBufferPerImage: 3.2e6 };

test("webgpu micro-batch limit: the adapter's binding size bounds the largest tensor, the memory the whole pass", () => {
  // llvmpipe binds at most 128 MiB: 41 images of 3.2 MB; with 8 GiB, (8 - 1.5) GiB / 250 MiB = 26.
  assert.equal(webgpuMicroBatchLimit(step, { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 4 * GiB }), 41);
  assert.equal(webgpuMicroBatchLimit(step, { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 4 * GiB }, 8 * GiB), 26);
  // maxBufferSize can be the tighter of the two; a pass that fits no image still runs one at a time.
  assert.equal(webgpuMicroBatchLimit(step, { maxStorageBufferBindingSize: 4 * GiB, maxBufferSize: 32 * MiB }), 10);
  assert.equal(webgpuMicroBatchLimit(step, { maxStorageBufferBindingSize: 4 * GiB, maxBufferSize: 4 * GiB }, GiB), 1);
});

test("webgpu memory budget: DALA_WEBGPU_MEMORY_GIB, else half the system memory for a software adapter, else unknown", () => {
  assert.equal(webgpuMemoryBudget(false, { DALA_WEBGPU_MEMORY_GIB: "80" }, 64 * GiB), 80 * GiB);
  assert.equal(webgpuMemoryBudget(true, {}, 64 * GiB), 32 * GiB);
  assert.equal(webgpuMemoryBudget(false, {}, 64 * GiB), undefined);
  assert.throws(() => webgpuMemoryBudget(false, { DALA_WEBGPU_MEMORY_GIB: "lots" }), /DALA_WEBGPU_MEMORY_GIB must be a positive number/);
});

test("a request without a micro-batch: fitted to wasm at 224 px, and satisfied by a finished run of any micro-batch (whole batch first)", async () => {
  const wasm = { name: "wasm", tfjsName: "wasm", version: "4.22.0", threads: 2, skipped: {} } as const;
  const paper: TrainRequest = { model: "dala_resnet50", dataset: "breakhis", magnification: "40X", split: "paper", profile: "paper-smoke" };
  const fitted = await fitRequestToBackend(paper, wasm);
  assert.equal(fitted.request.microBatchSize, 8);
  assert.match(fitted.note!, /wasm heap \(4 GiB\): batch 32 at 224 px runs as 4 micro-batches of 8/);
  assert.deepEqual(await fitRequestToBackend(paper, { ...wasm, name: "node", tfjsName: "tensorflow" }), { request: paper }, "native backends: one pass");
  assert.deepEqual(await fitRequestToBackend({ ...paper, microBatchSize: 16 }, wasm), { request: { ...paper, microBatchSize: 16 } }, "a named micro-batch stays");
  const study: TrainRequest = { model: "resnet50", dataset: "synthetic-breakhis", magnification: "40X", split: "paper", profile: "study" };
  assert.deepEqual(await fitRequestToBackend(study, wasm), { request: study }, "64 px, batch 32 fits one pass");

  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dala-micro-find-"));
  const finish = (request: TrainRequest) => {
    const dir = path.join(root, "runs", experimentKey(buildSpec(request)));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, RESULT_FILES.config), JSON.stringify({ spec: buildSpec(request) }));
    fs.writeFileSync(path.join(dir, RESULT_FILES.metrics), "{}");
    fs.writeFileSync(path.join(dir, RESULT_FILES.done), new Date().toISOString());
    return experimentKey(buildSpec(request));
  };
  try {
    assert.equal(findFinishedRun(root, paper), undefined);
    const onWasm = finish({ ...paper, microBatchSize: 8 });
    assert.equal(findFinishedRun(root, paper)?.key, onWasm, "the wasm run answers a request naming no micro-batch");
    assert.equal((await specToRun(root, paper, wasm)).note, undefined, "and is reused, not fitted and trained again");
    assert.equal(findFinishedRun(root, { ...paper, microBatchSize: 16 }), undefined, "a named micro-batch is only itself");
    const onGpu = finish(paper);
    assert.equal(findFinishedRun(root, paper)?.key, onGpu, "the whole batch in one pass comes first");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
