import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initBackend } from "../../src/backend/index";
import { buildSpec } from "../../src/experiments/spec";
import { buildExperimentModel } from "../../src/experiments/kit-model";
import { runExperiment } from "../../src/experiments/run";
import { testMetrics, validationMetrics } from "../../src/experiments/test-metrics";
import { MemorySource } from "./fakes";
import { readCheckpoint } from "../../src/weights/read-checkpoint";
import { writeSafetensors } from "../../src/io/safetensors";

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

test("a registry model (DALAResNet50, ci scale) trains and is evaluated through runExperiment", async () => {
  const spec = buildSpec({ model: "dala_resnet50", dataset: "synthetic-breakhis", split: "paper", profile: "ci", batchSize: 4, attentionAfter: 2 });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dala-kit-"));
  const size = spec.modelOptions.inputSize;
  const out = await runExperiment(spec, {
    resultsRoot: root,
    progress: false,
    log: () => undefined,
    deps: {
      data: async () => ({ train: new MemorySource(4, 2, size, 1), val: new MemorySource(2, 2, size, 2), test: new MemorySource(4, 2, size, 3), description: {} }),
      model: async (s, n) => buildExperimentModel(s, n),
      testMetrics,
      validationMetrics,
    },
  });
  const config = JSON.parse(fs.readFileSync(path.join(out.dir, "config.json"), "utf8"));
  assert.equal(config.model.name, "dala_resnet50");
  assert.equal(config.model.options.attentionAfter, 2);
  assert.equal(config.model.init, "random");
  assert.ok(out.metrics.parameters > 0);
  const m = out.metrics.test;
  assert.equal(m.confusionMatrix.flat().reduce((a, b) => a + b, 0), 4);
  const log = fs.readFileSync(path.join(out.dir, "log.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(log[0].valMetrics).sort(), ["balancedAccuracy", "f1Macro", "gmean"]);
});

test("ImageNet start: a missing checkpoint is a clear error; a model without published weights starts fresh and says so", () => {
  const spec = buildSpec({ model: "resnet50", dataset: "breakhis", magnification: "40X", split: "paper", profile: "ci", init: "imagenet" });
  assert.throws(() => buildExperimentModel(spec, 2, { weightsFile: "/nonexistent/model.safetensors" }), /does not exist: run 'dala data fetch weights resnet50'/);
  const vit = buildExperimentModel({ ...spec, model: "vit", modelOptions: { ...spec.modelOptions, inputSize: 32 } }, 2);
  assert.match(String(vit.description.initNote), /no published ImageNet weights for 'vit'/);
  vit.dispose();
});

test("ImageNet start loads a torchvision-named checkpoint and keeps the head fresh", () => {
  const spec = buildSpec({ model: "resnet50", dataset: "breakhis", magnification: "40X", split: "paper", profile: "ci", init: "imagenet" });
  // The models area's conformance fixture: torchvision-named weights plus its test input/outputs (dropped here).
  const { tensors } = readCheckpoint(path.join(__dirname, "..", "fixtures", "models", "resnet50_w32.safetensors"));
  const fixture = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dala-w-")), "model.safetensors");
  writeSafetensors(fixture, Object.fromEntries(Object.entries(tensors).filter(([k]) => !k.startsWith("__"))));
  const built = buildExperimentModel({ ...spec, modelOptions: { ...spec.modelOptions, widthMultiplier: 1 / 32 } }, 2, { weightsFile: fixture });
  assert.ok((built.description.loadedTensors as number) > 100);
  assert.ok((built.description.freshVariables as string[]).length > 0, "the classifier head is fresh");
  built.dispose();
});
