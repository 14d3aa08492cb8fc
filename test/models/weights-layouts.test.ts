/**
 * Every pretrained model against the published checkpoint it starts from: a file with exactly that
 * checkpoint's tensor names, shapes and dtypes (src/weights/layouts, values random) goes through the
 * safetensors reader and the kit's weight mapping, and every tensor is either loaded or set aside for a
 * stated reason (a buffer, the replaced ImageNet head, a part the model does not have); none is left over.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { main } from "../../src/cli/main";
import { buildExperimentModel } from "../../src/experiments/kit-model";
import { buildSpec } from "../../src/experiments/spec";
import { parseSafetensors } from "../../src/io/safetensors";
import { checkpointLayouts, layoutOfModel, standInCheckpoint } from "../../src/weights/stand-in";
import { MODEL_ENTRIES } from "../../src/models/entries";
import { createModel } from "../../src/models/registry";
import { loadTorchWeights } from "../../src/weights/load";

const layouts = checkpointLayouts();
const standIn = standInCheckpoint;

const pretrained = Object.entries(MODEL_ENTRIES).flatMap(([name, e]) => ("weightsSource" in e ? [{ name, source: e.weightsSource }] : []));

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

test("each pinned checkpoint has a layout file, and the pretrained models are the paper's eight (+ the audit's DenseNet)", () => {
  assert.deepEqual(
    pretrained.map((p) => p.name).sort(),
    ["dala_resnet50", "densenet121", "densenet121_paper", "dinov2_vitb14", "resnet50", "seresnet50", "swin_b", "vgg16", "vgg16_inception"],
  );
  assert.deepEqual([...new Set(pretrained.map((p) => p.source.repo))].sort(), layouts.map((l) => l.repo).sort());
});

test("each layout makes a file of the size the hub lists for the real one (3 significant digits, as listed)", () => {
  for (const layout of layouts.filter((l) => l.listed)) {
    assert.equal(Number((standIn(layout).length / 1e6).toPrecision(3)), layout.listed!.fileMB, layout.repo);
  }
});

/** Why the mapping may set a checkpoint tensor aside: a buffer, the replaced head, or a part the model lacks by design. */
function setAsideFor(key: string, headLayers: readonly string[], unused: readonly RegExp[]): boolean {
  return /\.(num_batches_tracked|relative_position_index|attn_mask)$/.test(key) || headLayers.some((l) => key.startsWith(`${l}.`)) || unused.some((re) => re.test(key));
}

for (const { name, source } of pretrained) {
  test(`${name}: a file laid out as ${source.repo} loads with every tensor used or set aside for a reason, none left over`, () => {
    const layout = layoutOfModel(name);
    assert.equal(layout.repo, source.repo);
    const checkpoint = parseSafetensors(standIn(layout), `${source.repo} stand-in`);
    assert.equal(Object.keys(checkpoint.tensors).length, layout.tensors.length);
    const kit = createModel(name, { numClasses: 2 });
    try {
      const report = loadTorchWeights(kit, checkpoint, { source: `${source.repo} stand-in` });
      assert.equal(report.loaded.length + report.ignored.length, layout.tensors.length, "each tensor loaded or set aside, once");
      assert.equal(new Set([...report.loaded, ...report.ignored]).size, layout.tensors.length);
      const unexplained = report.ignored.filter((k) => !setAsideFor(k, kit.headLayers, source.unused ?? []));
      assert.deepEqual(unexplained, [], "set aside without a reason");
      const trainable = kit.model.weights.length;
      assert.ok(report.loaded.length > 0 && report.loaded.length + report.fresh.length === trainable, `${report.loaded.length} loaded + ${report.fresh.length} fresh = the model's ${trainable} variables`);
    } finally {
      kit.dispose();
    }
  });
}

test("stand-in values keep a network finite: ResNet50 from its stand-in gives finite logits in inference", () => {
  const checkpoint = parseSafetensors(standIn(layoutOfModel("resnet50")), "resnet50 stand-in");
  const kit = createModel("resnet50", { numClasses: 2, inputSize: 64 });
  try {
    loadTorchWeights(kit, checkpoint, { source: "resnet50 stand-in" });
    const x = tf.randomUniform([2, 64, 64, 3], 0, 1, "float32", 1);
    const logits = (kit.model.predict(x) as tf.Tensor).dataSync();
    x.dispose();
    assert.ok(logits.every(Number.isFinite) && logits.some((v) => v !== 0), `logits ${[...logits]}`);
  } finally {
    kit.dispose();
  }
});

test("densenet121's stand-in, written by 'dala data stand-in weights', served over HTTP, fetched by 'dala data fetch weights' and loaded as an experiment's ImageNet start", async () => {
  const layout = layoutOfModel("densenet121");
  const written = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dala-weights-written-")), "model.safetensors");
  const quiet = [console.log, console.error];
  console.log = console.error = () => undefined;
  try {
    assert.equal(await main(["data", "stand-in", "weights", "densenet121", "--out", written]), 0);
  } finally {
    [console.log, console.error] = quiet;
  }
  const body = fs.readFileSync(written);
  assert.ok(body.equals(standIn(layout)), "the command writes the layout's stand-in");
  fs.rmSync(path.dirname(written), { recursive: true, force: true });
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-length": body.length }).end(body));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "dala-weights-standin-"));
  const saved = { cache: process.env.DALA_CACHE, log: console.log, error: console.error };
  process.env.DALA_CACHE = cache;
  console.log = console.error = () => undefined;
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.safetensors`;
    assert.equal(await main(["data", "fetch", "weights", "densenet121", "--url", url]), 0);
    const built = buildExperimentModel(buildSpec({ model: "densenet121", dataset: "breakhis", split: "paper", profile: "paper" }), 2);
    try {
      assert.equal(built.description.loadedTensors, 604);
      assert.deepEqual(built.description.freshVariables, ["classifier/kernel", "classifier/bias"]);
      assert.equal((built.description.ignoredTensors as string[]).length, layout.tensors.length - 604);
    } finally {
      built.dispose();
    }
  } finally {
    if (saved.cache === undefined) delete process.env.DALA_CACHE;
    else process.env.DALA_CACHE = saved.cache;
    [console.log, console.error] = [saved.log, saved.error];
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(cache, { recursive: true, force: true });
  }
});
