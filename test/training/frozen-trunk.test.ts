/**
 * The frozen-trunk mode: the feature store (resumable, checked), extraction (the trunk's output of every
 * symmetry of every image), the feature source (seeded symmetry draws), and a whole run of the kit.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { dihedralTransform } from "../../src/data/pipeline/dihedral";
import { kitDeps } from "../../src/experiments/kit-deps";
import { openExperimentData } from "../../src/experiments/kit-data";
import { runExperiment } from "../../src/experiments/run";
import { loadRunModel } from "../../src/experiments/run-model";
import { buildSpec, experimentLabel } from "../../src/experiments/spec";
import { trainArgs, requestFromCli } from "../../src/experiments/command-line";
import { extractFeatures } from "../../src/training/frozen-trunk/extract";
import { FeatureBatchSource } from "../../src/training/frozen-trunk/feature-source";
import { FeatureStore } from "../../src/training/frozen-trunk/feature-store";
import { loadCheckpoint } from "../../src/training/checkpoint";
import { loadPredictions } from "../../src/training/predict";
import { MemorySource, tinyModel } from "./fakes";
import { scenarioConfig } from "./scenario";
import { splitAtLayer } from "../../src/models/split-at-layer";
import { train } from "../../src/training/trainer";
import type { Batch, BatchOptions, BatchSource } from "../../src/data/batch-source";

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "dala-frozen-"));

function storeInit(items: number, transforms: number, key = "k1") {
  return { key, shape: [2, 2, 3], items, transforms, labels: Array.from({ length: items }, (_, i) => i % 2), indices: Array.from({ length: items }, (_, i) => 10 + i), classNames: ["a", "b"], description: {} };
}

test("feature store: records round-trip, partial fills survive reopening, mismatches are refused", () => {
  const dir = path.join(tmp(), "store");
  const store = FeatureStore.create(dir, storeInit(3, 2));
  const record = (item: number, t: number) => Float32Array.from({ length: 12 }, (_, i) => item * 100 + t * 10 + i);
  const batch = (items: number[]) => {
    const out = new Float32Array(items.length * 2 * 12);
    items.forEach((item, k) => [0, 1].forEach((t) => out.set(record(item, t), (k * 2 + t) * 12)));
    return out;
  };
  store.append(batch([0, 1]), 2);
  assert.equal(store.filled, 2);
  assert.throws(() => store.read(2, 0), /item 2 is not filled \(2 of 3\)/);
  assert.throws(() => store.append(batch([2, 3]), 2), /2 \+ 2 items exceed 3/);
  store.close();

  const reopened = FeatureStore.open(dir, "k1")!;
  assert.equal(reopened.filled, 2);
  assert.equal(reopened.complete, false);
  reopened.append(batch([2]), 1);
  assert.equal(reopened.complete, true);
  for (const item of [0, 1, 2]) for (const t of [0, 1]) assert.deepEqual(reopened.read(item, t), record(item, t));
  assert.throws(() => reopened.read(0, 2), /transform 2 outside 0..1/);
  reopened.close();

  assert.equal(FeatureStore.open(path.join(dir, "..", "none"), "k1"), undefined);
  assert.throws(() => FeatureStore.open(dir, "k2"), /holds features for key k1.*expected k2/);
  fs.truncateSync(path.join(dir, "features.f32"), 100);
  assert.throws(() => FeatureStore.open(dir, "k1"), /100 bytes, but 3 filled items need 288/);
  assert.throws(() => FeatureStore.create(path.join(dir, "..", "bad"), { ...storeInit(3, 1), labels: [0] }), /1 labels for 3 items/);
});

test("feature extraction: each item's record under transform t is the trunk's output of symmetry t; an interrupted fill continues", async () => {
  const source = new MemorySource(7, 2, 4, 5);
  const trunk = (x: tf.Tensor4D) => tf.relu(tf.conv2d(x, tf.tensor4d(Float32Array.from({ length: 2 * 2 * 3 * 3 }, (_, i) => Math.sin(i)), [2, 2, 3, 3]), 1, "valid"));
  const init = () => ({ ...storeInit(7, 8), shape: [3, 3, 3], labels: Array.from(source.labels), indices: Array.from({ length: 7 }, (_, i) => i) });
  const dir = path.join(tmp(), "store");
  const store = FeatureStore.create(dir, init());
  let calls = 0;
  await assert.rejects(
    extractFeatures(trunk, source, store, {
      batchSize: 3,
      onProgress: () => {
        if (++calls === 1) throw new Error("killed");
      },
    }),
    /killed/,
  );
  const resumed = FeatureStore.open(dir, "k1")!;
  assert.equal(resumed.filled, 3);
  const progress: number[] = [];
  await extractFeatures(trunk, source, resumed, { batchSize: 2, onProgress: (filled) => progress.push(filled) });
  assert.deepEqual(progress, [4, 6, 7], "the first 3 items were not computed again");

  const fresh = FeatureStore.create(path.join(tmp(), "fresh"), init());
  await extractFeatures(trunk, source, fresh, { batchSize: 7 });
  let images: tf.Tensor4D | undefined;
  for await (const b of source.batches({ batchSize: 7 })) images = b.x;
  for (let t = 0; t < 8; t++) {
    const expected = trunk(dihedralTransform(images!, t)).dataSync();
    for (let item = 0; item < 7; item++) {
      const want = expected.subarray(item * 27, (item + 1) * 27);
      assert.deepEqual(resumed.read(item, t), Float32Array.from(want), `item ${item} transform ${t}`);
      assert.deepEqual(fresh.read(item, t), Float32Array.from(want));
    }
  }
  const other = FeatureStore.create(path.join(tmp(), "other"), { ...init(), indices: [0, 1, 2, 3, 4, 5, 9] });
  await assert.rejects(extractFeatures(trunk, source, other, { batchSize: 4 }), /item 6 of the source is row 6, the store expects row 9/);
});

test("feature source: one seeded symmetry per item and pass, independent of batching; transform 0 without augmentation", async () => {
  const dir = path.join(tmp(), "store");
  const items = 40;
  const store = FeatureStore.create(dir, { ...storeInit(items, 8), shape: [1, 1, 1] });
  // Record value = item * 8 + transform, so a batch shows which transform each item got.
  store.append(Float32Array.from({ length: items * 8 }, (_, i) => i), items);
  const source = new FeatureBatchSource(store);
  const drawn = async (opts: { batchSize: number; augment?: boolean; augmentSeed?: number; shuffleSeed?: number }) => {
    const got = new Map<number, number>();
    for await (const b of source.batches(opts)) {
      const v = b.x.dataSync();
      b.indices.forEach((row, k) => {
        assert.equal(b.labels[k], (row - 10) % 2);
        got.set(row - 10, v[k] - (row - 10) * 8);
      });
      b.x.dispose();
    }
    return got;
  };
  const a = await drawn({ batchSize: 7, augment: true, augmentSeed: 3 });
  const b = await drawn({ batchSize: 16, augment: true, augmentSeed: 3, shuffleSeed: 9 });
  assert.deepEqual([...b.entries()].sort((x, y) => x[0] - y[0]), [...a.entries()].sort((x, y) => x[0] - y[0]));
  assert.equal(a.size, items);
  assert.ok(new Set(a.values()).size >= 6, "draws spread over the symmetries");
  const c = await drawn({ batchSize: 7, augment: true, augmentSeed: 4 });
  assert.notDeepEqual([...c.values()], [...a.values()]);
  assert.deepEqual(new Set((await drawn({ batchSize: 5 })).values()), new Set([0]));
  const partial = FeatureStore.create(path.join(tmp(), "partial"), storeInit(2, 1));
  assert.throws(() => new FeatureBatchSource(partial), /is incomplete \(0 of 2 items\)/);
});

/** A source whose images went through `f` (the trunk), for training a tail without a store. */
class MappedSource implements BatchSource {
  constructor(private readonly inner: BatchSource, private readonly f: (x: tf.Tensor4D) => tf.Tensor4D) {}
  get length() {
    return this.inner.length;
  }
  get numClasses() {
    return this.inner.numClasses;
  }
  get classNames() {
    return this.inner.classNames;
  }
  get labels() {
    return this.inner.labels;
  }
  async *batches(opts: BatchOptions): AsyncIterable<Batch> {
    for await (const b of this.inner.batches(opts)) {
      const x = tf.tidy(() => this.f(b.x));
      b.x.dispose();
      yield { ...b, x };
    }
  }
}

