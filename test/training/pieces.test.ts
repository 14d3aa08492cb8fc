import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { crossEntropyPerExample } from "../../src/training/loss";
import { convergence, bestEpochIndex, CONVERGENCE_DEFINITION } from "../../src/training/convergence";
import { Progress, formatDuration, progressLine } from "../../src/training/progress";
import { trainingConfigFromProfile, validateTrainingConfig } from "../../src/training/config";
import { getProfile } from "../../src/profiles";
import { deriveSeed } from "../../src/random";
import { withSeededMathRandom } from "../../src/training/random";
import { seededRandomLayers, withStepRandomness } from "../../src/training/step-randomness";
import { tinyModel } from "./fakes";

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

test("cross-entropy on logits equals -log softmax of the true class (hand-computed)", () => {
  const logits = tf.tensor2d([[1, 2, 3], [0, 0, 0]]);
  const got = crossEntropyPerExample(logits, Int32Array.from([2, 0])).arraySync() as number[];
  // -log(e^3 / (e^1 + e^2 + e^3)) = 0.4076059644..., -log(1/3) = 1.0986122886...
  assert.ok(Math.abs(got[0] - 0.4076059644) < 1e-6);
  assert.ok(Math.abs(got[1] - 1.0986122887) < 1e-6);
  assert.throws(() => crossEntropyPerExample(logits, Int32Array.from([3, 0])), /label 3 outside/);
  assert.throws(() => crossEntropyPerExample(logits, Int32Array.from([0])), /1 labels for 2/);
  logits.dispose();
});

test("convergence time = sum of epoch times up to the first epoch with the lowest validation loss", () => {
  const h = [
    { epoch: 1, valLoss: 0.9, epochSeconds: 10 },
    { epoch: 2, valLoss: 0.5, epochSeconds: 11 },
    { epoch: 3, valLoss: 0.6, epochSeconds: 12 },
    { epoch: 4, valLoss: 0.5, epochSeconds: 13 },
  ];
  assert.deepEqual(convergence(h), { definition: CONVERGENCE_DEFINITION, bestEpoch: 2, bestValLoss: 0.5, seconds: 21 });
  assert.equal(bestEpochIndex([{ valLoss: NaN }, { valLoss: 2 }]), 1);
  assert.throws(() => convergence([{ epoch: 1, valLoss: NaN, epochSeconds: 1 }]), /no epoch/);
});

test("progress line shows images/s and ETAs; updates are throttled", () => {
  assert.equal(formatDuration(3725), "1:02:05");
  assert.equal(formatDuration(65), "1:05");
  const line = progressLine({ label: "", epoch: 2, epochs: 3, done: 50, total: 100, imagesPerSecond: 10, loss: 0.5 }, 10);
  // 50 images left at 10 img/s = 5 s; one more epoch of 100 images = 10 s.
  assert.equal(line, "epoch 2/3 [=====>    ] 50/100 10.0 img/s loss 0.5000 ETA epoch 0:05 run 0:15");
  let t = 0;
  const out: string[] = [];
  const p = new Progress(3, 100, { sink: { write: (s: string) => out.push(s) }, intervalMs: 1000, now: () => t });
  p.startEpoch(1);
  t = 500;
  p.update(10, 1);
  assert.equal(out.length, 0, "no line before the interval");
  t = 1000;
  p.update(20, 1);
  assert.equal(out.length, 1);
  assert.match(out[0], /20\.0 img\/s/);
  p.endEpoch("done", 5);
  assert.equal(out[1], "done\n");
});

test("training config: the paper profile is Adam 1e-4, batch 32, 50 epochs; bad values are named", () => {
  const c = trainingConfigFromProfile(getProfile("paper"));
  assert.equal(c.optimizer.learningRate, 1e-4);
  assert.equal(c.batchSize, 32);
  assert.equal(c.epochs, 50);
  assert.equal(c.optimizer.epsilon, 1e-8);
  assert.throws(() => trainingConfigFromProfile(getProfile("paper"), { microBatchSize: 5 }), /microBatchSize 5 must divide batchSize 32/);
  assert.throws(() => validateTrainingConfig({ ...c, epochs: 0 }), /epochs must be a positive integer/);
});

test("seeded randomness: Math.random is replaced only inside the scope", () => {
  const a = withSeededMathRandom(5, () => [Math.random(), Math.random()]);
  const b = withSeededMathRandom(5, () => [Math.random(), Math.random()]);
  assert.deepEqual(a, b);
  assert.notEqual(withSeededMathRandom(6, () => Math.random()), a[0]);
  assert.notEqual(deriveSeed(1, "pass", 0), deriveSeed(1, "pass", 1));
  assert.throws(() => withSeededMathRandom(1, () => Promise.resolve(1)), /synchronous/);
});

test("dropout masks: reproducible per pass, different between passes, even for a layer built with a fixed seed", () => {
  for (const dropoutSeed of [undefined, 42]) {
    const model = tinyModel({ classes: 2, dropout: 0.5, dropoutSeed });
    const layers = seededRandomLayers(model);
    assert.equal(layers.length, 1);
    const x = tf.ones([4, 8, 8, 3]);
    const run = (seed: number) => withStepRandomness(layers, seed, () => tf.tidy(() => (model.apply(x, { training: true }) as tf.Tensor).arraySync()));
    assert.deepEqual(run(1), run(1));
    assert.notDeepEqual(run(1), run(2));
    assert.equal(layers[0].seed, dropoutSeed, "the layer's own seed is restored");
    x.dispose();
  }
});
