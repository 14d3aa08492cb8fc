import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { spawn } from "node:child_process";
import { initBackend } from "../../src/backend/index";
import { buildSpec, experimentKey, type TrainRequest } from "../../src/experiments/spec";
import { gridEntries, PAPER_MODELS } from "../../src/experiments/grid";
import { getProfile, seedsOf } from "../../src/profiles";
import { commandLine, requestFromCli, shellQuote, trainArgs } from "../../src/experiments/command-line";
import { runExperiment } from "../../src/experiments/run";
import { findFinishedRun, finishedRuns, RESULT_FILES } from "../../src/experiments/run-dir";
import { loadPredictions } from "../../src/training/predict";
import { readJsonl } from "../../src/training/epoch-log";
import { fakeDeps } from "./fake-deps";
import { FLAVOURS } from "../../src/data/synthetic/flavours";
import { syntheticDir } from "../../src/data/synthetic/generate";

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

const base: TrainRequest = { model: "dala_resnet50", dataset: "breakhis", magnification: "40X", split: "paper", profile: "paper" };

test("the spec expands the profile: paper = Adam 1e-4, batch 32, 50 epochs, 224 px, ImageNet start", () => {
  const s = buildSpec(base);
  assert.equal(s.training.optimizer.learningRate, 1e-4);
  assert.equal(s.training.batchSize, 32);
  assert.equal(s.training.epochs, 50);
  assert.equal(s.modelOptions.inputSize, 224);
  assert.equal(s.init, "imagenet");
  assert.equal(s.data.source, "real");
  assert.equal(buildSpec({ ...base, profile: "demo" }).init, "random");
});

test("experiment keys: stable, and changed by anything that changes results", () => {
  const k = experimentKey(buildSpec(base));
  assert.match(k, /^[0-9a-f]{16}$/);
  assert.equal(experimentKey(buildSpec({ ...base })), k);
  assert.equal(experimentKey(buildSpec({ ...base, seed: 0 })), k, "the profile's seed made explicit is the same run");
  for (const change of [{ seed: 1 }, { split: "patient" as const }, { magnification: "100X" as const }, { microBatchSize: 8 }, { attentionAfter: 2 as const }, { profile: "demo" as const }]) {
    assert.notEqual(experimentKey(buildSpec({ ...base, ...change })), k, JSON.stringify(change));
  }
  assert.throws(() => buildSpec({ ...base, split: "slide" as any }), /split must be one of paper, patient/);
  assert.throws(() => buildSpec({ ...base, microBatchSize: 5 }), /microBatchSize 5 must divide batchSize 32/);
});

test("the paper-smoke grid has each of the paper's nine models and each of its data sets and both splits, at the paper's sizes, each run once", () => {
  const smoke = gridEntries("paper-smoke");
  const paper = gridEntries("paper").filter((e) => e.request.seed === 0);
  const models = (es: typeof smoke) => [...new Set(es.map((e) => e.request.model))].sort();
  const sets = (es: typeof smoke) => [...new Set(es.map((e) => `${e.request.dataset} ${e.request.magnification ?? ""}`))].sort();
  const splits = (es: typeof smoke) => [...new Set(es.map((e) => e.request.split))].sort();
  assert.deepEqual(models(smoke), models(paper));
  assert.deepEqual(sets(smoke), sets(paper));
  assert.deepEqual(splits(smoke), splits(paper));
  assert.deepEqual([...new Set(smoke.map((e) => e.request.attentionAfter ?? 4))].sort(), [1, 2, 3, 4]);
  assert.equal(new Set(smoke.map((e) => e.key)).size, smoke.length, "no run twice");
  const spec = buildSpec(smoke[0].request);
  assert.deepEqual(
    [spec.modelOptions.inputSize, spec.modelOptions.widthMultiplier, spec.training.batchSize, spec.training.optimizer.learningRate, spec.init, spec.training.epochs],
    [224, 1, 32, 1e-4, "imagenet", 1],
  );
});

