import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initBackend } from "../../src/backend/index";
import { openExperimentData } from "../../src/experiments/kit-data";
import { buildSpec } from "../../src/experiments/spec";

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), "dala-kitdata-"));
const where = { dataDir: path.join(root, "data"), cacheDir: path.join(root, "cache") };

test("experiment data: synthetic set, saved split, three disjoint image sources scaled to [-1, 1]", async () => {
  const spec = buildSpec({ model: "dala_resnet50", dataset: "synthetic-breakhis", split: "paper", profile: "ci" });
  const data = await openExperimentData(spec, where);
  const d = data.description as any;
  assert.equal(data.train.length + data.val.length + data.test.length, d.images);
  assert.equal(d.split.train, data.train.length);
  assert.ok(fs.existsSync(d.split.file), "the split is saved");
  assert.equal(data.train.numClasses, 2);
  const rows = (s: typeof data.train) => Array.from((s as any).rows as Int32Array);
  const all = [...rows(data.train), ...rows(data.val), ...rows(data.test)];
  assert.equal(new Set(all).size, all.length, "no image in two parts");
  for await (const b of data.val.batches({ batchSize: 4 })) {
    assert.deepEqual(b.x.shape.slice(1), [32, 32, 3]);
    const v = b.x.dataSync();
    assert.ok(Math.min(...v) >= -1 && Math.max(...v) <= 1);
    b.x.dispose();
    break;
  }
  const again = await openExperimentData(spec, where);
  assert.deepEqual(rows(again.test), rows(data.test), "a second run reuses the saved split");
});

test("experiment data: the patient split leaves no patient on two sides; unknown data sets are named", async () => {
  const spec = buildSpec({ model: "resnet50", dataset: "synthetic-breakhis", split: "patient", profile: "ci" });
  const data = await openExperimentData(spec, where);
  assert.equal((data.description as any).leakage.sharedPatients, 0);
  await assert.rejects(openExperimentData(buildSpec({ model: "resnet50", dataset: "breakhis", split: "paper", profile: "ci" }), where), /synthetic-breakhis/);
});
