/** The arithmetic of `dala bench`: medians, run counts, ratios against PyTorch and the targets. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { median, timeRuns } from "../../src/bench/timing";
import { pytorchRatios, targetChecks } from "../../src/bench/report";
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