test("training a tail with checkpointModel: checkpoints hold the whole network, and a crashed run resumes to the same weights", async () => {
  const run = async (dir: string, extra: { resume?: boolean; crashAfter?: number } = {}) => {
    const model = tinyModel({ classes: 3, dropout: 0.25 });
    const cut = model.layers.find((l) => l.getClassName() === "Activation")!.name;
    const { trunk, tail, dispose } = splitAtLayer(model, cut);
    const features = (s: BatchSource) => new MappedSource(s, (x) => trunk.predict(x) as tf.Tensor4D);
    try {
      await train({
        model: tail,
        checkpointModel: model,
        train: features(new MemorySource(36, 3, 8, 11)),
        val: features(new MemorySource(12, 3, 8, 12)),
        config: scenarioConfig(),
        runDir: dir,
        progress: false,
        resume: extra.resume,
        onEpochEnd: (r) => {
          if (r.epoch === extra.crashAfter) throw new Error("simulated crash");
        },
      });
      return { initialKernel: Array.from(tinyModel({ classes: 3, dropout: 0.25 }).weights[0].read().dataSync()), count: model.weights.length };
    } finally {
      dispose();
      model.dispose();
    }
  };
  const straight = tmp();
  const { initialKernel, count } = await run(straight);
  const last = loadCheckpoint(path.join(straight, "last.safetensors"));
  assert.equal(last.weights.length, count, "the whole network, not only the tail");
  assert.deepEqual(Array.from(last.weights[0].data), initialKernel, "the trunk's convolution did not train");
  const broken = tmp();
  await assert.rejects(run(broken, { crashAfter: 2 }), /simulated crash/);
  await run(broken, { resume: true });
  const resumed = loadCheckpoint(path.join(broken, "last.safetensors"));
  assert.deepEqual(resumed.weights.map((w) => Array.from(w.data)), last.weights.map((w) => Array.from(w.data)));
});

