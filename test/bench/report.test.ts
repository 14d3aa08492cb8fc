/** The arithmetic of `dala bench`: medians, run counts, ratios against PyTorch and the targets. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { median, timeRuns } from "../../src/bench/timing";
import { adapterNotes, hardwareGpuBackends, pytorchRatios, targetChecks } from "../../src/bench/report";
import type { BackendInfo } from "../../src/backend/index";
import { recordFrom, type BenchRecord } from "../../src/bench/workload";

test("median of odd and even counts; empty is an error", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), /no values/);
});

test("timeRuns: warm-up runs are not timed; runs continue to the minimum count", async () => {
  let calls = 0;
  const t = await timeRuns(async () => void calls++, { warmup: 2, minRuns: 3, minSeconds: 0, maxRuns: 10 });
  assert.equal(calls, 5);
  assert.equal(t.runs, 3);
  assert.ok(t.minMs <= t.medianMs && t.medianMs >= 0);
});

test("recordFrom: per-image time and throughput from a batch's median", () => {
  const r = recordFrom({ backend: "wasm", threads: 2, kind: "forward", model: "resnet50", size: 224, batch: 8 }, { runs: 3, medianMs: 800 });
  assert.equal(r.msPerImage, 100);
  assert.equal(r.imagesPerSecond, 10);
});

test("ratios pair each ResNet50 record with PyTorch's at the same size and kind (the frozen-trunk tail has none); targets at 224 px", () => {
  const rec = (backend: string, kind: BenchRecord["kind"], size: number, msPerBatch: number, model = "resnet50") =>
    recordFrom({ backend, threads: 2, kind, model, size, batch: 2 }, { runs: 1, medianMs: msPerBatch });
  const records = [
    rec("wasm", "forward", 224, 200),
    rec("wasm", "train-step", 224, 1000),
    rec("wasm", "train-step-frozen-trunk", 224, 100),
    rec("wasm", "forward", 112, 60),
    rec("wasm", "dt-gradcam", 224, 2400, "dala_resnet50"),
    rec("pytorch", "forward", 224, 80),
    rec("pytorch", "train-step", 224, 250),
  ];
  const ratios = pytorchRatios(records);
  assert.deepEqual(
    ratios.map((r) => [r.kind, r.size, r.timesSlowerThanPytorch]),
    [
      ["forward", 224, 2.5],
      ["train-step", 224, 4],
    ],
  );
  const checks = targetChecks(records, ratios);
  assert.deepEqual(
    checks.map((c) => [c.met, c.value]),
    [
      [true, 2.5],
      [true, 4],
      [false, 1.2],
    ],
  );
});

test("webgpu: GPU targets only for a hardware adapter (training 10x wasm per image, DT Grad-CAM under 100 ms); a software adapter is named as meaningless", () => {
  const rec = (backend: string, kind: BenchRecord["kind"], msPerBatch: number, batch: number, model = "resnet50") =>
    recordFrom({ backend, threads: 1, kind, model, size: 224, batch }, { runs: 1, medianMs: msPerBatch });
  const records = [rec("wasm", "train-step", 8000, 8), rec("webgpu", "train-step", 2400, 32), rec("webgpu", "dt-gradcam", 120, 1, "dala_resnet50")];
  const limits = { maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31 };
  const gpuAdapter = { vendor: "nvidia", architecture: "hopper", device: "H100", description: "NVIDIA 550", software: false, ...limits };
  const llvmpipe = { vendor: "mesa", architecture: "software", device: "llvmpipe", description: "Mesa 25.0.7", software: true, ...limits };
  const info = (software: boolean) =>
    ({ name: "webgpu", tfjsName: "webgpu", version: "4.22.0", threads: 1, skipped: {}, adapter: software ? llvmpipe : gpuAdapter }) as BackendInfo;
  assert.deepEqual(hardwareGpuBackends([info(false)]), ["webgpu"]);
  assert.deepEqual(hardwareGpuBackends([info(true)]), []);
  const gpu = targetChecks(records, [], ["webgpu"]).filter((c) => c.backend === "webgpu" && !c.target.includes("1 s"));
  assert.deepEqual(
    gpu.map((c) => [c.target, c.met, c.value]),
    [
      ["ResNet50 train-step 224 px (batch 32) at least 10x faster per image than wasm", true, 1000 / 75],
      ["DT Grad-CAM (N = 8) 224 px under 100 ms/image on a GPU", false, 0.12],
    ],
  );
  assert.equal(targetChecks(records, []).filter((c) => c.target.includes("GPU") || c.target.includes("10x")).length, 0);
  const [note] = adapterNotes([info(true)]);
  assert.match(note, /^webgpu ran on software adapter: .*device llvmpipe.*mean nothing for GPU speed/);
  assert.doesNotMatch(adapterNotes([info(false)])[0], /software|nothing/);
});
