import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initBackend } from "../../src/backend/index";
import { loadCheckpoint } from "../../src/training/checkpoint";
import { readJsonl, type EpochRecord } from "../../src/training/epoch-log";
import { runScenario, SCENARIO_EPOCHS } from "./scenario";
import { runChild } from "./train-child-process";

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `dala-train-${name}-`));
const lastWeights = (dir: string) => loadCheckpoint(path.join(dir, "last.safetensors")).weights.map((w) => Array.from(w.data));

/** One uninterrupted run of the scenario, shared by the tests that compare against it. */
let straight: Promise<string> | undefined;
const straightRun = () =>
  (straight ??= (async () => {
    const dir = tmp("straight");
    await runScenario(dir);
    return dir;
  })());

test("a run writes one log line per epoch, best and last checkpoints, and a convergence time", async () => {
  const dir = tmp("fresh");
  let t = 0;
  // A fake clock: each reading advances 1 ms, so epoch times are positive and deterministic.
  const result = await runScenario(dir, { now: () => (t += 1) });
  const log = readJsonl<EpochRecord>(path.join(dir, "log.jsonl"));
  assert.equal(log.length, SCENARIO_EPOCHS);
  assert.deepEqual(log.map((r) => r.epoch), [1, 2, 3, 4]);
  assert.deepEqual(log, result.history);
  for (const r of log) {
    assert.ok(r.trainLoss > 0 && Number.isFinite(r.valLoss));
    assert.ok(r.valAccuracy >= 0 && r.valAccuracy <= 1);
    assert.equal(r.images, 36);
  }
  // 36 images, batch 8: 5 optimizer steps per epoch (the last one with 4 images).
  assert.equal(log[3].step, 20);
  assert.ok(log[0].trainLoss > log[3].trainLoss, `training loss falls: ${log.map((r) => r.trainLoss.toFixed(3))}`);
  const bestIdx = log.findIndex((r) => r.valLoss === Math.min(...log.map((x) => x.valLoss)));
  assert.equal(result.convergence.bestEpoch, bestIdx + 1);
  const expected = log.slice(0, bestIdx + 1).reduce((s, r) => s + r.epochSeconds, 0);
  assert.equal(result.convergence.seconds, expected);
  assert.equal(log[3].trainingSeconds, log.reduce((s, r) => s + r.epochSeconds, 0));
  const best = loadCheckpoint(path.join(dir, "best.safetensors"));
  assert.equal(Number(best.metadata.epoch), bestIdx + 1);
  const last = loadCheckpoint(path.join(dir, "last.safetensors"));
  assert.equal(last.trainer?.epochsDone, SCENARIO_EPOCHS);
  assert.equal(last.adam?.step, 20);
});

test("training is deterministic for a seed and differs for another seed", async () => {
  const a = await straightRun();
  const b = tmp("det-b");
  const c = tmp("det-c");
  await runScenario(b);
  await runScenario(c, {}, 4);
  assert.deepEqual(lastWeights(a), lastWeights(b));
  assert.notDeepEqual(lastWeights(a), lastWeights(c));
});

test("resume in-process after a failure at the end of epoch 2 ends with the uninterrupted weights", async () => {
  const straight = await straightRun();
  const broken = tmp("broken");
  await assert.rejects(
    runScenario(broken, {
      onEpochEnd: (r) => {
        if (r.epoch === 2) throw new Error("simulated crash");
      },
    }),
    /simulated crash/,
  );
  const said: string[] = [];
  const resumed = await runScenario(broken, { resume: true, log: (m) => said.push(m) });
  assert.equal(resumed.resumedAfterEpoch, 2);
  assert.deepEqual(said, [`resuming after epoch 2 of ${SCENARIO_EPOCHS}: 2 epoch(s) reused from ${path.join(broken, "last.safetensors")}`]);
  assert.deepEqual(lastWeights(broken), lastWeights(straight));
  const logA = readJsonl<EpochRecord>(path.join(straight, "log.jsonl"));
  const logB = readJsonl<EpochRecord>(path.join(broken, "log.jsonl"));
  assert.deepEqual(logB.map((r) => r.valLoss), logA.map((r) => r.valLoss));
});