test("a frozen-trunk run: labelled, trunk unchanged, whole-model checkpoints, test predictions of the whole model, stores reused", async () => {
  const root = tmp();
  const where = { dataDir: path.join(root, "data"), cacheDir: path.join(root, "cache") };
  const request = requestFromCli({ model: "dala_resnet50", dataset: "synthetic-breakhis", profile: "ci", epochs: "2", "frozen-trunk": true }, "ci");
  assert.ok(trainArgs(request).includes("--frozen-trunk"));
  const spec = buildSpec(request);
  assert.deepEqual(spec.frozenTrunk, { trunk: "frozen, batch norm in inference mode", augmentation: "dihedral-8" });
  assert.match(experimentLabel(spec), /\[frozen trunk\]$/);
  assert.throws(() => buildSpec({ ...request, model: "vgg16" }), /'vgg16' has no frozen-trunk mode \(only resnet50, dala_resnet50, seresnet50\)/);

  const messages: string[] = [];
  const deps = kitDeps({ data: where });
  const before = tf.memory().numTensors;
  const run = await runExperiment(spec, { resultsRoot: path.join(root, "results"), deps, progress: false, log: (m) => messages.push(m), featureCacheDir: where.cacheDir });
  assert.equal(tf.memory().numTensors, before, "extraction and training leave no tensor behind");
  assert.ok(messages.some((m) => m.includes("storing features after 'layer3.5.relu3'")));
  const config = JSON.parse(fs.readFileSync(path.join(run.dir, "config.json"), "utf8"));
  assert.equal(config.model.frozenTrunk.cutLayer, "layer3.5.relu3");
  assert.ok(config.model.trainableParameters < config.model.parameters);
  const data = await openExperimentData(spec, where);
  assert.equal(config.model.frozenTrunk.stores.train.transforms, 8);
  assert.equal(config.model.frozenTrunk.stores.train.items, data.train.length);
  assert.equal(config.model.frozenTrunk.stores.test.transforms, 1);

  // The checkpoint holds the whole model: its trunk as initialised, its tail trained.
  const initial = (await deps.model(spec, 2)).model;
  const best = loadCheckpoint(path.join(run.dir, "best.safetensors"));
  assert.equal(best.weights.length, initial.weights.length);
  const changed = initial.weights.map((w, i) => Array.from(w.read().dataSync()).some((v, j) => v !== best.weights[i].data[j]));
  initial.weights.forEach((w, i) => {
    if (w.name.startsWith("layer4") || w.name.startsWith("attention") || w.name.startsWith("fc")) return;
    assert.equal(changed[i], false, `${w.name} is frozen`);
  });
  assert.ok(changed.some(Boolean), "the tail trained");
  initial.dispose();

  // Test predictions (the tail on stored features) are the whole model's on the test images.
  const predictions = loadPredictions(path.join(run.dir, "test-predictions.safetensors"));
  const model = loadRunModel(run.dir);
  let offset = 0;
  for await (const b of data.test.batches({ batchSize: 16 })) {
    const logits = (model.model.predict(b.x) as tf.Tensor).dataSync();
    logits.forEach((v, i) => assert.ok(Math.abs(v - predictions.logits[offset + i]) < 1e-4, `logit ${offset + i}: ${v} vs ${predictions.logits[offset + i]}`));
    offset += logits.length;
    b.x.dispose();
  }
  assert.equal(offset, predictions.logits.length);
  model.dispose();

  // The same trunk in another results directory finds the stored features again.
  messages.length = 0;
  const tensors = tf.memory().numTensors;
  await runExperiment(spec, { resultsRoot: path.join(root, "results2"), deps, progress: false, log: (m) => messages.push(m), featureCacheDir: where.cacheDir });
  assert.ok(!messages.some((m) => m.includes("storing features")), "the stored features were reused");
  assert.equal(tf.memory().numTensors, tensors, "a whole frozen-trunk run leaves no tensor behind");
});

