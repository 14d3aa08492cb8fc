import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { assertClose } from "./assert-close";
import {
  accuracyScore,
  bootstrapCi,
  bootstrapDifferenceCi,
  f1Score,
  geometricMeanScore,
  percentile,
  rocAucScore,
} from "../../src/metrics/index";

const doc = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "metrics", "extra_reference.json"), "utf8"));
const boot = doc.bootstrap as {
  y_true: number[];
  y_pred: number[];
  y_score: number[][];
  resamples: number[][];
  metrics: Record<string, { estimate: number; values: (number | null)[]; [k: string]: unknown }>;
  percentile: { data: number[]; q: number[]; expected: number[] };
};

test("percentile equals numpy's linear percentile", () => {
  const { data, q, expected } = boot.percentile;
  q.forEach((qi, i) => assertClose(percentile(data, qi), expected[i], 1e-15, `q=${qi}`));
  assert.equal(percentile([3], 50), 3);
  assert.throws(() => percentile([], 50), /empty/);
  assert.throws(() => percentile([1, NaN], 50), /NaN/);
});

const METRICS: Record<string, { data: "labels" | "scores"; f: (t: number[], p: any) => number }> = {
  accuracy: { data: "labels", f: (t, p) => accuracyScore(t, p) },
  f1_macro: { data: "labels", f: (t, p) => f1Score(t, p, { average: "macro" }) },
  gmean: { data: "labels", f: (t, p) => geometricMeanScore(t, p) },
  roc_auc_ovr_macro: { data: "scores", f: (t, p) => rocAucScore(t, p, { multiClass: "ovr" }) },
};

test("on numpy's resamples, every resample value and interval matches the Python bootstrap", () => {
  assert.deepEqual(Object.keys(boot.metrics).sort(), Object.keys(METRICS).sort());
  for (const [name, ref] of Object.entries(boot.metrics)) {
    const { data, f } = METRICS[name];
    for (const confidence of [0.95, 0.9]) {
      const ci = bootstrapCi(f, boot.y_true, data === "labels" ? boot.y_pred : boot.y_score, { resamples: boot.resamples, confidence });
      assertClose(ci.estimate, ref.estimate, 1e-12, `${name} estimate`);
      assertClose(ci.values, ref.values.map((v) => (v === null ? NaN : v)), 1e-12, `${name} values`);
      assertClose([ci.low, ci.high], ref[`interval_${confidence}`], 1e-12, `${name} interval ${confidence}`);
      assert.equal(ci.nValid, ref.values.filter((v) => v !== null).length);
      assert.equal(ci.nResamples, boot.resamples.length);
    }
  }
});

test("flat Float32 score matrices resample like nested rows", () => {
  const flat = Float32Array.from(boot.y_score.flat());
  const nested = boot.y_score.map((r) => Array.from(Float32Array.from(r)));
  const auc = (t: number[], p: any) => rocAucScore(t, p);
  const a = bootstrapCi(auc, boot.y_true, flat, { nResamples: 30, seed: 3 });
  const b = bootstrapCi(auc, boot.y_true, nested, { nResamples: 30, seed: 3 });
  assert.deepEqual(a.values, b.values);
});