test("a retuned synthetic recipe gets a new data folder and new run keys; the other sets keep theirs", () => {
  const bach: TrainRequest = { model: "resnet50", dataset: "synthetic-bach", split: "paper", profile: "study" };
  const breakhis: TrainRequest = { ...bach, dataset: "synthetic-breakhis", magnification: "40X" };
  const settings = { flavour: "synthetic-bach" as const, count: 1440, size: 64, seed: 0 };
  const before = { dir: syntheticDir("/d", settings), bach: experimentKey(buildSpec(bach)), breakhis: experimentKey(buildSpec(breakhis)) };
  assert.match(before.dir, /64px-n1440-seed0-recipe[0-9a-f]{8}$/);
  const invasive = FLAVOURS["synthetic-bach"].classes[3];
  const spread = invasive.radiusSpread;
  try {
    invasive.radiusSpread = spread + 0.01;
    assert.notEqual(syntheticDir("/d", settings), before.dir);
    assert.notEqual(experimentKey(buildSpec(bach)), before.bach);
    assert.equal(experimentKey(buildSpec(breakhis)), before.breakhis);
  } finally {
    invasive.radiusSpread = spread;
  }
  assert.equal(experimentKey(buildSpec(bach)), before.bach);
  assert.equal(buildSpec({ ...base }).data.syntheticRecipe, undefined, "real data has no recipe");
});

test("the paper grid, per seed: 9 models x 6 data sets (54) + Table 2 layers 1-3 (12; layer 4 is DALAResNet50 itself) on the paper split, + 36 patient-split runs", () => {
  assert.equal(PAPER_MODELS.length, 9);
  const seeds = getProfile("paper").seeds;
  assert.deepEqual(seeds, [0, 1, 2]);
  const all = gridEntries("paper");
  const paperSplit = gridEntries("paper", { split: "paper" });
  assert.equal(paperSplit.filter((e) => e.group === "baseline").length, 54 * seeds.length);
  assert.equal(paperSplit.filter((e) => e.group === "ablation").length, 12 * seeds.length);
  assert.equal(gridEntries("paper", { split: "patient" }).length, 36 * seeds.length);
  assert.equal(all.length, 102 * seeds.length);
  assert.equal(new Set(all.map((e) => e.key)).size, all.length, "keys are unique");
  assert.deepEqual([...new Set(all.map((e) => e.request.seed))], [...seeds]);
  // asked for on its own, the ablation has all four positions: its layer4 run is the baseline's DALAResNet50
  const ablation = gridEntries("paper", { group: "ablation" });
  assert.equal(ablation.length, 16 * seeds.length);
  assert.deepEqual([...new Set(ablation.map((e) => e.request.attentionAfter ?? 4))], [1, 2, 3, 4]);
  const baselineKeys = new Set(all.filter((e) => e.group === "baseline").map((e) => e.key));
  assert.ok(ablation.filter((e) => e.request.attentionAfter === undefined).every((e) => baselineKeys.has(e.key)));
  // r = 4 at every position: the model's default for two classes, left out of the request and resolved in the run
  assert.ok(ablation.every((e) => e.request.reduction === undefined && e.request.model === "dala_resnet50"));
  for (const profile of ["ci", "demo"] as const) assert.ok(gridEntries(profile).length > 0 && getProfile(profile).seeds.length >= 2);
});

test("DALA_SEEDS overrides a profile's seeds; a bad list is an error naming it", () => {
  assert.deepEqual(seedsOf(getProfile("demo"), { DALA_SEEDS: "3,7" }), [3, 7]);
  assert.deepEqual(seedsOf(getProfile("demo"), {}), [0, 1, 2]);
  assert.throws(() => seedsOf(getProfile("demo"), { DALA_SEEDS: "1,x" }), /DALA_SEEDS must be comma-separated non-negative integers, got '1,x'/);
  assert.throws(() => seedsOf(getProfile("demo"), { DALA_SEEDS: "2,2" }), /lists a seed twice/);
});

