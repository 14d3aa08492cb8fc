import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { Adam } from "../../src/training/adam";

const REF = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "training", "adam_reference.json"), "utf8"));

before(async () => {
  await initBackend({ backend: "cpu", quiet: true });
});

for (const [k, c] of (REF.cases as any[]).entries()) {
  test(`Adam matches torch.optim.Adam step by step (case ${k}: lr ${c.config.learningRate}, weight decay ${c.config.weightDecay})`, async () => {
    const p = tf.variable(tf.tensor(REF.p0, REF.shape));
    const adam = new Adam(c.config, [p]);
    let worst = 0;
    REF.grads.forEach((g: number[], step: number) => {
      const gt = tf.tensor(g, REF.shape);
      adam.apply([gt]);
      gt.dispose();
      const got = p.dataSync();
      c.after[step].forEach((want: number, i: number) => (worst = Math.max(worst, Math.abs(got[i] - want))));
    });
    // float32 arithmetic on both sides; differences are a few ulps of values around 1.
    assert.ok(worst < 1e-6, `max |tfjs - torch| = ${worst}`);
    const st = await adam.state();
    assert.equal(st.step, REF.grads.length);
    st.m[0].data.forEach((v, i) => assert.ok(Math.abs(v - c.m[i]) < 1e-6));
    st.v[0].data.forEach((v, i) => assert.ok(Math.abs(v - c.v[i]) < 1e-6));
    adam.dispose();
    p.dispose();
  });
}

test("Adam state restored into a fresh optimizer continues bit-identically", async () => {
  const cfg = REF.cases[0].config;
  const grads = (REF.grads as number[][]).map((g) => tf.tensor(g, REF.shape));
  const a = tf.variable(tf.tensor(REF.p0, REF.shape));
  const straight = new Adam(cfg, [a]);
  grads.forEach((g) => straight.apply([g]));

  const b = tf.variable(tf.tensor(REF.p0, REF.shape));
  const first = new Adam(cfg, [b]);
  grads.slice(0, 2).forEach((g) => first.apply([g]));
  const saved = await first.state();
  const second = new Adam(cfg, [b]);
  second.load(saved);
  grads.slice(2).forEach((g) => second.apply([g]));
  assert.deepEqual(Array.from(b.dataSync()), Array.from(a.dataSync()));
  tf.dispose([...grads, a, b]);
});

test("Adam refuses a state of another shape and a non-positive learning rate", () => {
  const p = tf.variable(tf.zeros([2, 2]));
  const adam = new Adam({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 }, [p]);
  assert.throws(() => adam.load({ step: 1, m: [{ shape: [4], data: new Float32Array(4) }], v: [{ shape: [4], data: new Float32Array(4) }] }), /shape \[4\]/);
  assert.throws(() => new Adam({ learningRate: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 }, [p]), /learningRate/);
  p.dispose();
});