test("seeded: same seed, same interval; another seed, other resamples", () => {
  const f = (t: number[], p: number[]) => f1Score(t, p, { average: "weighted" });
  const a = bootstrapCi(f, boot.y_true, boot.y_pred, { nResamples: 200, seed: 42 });
  const b = bootstrapCi(f, boot.y_true, boot.y_pred, { nResamples: 200, seed: 42 });
  const c = bootstrapCi(f, boot.y_true, boot.y_pred, { nResamples: 200, seed: 43 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.values, c.values);
  assert.ok(a.low <= a.estimate && a.estimate <= a.high);
  assert.equal(a.seed, 42);
});

test("accuracy interval has the binomial width: n=400, p=0.8 gives about +-1.96*sqrt(p(1-p)/n) = +-0.039", () => {
  const n = 400;
  const yTrue = Array.from({ length: n }, (_, i) => i % 2);
  const yPred = yTrue.map((y, i) => (i % 5 === 0 ? 1 - y : y));
  const ci = bootstrapCi((t, p: number[]) => accuracyScore(t, p), yTrue, yPred, { nResamples: 2000, seed: 7 });
  assert.equal(ci.estimate, 0.8);
  const halfWidth = (ci.high - ci.low) / 2;
  assert.ok(Math.abs(halfWidth - 0.0392) < 0.006, `half width ${halfWidth}`);
  assert.ok(Math.abs(ci.standardError - 0.02) < 0.003, `standard error ${ci.standardError}`);
});

test("stratified resamples keep every class count", () => {
  const yTrue = [0, 0, 0, 0, 0, 0, 0, 1, 1, 2];
  const seen: number[][] = [];
  bootstrapCi((t) => { seen.push(t); return 0; }, yTrue, yTrue, { nResamples: 20, stratify: true, seed: 5 });
  const counts = (t: number[]) => [0, 1, 2].map((c) => t.filter((y) => y === c).length);
  assert.deepEqual(counts(seen[0]), [7, 2, 1]);
  for (const t of seen.slice(1)) assert.deepEqual(counts(t), [7, 2, 1]);
});

test("resamples where the metric is undefined are dropped and counted; all undefined rethrows", () => {
  // Two positives in 12: many resamples hold no positive, where ROC AUC throws.
  const yTrue = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const score = [0.9, 0.4, 0.1, 0.2, 0.3, 0.5, 0.1, 0.2, 0.3, 0.1, 0.2, 0.6];
  const ci = bootstrapCi((t, p: number[]) => rocAucScore(t, p), yTrue, score, { nResamples: 300, seed: 1 });
  assert.ok(ci.nValid < 300 && ci.nValid > 200, `nValid ${ci.nValid}`);
  assert.equal(ci.values.filter(Number.isNaN).length, 300 - ci.nValid);
  assert.throws(() => bootstrapCi((t, p: number[]) => rocAucScore(t, p), [1, 1, 1], [0.1, 0.2, 0.3], { nResamples: 5 }), /Only one class/);
});

test("paired difference: estimate is the difference, identical models give [0, 0], a better model an interval above 0", () => {
  const n = 300;
  const yTrue = Array.from({ length: n }, (_, i) => i % 3);
  const good = yTrue.map((y, i) => (i % 10 === 0 ? (y + 1) % 3 : y));
  const bad = yTrue.map((y, i) => (i % 4 === 0 ? (y + 1) % 3 : y));
  const f = (t: number[], p: number[]) => f1Score(t, p, { average: "macro" });
  const same = bootstrapDifferenceCi(f, yTrue, good, good, { nResamples: 100 });
  assert.deepEqual([same.estimate, same.low, same.high], [0, 0, 0]);
  const diff = bootstrapDifferenceCi(f, yTrue, good, bad, { nResamples: 500, seed: 2 });
  assertClose(diff.estimate, f(yTrue, good) - f(yTrue, bad), 1e-15);
  assert.ok(diff.low > 0, `low ${diff.low}`);
});

test("bad bootstrap inputs are clear errors", () => {
  const f = (t: number[], p: number[]) => accuracyScore(t, p);
  assert.throws(() => bootstrapCi(f, [], [], {}), /empty/);
  assert.throws(() => bootstrapCi(f, [0, 1, 1], [0, 1], {}), /do not match/);
  assert.throws(() => bootstrapCi(f, [0, 1], [0, 1], { confidence: 95 }), /confidence/);
  assert.throws(() => bootstrapCi(f, [0, 1], [0, 1], { nResamples: 0 }), /nResamples/);
  assert.throws(() => bootstrapCi(f, [0, 1], [0, 1], { resamples: [[0, 2]] }), /resamples\[0\]\[1\]/);
});