test("asked to resume where nothing was done, a run starts fresh and does not say it resumes", async () => {
  const said: string[] = [];
  const result = await runScenario(tmp("nothing-to-resume"), { resume: true, log: (m) => said.push(m) });
  assert.equal(result.resumedAfterEpoch, 0);
  assert.deepEqual(said, []);
});

test("resume refuses a checkpoint written under another training config", async () => {
  const dir = tmp("mismatch");
  await runScenario(dir);
  await assert.rejects(runScenario(dir, { resume: true }, 9), /refusing to resume/);
});

test("a child process SIGKILLed in the middle of epoch 3 and resumed ends with the uninterrupted weights", async () => {
  const straight = await straightRun();
  const dir = tmp("child-killed");
  const killed = await runChild(dir, "fresh", { inEpoch: 3 });
  assert.equal(killed.signal, "SIGKILL");
  const atKill = loadCheckpoint(path.join(dir, "last.safetensors"));
  assert.equal(atKill.trainer?.epochsDone, 2, "the last checkpoint is the end of epoch 2");
  const resumed = await runChild(dir, "resume");
  assert.equal(resumed.code, 0);
  assert.match(resumed.out, /FINISHED/);
  assert.deepEqual(lastWeights(dir), lastWeights(straight));
  assert.equal(readJsonl(path.join(dir, "log.jsonl")).length, SCENARIO_EPOCHS);
});

test("a child SIGKILLed halfway through writing epoch 3's checkpoint leaves epoch 2's whole; resumed, it ends with the uninterrupted weights", async () => {
  const straight = await straightRun();
  const dir = tmp("killed-in-checkpoint");
  const killed = await runChild(dir, "fresh", { inCheckpoint: 3 });
  assert.equal(killed.signal, "SIGKILL");
  const partial = fs.readdirSync(dir).filter((f) => f.startsWith("last.safetensors.tmp-"));
  assert.equal(partial.length, 1, "killed while the new checkpoint was half written");
  assert.equal(loadCheckpoint(path.join(dir, "last.safetensors")).trainer?.epochsDone, 2, "the last checkpoint is epoch 2's, whole");
  assert.equal(readJsonl(path.join(dir, "log.jsonl")).length, 3, "epoch 3's log line was written before its checkpoint");
  const resumed = await runChild(dir, "resume");
  assert.equal(resumed.code, 0);
  assert.match(resumed.out, /FINISHED/);
  assert.deepEqual(lastWeights(dir), lastWeights(straight));
  assert.deepEqual(
    readJsonl<EpochRecord>(path.join(dir, "log.jsonl")).map((r) => r.valLoss),
    readJsonl<EpochRecord>(path.join(straight, "log.jsonl")).map((r) => r.valLoss),
  );
});

test("training holds no tensors across epochs and releases the optimizer state at the end", async () => {
  const tf = await import("@tensorflow/tfjs");
  const { train } = await import("../../src/training/trainer");
  const { scenarioConfig } = await import("./scenario");
  const { MemorySource, tinyModel } = await import("./fakes");
  const model = tinyModel({ classes: 3, dropout: 0.25 });
  const before = tf.memory().numTensors;
  const during: number[] = [];
  await train({
    model,
    train: new MemorySource(36, 3, 8, 11),
    val: new MemorySource(12, 3, 8, 12),
    config: scenarioConfig(),
    runDir: tmp("leak"),
    progress: false,
    onEpochEnd: () => {
      during.push(tf.memory().numTensors);
    },
  });
  // Only the Adam moments (one m and one v per trainable variable) live during training.
  const moments = 2 * model.trainableWeights.length;
  assert.deepEqual(during, during.map(() => before + moments));
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});