test("the split seed is the profile's data seed unless asked, and part of the key", () => {
  const base = { model: "resnet50", dataset: "breakhis", magnification: "40X", split: "paper", profile: "paper" } as const;
  assert.equal(buildSpec(base).data.splitSeed, getProfile("paper").dataSeed);
  assert.equal(buildSpec({ ...base, seed: 2 }).data.splitSeed, getProfile("paper").dataSeed, "a training seed does not move the split");
  assert.notEqual(experimentKey(buildSpec({ ...base, splitSeed: 5 })), experimentKey(buildSpec(base)));
  assert.throws(() => buildSpec({ ...base, splitSeed: -1 }), /splitSeed must be a non-negative integer/);
});

test("a planned command line parses back into the same experiment", () => {
  const opts = {
    model: { type: "string" }, dataset: { type: "string" }, magnification: { type: "string" }, split: { type: "string" },
    profile: { type: "string" }, seed: { type: "string" }, "split-seed": { type: "string" }, "attention-after": { type: "string" }, reduction: { type: "string" },
    init: { type: "string" }, epochs: { type: "string" }, "batch-size": { type: "string" }, "micro-batch": { type: "string" },
    "image-size": { type: "string" }, "synthetic-images": { type: "string" }, resume: { type: "boolean" }, results: { type: "string" },
  } as const;
  for (const entry of [...gridEntries("paper"), ...gridEntries("study")]) {
    const args = trainArgs(entry.request, { results: "/shared/results" });
    const { values } = parseArgs({ args: args.slice(1), options: opts, strict: true });
    assert.equal(experimentKey(buildSpec(requestFromCli(values, "demo"))), entry.key);
    assert.equal(values.resume, true);
  }
  const line = commandLine("node /opt/kit/bin/dala.cjs", { ...base, attentionAfter: 2, reduction: 16 }, { results: "/my results" });
  assert.equal(line, "node /opt/kit/bin/dala.cjs train --profile paper --model dala_resnet50 --dataset breakhis --magnification 40X --split paper --attention-after 2 --reduction 16 --resume --results '/my results'");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.throws(() => requestFromCli({ model: "x", dataset: "y", "attention-after": "5" }, "demo"), /--attention-after must be 1, 2, 3 or 4/);
  assert.throws(() => requestFromCli({ model: "x", dataset: "y", seed: "-1" }, "demo"), /--seed must be an integer >= 0/);
  assert.throws(() => requestFromCli({ dataset: "y" }, "demo"), /--model is required/);
});

test("runExperiment writes the run directory, then reuses it without training again", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dala-exp-"));
  const request: TrainRequest = { model: "resnet50", dataset: "synthetic-breakhis", split: "paper", profile: "ci", epochs: 2, batchSize: 8, microBatchSize: 4 };
  const spec = buildSpec(request);
  assert.equal(findFinishedRun(root, request), undefined);
  const calls: string[] = [];
  const messages: string[] = [];
  const first = await runExperiment(spec, { resultsRoot: root, deps: fakeDeps(calls), progress: false, log: (m) => messages.push(m) });
  assert.equal(first.reused, false);
  assert.equal(first.dir, path.join(root, "runs", experimentKey(spec)));
  for (const f of ["config.json", "log.jsonl", "last.safetensors", "best.safetensors", RESULT_FILES.testPredictions, "metrics.json", "DONE"]) {
    assert.ok(fs.existsSync(path.join(first.dir, f)), `${f} exists`);
  }
  const config = JSON.parse(fs.readFileSync(path.join(first.dir, "config.json"), "utf8"));
  assert.equal(config.provenance.configHash, first.key);
  assert.deepEqual(config.spec, spec);
  assert.equal(config.model.parameters, first.metrics.parameters);
  assert.equal(readJsonl(path.join(first.dir, "log.jsonl")).length, 2);
  const preds = loadPredictions(path.join(first.dir, RESULT_FILES.testPredictions));
  assert.equal(preds.labels.length, 12);
  assert.equal(preds.probabilities.length, 36);
  for (let i = 0; i < 12; i++) {
    const row = preds.probabilities.subarray(i * 3, i * 3 + 3);
    assert.ok(Math.abs(row[0] + row[1] + row[2] - 1) < 1e-5, "softmax rows sum to 1");
    assert.equal(preds.predictions[i], row.indexOf(Math.max(...row)));
  }
  assert.equal(first.metrics.test.n, 12);
  assert.equal(first.metrics.epochSeconds.length, 2);
  assert.ok(first.metrics.convergence.definition.startsWith("wall time"));
  assert.ok(first.metrics.memory!.peakRssBytes > 50e6, "the process's peak resident set is recorded");
  assert.equal(first.metrics.memory!.wasmHeapBytes, undefined, "no wasm heap on the cpu backend");
  assert.match(first.metrics.memory!.scope, /upper bound when a notebook trained several runs/);
  assert.deepEqual(calls, ["data", "model"]);

  const again = await runExperiment(spec, { resultsRoot: root, deps: fakeDeps(calls), progress: false, log: (m) => messages.push(m) });
  assert.equal(again.reused, true);
  assert.deepEqual(again.metrics, first.metrics);
  assert.deepEqual(calls, ["data", "model"], "a finished run is not trained again");
  assert.match(messages.at(-1)!, /reusing/);
  const found = finishedRuns(root);
  assert.equal(found.length, 1);
  assert.equal(found[0].key, first.key);
  assert.equal(findFinishedRun(root, { ...request, seed: 0 })?.key, first.key, "a notebook finds the run from the request");
});

