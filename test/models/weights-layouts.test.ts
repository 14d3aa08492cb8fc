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
import { initBackend } from "../../src/backend/index";
import { main } from "../../src/cli/main";
import { buildExperimentModel } from "../../src/experiments/kit-model";
import { buildSpec } from "../../src/experiments/spec";
import { parseSafetensors, serializeSafetensors, type TypedData } from "../../src/io/safetensors";
import { MODEL_ENTRIES } from "../../src/models/entries";
import { createModel } from "../../src/models/registry";
import { loadTorchWeights } from "../../src/weights/load";
import { REPO } from "../paths";

interface Layout {
  repo: string;
  metadata: Record<string, string>;
  /** What the hub's file page shows of the real file, where it was seen. */
  listed: { fileMB: number } | null;
  tensors: [string, "F32" | "I64", number[]][];
}

const LAYOUTS = path.join(REPO, "src", "weights", "layouts");
const layouts: Layout[] = fs.readdirSync(LAYOUTS).map((f) => JSON.parse(fs.readFileSync(path.join(LAYOUTS, f), "utf8")));

/** A checkpoint of the layout with reproducible pseudo-random values, as the bytes of a file. */
function standIn(layout: Layout): Uint8Array {
  let state = 12345;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
  const tensors: Record<string, { shape: number[]; data: TypedData }> = {};
  for (const [name, dtype, shape] of layout.tensors) {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = dtype === "I64" ? new BigInt64Array(n) : new Float32Array(n);
    if (data instanceof Float32Array) for (let i = 0; i < n; i++) data[i] = next();
    tensors[name] = { shape, data };
  }
  return serializeSafetensors(tensors, layout.metadata);
}

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
    const layout = layouts.find((l) => l.repo === source.repo)!;
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

test("densenet121's stand-in, served over HTTP, fetched by 'dala data fetch weights' and loaded as an experiment's ImageNet start", async () => {
  const layout = layouts.find((l) => l.repo === "timm/densenet121.tv_in1k")!;
  const body = standIn(layout);
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
