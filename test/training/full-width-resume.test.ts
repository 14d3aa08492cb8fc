/**
 * Kill and resume at the paper's scale: DALAResNet50 at full width and 224 px on wasm, each epoch one
 * optimizer step of two micro-batches, checkpoints with the real model's weights and Adam state (about
 * 290 MB each). A run SIGKILLed between the micro-batches of an epoch, and one SIGKILLed halfway through
 * writing a checkpoint, each resumed, end with the uninterrupted run's weights, bit for bit.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadCheckpoint } from "../../src/training/checkpoint";
import { readJsonl, type EpochRecord } from "../../src/training/epoch-log";
import { FULL_WIDTH_EPOCHS } from "./scenario";
import { runChild } from "./train-child-process";

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `dala-full-width-${name}-`));

function assertSameWeights(dir: string, reference: string): void {
  const mine = loadCheckpoint(path.join(dir, "last.safetensors"));
  const ref = loadCheckpoint(path.join(reference, "last.safetensors"));
  assert.equal(mine.trainer?.epochsDone, FULL_WIDTH_EPOCHS);
  assert.deepEqual(mine.weights.map((w) => w.name), ref.weights.map((w) => w.name));
  const parameters = ref.weights.reduce((n, w) => n + w.data.length, 0);
  assert.ok(parameters > 20e6, `full width: ${parameters} weights`);
  mine.weights.forEach((w, i) => {
    const a = Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength);
    const b = Buffer.from(ref.weights[i].data.buffer, ref.weights[i].data.byteOffset, ref.weights[i].data.byteLength);
    assert.ok(a.equals(b), `${w.name} differs from the uninterrupted run's`);
  });
  const losses = (d: string) => readJsonl<EpochRecord>(path.join(d, "log.jsonl")).map((r) => r.valLoss);
  assert.deepEqual(losses(dir), losses(reference));
}

test("full width at 224 px: SIGKILLed inside an epoch, and halfway through writing a checkpoint, each resumes to the uninterrupted run's weights bit for bit", async () => {
  const dirs: string[] = [];
  try {
    const straight = tmp("straight");
    dirs.push(straight);
    const done = await runChild(straight, "fresh", {}, "full-width");
    assert.equal(done.code, 0, done.out);

    const inEpoch = tmp("killed-in-epoch");
    dirs.push(inEpoch);
    const killed = await runChild(inEpoch, "fresh", { inEpoch: 2 }, "full-width");
    assert.equal(killed.signal, "SIGKILL");
    assert.equal(loadCheckpoint(path.join(inEpoch, "last.safetensors")).trainer?.epochsDone, 1, "killed after epoch 1's checkpoint");
    assert.equal((await runChild(inEpoch, "resume", {}, "full-width")).code, 0);
    assertSameWeights(inEpoch, straight);

    const inCheckpoint = tmp("killed-in-checkpoint");
    dirs.push(inCheckpoint);
    const cut = await runChild(inCheckpoint, "fresh", { inCheckpoint: 2 }, "full-width");
    assert.equal(cut.signal, "SIGKILL");
    assert.equal(fs.readdirSync(inCheckpoint).filter((f) => f.startsWith("last.safetensors.tmp-")).length, 1, "killed while the new checkpoint was half written");
    assert.equal(loadCheckpoint(path.join(inCheckpoint, "last.safetensors")).trainer?.epochsDone, 1, "epoch 1's checkpoint is whole");
    assert.equal((await runChild(inCheckpoint, "resume", {}, "full-width")).code, 0);
    assertSameWeights(inCheckpoint, straight);
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
});