const lockRequest: TrainRequest = { model: "resnet50", dataset: "synthetic-breakhis", split: "paper", profile: "ci", epochs: 2, batchSize: 8, microBatchSize: 4 };

interface ChildRun {
  pid: number;
  code: number | null;
  signal: string | null;
  stderr: string;
  outcome?: { pid: number; reused: boolean; metrics: unknown };
}

/** Starts the experiment child; `kill` ends it with SIGKILL. */
function startChild(root: string, dataDelayMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "experiment-child.ts"), root, JSON.stringify(lockRequest)], {
    env: { ...process.env, DATA_DELAY_MS: String(dataDelayMs) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const done = new Promise<ChildRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ pid: child.pid!, code, signal, stderr, outcome: stdout.trim() ? JSON.parse(stdout) : undefined }));
  });
  return { pid: child.pid!, done, kill: () => child.kill("SIGKILL") };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("two processes started at once on one experiment: one trains, the other waits for it (naming its PID) and reuses its results", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dala-lock-"));
  const runs = await Promise.all([startChild(root, 3000).done, startChild(root, 3000).done]);
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  const trained = runs.filter((r) => !r.outcome!.reused);
  assert.equal(trained.length, 1, "exactly one of them trained");
  const waited = runs.find((r) => r.outcome!.reused)!;
  assert.match(waited.stderr, new RegExp(`is held by PID ${trained[0].pid} on ${os.hostname()}`));
  assert.match(waited.stderr, /finished earlier, reusing/);
  assert.doesNotMatch(waited.stderr, /training in/);
  assert.deepEqual(waited.outcome!.metrics, trained[0].outcome!.metrics);
  const dir = path.join(root, "runs", experimentKey(buildSpec(lockRequest)));
  assert.equal(readJsonl(path.join(dir, "log.jsonl")).length, 2, "one writer: two epochs logged once");
  assert.ok(!fs.existsSync(path.join(dir, RESULT_FILES.lock)), "the lock is released");
});

test("a run whose holder was SIGKILLed is taken over by the next process, which trains it to the end", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dala-lock-dead-"));
  const lock = path.join(root, "runs", experimentKey(buildSpec(lockRequest)), RESULT_FILES.lock);
  const first = startChild(root, 60_000);
  await until(() => fs.existsSync(lock), "the first child's lock");
  assert.equal(JSON.parse(fs.readFileSync(lock, "utf8")).pid, first.pid);
  first.kill();
  assert.equal((await first.done).signal, "SIGKILL");
  assert.ok(fs.existsSync(lock), "a killed holder leaves its lock behind");
  const second = await startChild(root, 0).done;
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, new RegExp(`PID ${first.pid}, which held .*, is gone; taking the run over`));
  assert.equal(second.outcome!.reused, false);
  assert.ok(!fs.existsSync(lock));
});