test("two frozen-trunk runs sharing a trunk, started at once: one fills the feature stores, the other waits for it and reuses them", async () => {
  const root = tmp();
  const where = { dataDir: path.join(root, "data"), cacheDir: path.join(root, "cache") };
  const spec = buildSpec(requestFromCli({ model: "dala_resnet50", dataset: "synthetic-breakhis", profile: "ci", epochs: "1", "frozen-trunk": true }, "ci"));
  const deps = kitDeps({ data: where });
  const logs: string[][] = [[], []];
  const runs = await Promise.all(
    logs.map((messages, i) => runExperiment(spec, { resultsRoot: path.join(root, `results${i}`), deps, progress: false, log: (m) => messages.push(m), featureCacheDir: where.cacheDir })),
  );
  const filled = logs.map((m) => m.some((l) => l.includes("storing features")));
  assert.deepEqual([...filled].sort(), [false, true], "exactly one run extracted features");
  const waiter = logs[filled.indexOf(false)];
  assert.ok(waiter.some((l) => new RegExp(`frozen trunk: features \\w+ is held by PID ${process.pid}`).test(l)), waiter.join("\n"));
  assert.deepEqual(runs[0].metrics.test, runs[1].metrics.test, "the same features give the same results");
  assert.deepEqual(fs.readdirSync(path.join(where.cacheDir, "features")).filter((f) => !/^[0-9a-f]{24}$/.test(f)), [], "no lock left behind");
});
