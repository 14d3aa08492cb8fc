/**
 * The paired statistics against test/fixtures/statistics/reference.json (scipy, statsmodels, an independent
 * NumPy fast-DeLong with scikit-learn AUCs; see its make_reference.py), plus hand-computed cases and
 * the errors bad input must give.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readJsonFixture } from "../paths";
import {
  acrossSeeds,
  binomialCdf,
  bootstrapPValue,
  checkSameImages,
  delongTest,
  holmAdjust,
  mcnemarExact,
  mcnemarPValue,
  midranks,
  normalCdf,
  normalQuantile,
  pairedBootstrap,
  studentTCdf,
  studentTQuantile,
  welchTest,
} from "../../src/statistics/index";
import { accuracyScore, f1Score } from "../../src/metrics/index";

const ref = readJsonFixture("statistics", "reference.json");

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

test("normal and Student-t distribution functions match scipy", () => {
  const d = ref.distributions;
  for (const [x, p] of d.normal_cdf) close(normalCdf(x), p, 1e-12, `Phi(${x})`);
  for (const [p, x] of d.normal_ppf) close(normalQuantile(p), x, 1e-12, `Phi^-1(${p})`);
  for (const [t, df, p] of d.t_cdf) close(studentTCdf(t, df), p, 1e-10, `t cdf(${t}, ${df})`);
  // scipy's t.ppf is itself a few 1e-9 off the exact quantile (mpmath: t.ppf(0.9, 3) and t.ppf(0.9995, 1)), so it is
  // checked loosely; the kit's quantile is checked tightly by inverting the CDF and against closed forms
  for (const [p, df, t] of d.t_ppf) {
    const kit = studentTQuantile(p, df);
    assert.ok(Math.abs(kit - t) <= 5e-9 * Math.max(1, Math.abs(t)), `t ppf(${p}, ${df}): ${kit} vs scipy ${t}`);
    close(studentTCdf(studentTQuantile(p, df), df), p, 1e-12, `t cdf(t ppf(${p}, ${df}))`);
  }
  // cot(pi 0.0005) to 18 digits by mpmath (Math.tan loses ~1e-13 here)
  close(studentTQuantile(0.9995, 1), 636.619248768789729, 1e-14, "t ppf(0.9995, 1) = cot(pi 0.0005)");
  close(studentTQuantile(0.9, 2), 0.8 / Math.sqrt(2 * 0.9 * 0.1), 1e-13, "t ppf(0.9, 2) = (2p-1)/sqrt(2p(1-p))");
  for (const [k, n, p, c] of d.binom_cdf) close(binomialCdf(k, n, p), c, 1e-10, `binom cdf(${k}; ${n}, ${p})`);
  // hand values: the 97.5% points every table of t shows
  assert.equal(studentTQuantile(0.975, 2).toFixed(3), "4.303");
  assert.equal(studentTQuantile(0.975, 1).toFixed(3), "12.706");
  assert.throws(() => studentTQuantile(1, 3), /p must be in \(0, 1\)/);
  assert.throws(() => studentTCdf(0, 0), /degrees of freedom must be > 0/);
});

test("exact McNemar matches statsmodels, with the discordant counts", () => {
  for (const [i, c] of ref.mcnemar.entries()) {
    const r = mcnemarExact(c.labels, c.a, c.b);
    assert.deepEqual([r.b, r.c], [c.b_count, c.c_count], `case ${i}`);
    close(r.pValue, c.pvalue, 1e-10, `case ${i} p-value`);
    close(r.difference, accuracyScore(c.labels, c.a) - accuracyScore(c.labels, c.b) || 0, 1e-12, `case ${i} difference`);
  }
  // by hand: b = 0, c = 5 gives 2 * 0.5^5
  close(mcnemarPValue(0, 5), 2 / 32, 1e-14, "2 * 0.5^5");
  assert.equal(mcnemarPValue(0, 0), 1);
  assert.throws(() => mcnemarExact([0, 1], [0, 1], [0]), /2 test labels but 2 and 1 predictions/);
  assert.throws(() => mcnemarExact([], [], []), /empty test set/);
  assert.throws(() => mcnemarPValue(-1, 2), /b must be a non-negative integer/);
});

test("Holm's correction matches statsmodels, ties and input order included", () => {
  for (const c of ref.holm) {
    const a = holmAdjust(c.p);
    a.forEach((v, i) => close(v, c.adjusted[i], 1e-12, `holm ${c.p}`));
  }
  assert.deepEqual(holmAdjust([]), []);
  assert.throws(() => holmAdjust([0.2, 1.5]), /p-value 1 is 1.5/);
});

test("DeLong: AUCs match scikit-learn, standard error and p-value an independent fast-DeLong implementation", () => {
  for (const [i, c] of ref.delong.entries()) {
    const r = delongTest(c.labels, c.a, c.b);
    close(r.aucA, c.sklearn_auc_a, 1e-12, `case ${i} AUC A`);
    close(r.aucB, c.sklearn_auc_b, 1e-12, `case ${i} AUC B`);
    close(r.standardError, c.se, 1e-9, `case ${i} se`);
    close(r.z, c.z, 1e-9, `case ${i} z`);
    close(r.pValue, c.pvalue, 1e-8, `case ${i} p`);
    close(r.low, c.ci95[0], 1e-9, `case ${i} low`);
    close(r.high, c.ci95[1], 1e-9, `case ${i} high`);
  }
  assert.deepEqual(midranks([3, 1, 3, 2]), [3.5, 1, 3.5, 2]);
  // identical classifiers: no difference, p = 1
  const same = delongTest([0, 1, 0, 1, 1], [0.1, 0.9, 0.3, 0.6, 0.4], [0.1, 0.9, 0.3, 0.6, 0.4]);
  assert.deepEqual([same.difference, same.pValue], [0, 1]);
  assert.throws(() => delongTest([1, 1, 1], [0.2, 0.3, 0.4], [0.1, 0.2, 0.3]), /needs both classes/);
  assert.throws(() => delongTest([0, 1, 2], [0.2, 0.3, 0.4], [0.1, 0.2, 0.3]), /binary labels 0\/1 only, got 2/);
  assert.throws(() => delongTest([0, 1], [0.2, NaN], [0.1, 0.2]), /score 1 of classifier A is NaN/);
});

test("paired bootstrap: interval and p-value on shared resamples, seeded", () => {
  const y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
  const good = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
  const bad = [0, 1, 1, 1, 1, 1, 0, 1, 0, 1];
  const f1 = (t: number[], p: ArrayLike<number>) => f1Score(t, p, { average: "macro", labels: [0, 1] });
  const r = pairedBootstrap(f1, y, good, bad, { nResamples: 500, seed: 4 });
  assert.equal(r.estimate, f1(y, good) - f1(y, bad));
  assert.ok(r.low > 0 && r.pValue < 0.05, `${r.low} ${r.pValue}`);
  assert.deepEqual(pairedBootstrap(f1, y, good, bad, { nResamples: 500, seed: 4 }).values, r.values);
  const self = pairedBootstrap(f1, y, good, good, { nResamples: 100, seed: 1 });
  assert.deepEqual([self.estimate, self.low, self.high, self.pValue], [0, 0, 0, 1]);
  // p from the resampled differences: 2 of 8 at or below zero
  assert.equal(bootstrapPValue([0.1, 0.2, -0.1, 0.3, 0, 0.2, 0.4, 0.1]), 0.5);
  assert.throws(() => bootstrapPValue([NaN]), /no valid resample/);
});

test("across seeds: mean, sd and the Student-t interval match scipy; signs are counted", () => {
  for (const c of ref.t_intervals) {
    const r = acrossSeeds(c.differences);
    close(r.mean, c.mean, 1e-12, "mean");
    close(r.sd, c.sd, 1e-12, "sd");
    close(r.low!, c.low, 1e-10, "low");
    close(r.high!, c.high, 1e-10, "high");
    close(r.pValue!, c.pvalue, 1e-9, "t test p");
  }
  // by hand: df = 2 has the closed form F(t) = 1/2 + t / (2 sqrt(t^2 + 2)); [1, 2, 3] gives t = 2 sqrt(3)
  const t = 2 * Math.sqrt(3);
  close(acrossSeeds([1, 2, 3]).pValue!, 1 - t / Math.sqrt(t * t + 2), 1e-12, "t test p, df 2");
  assert.equal(acrossSeeds([0.01, 0.01]).pValue, 0, "no spread, nonzero mean");
  const one = acrossSeeds([0.02]);
  assert.deepEqual([one.n, one.sd, one.low, one.high, one.pValue, one.positive, one.negative], [1, 0, null, null, null, 1, 0]);
  assert.throws(() => acrossSeeds([]), /no seed has a value/);
  assert.throws(() => acrossSeeds([0.1, NaN]), /difference 1 is NaN/);
});

test("a paired comparison of different test sets is refused", () => {
  checkSameImages("t", [3, 4, 5], [3, 4, 5]);
  assert.throws(() => checkSameImages("compare", [3, 4, 5], [3, 5, 4]), /compare: different test sets: image 1 is 4 in one and 5 in the other/);
  assert.throws(() => checkSameImages("compare", [3, 4], [3, 4, 5]), /different test sets \(2 vs 3 images\)/);
});

test("Welch's t test matches scipy's ttest_ind(equal_var=False) and refuses too few values", () => {
  for (const c of ref.welch) {
    const r = welchTest(c.a, c.b);
    close(r.difference, c.difference, 1e-12, "difference");
    close(r.df, c.df, 1e-10, "df");
    // the bounds go through scipy's t.ppf, a few 1e-9 off (see the distributions test)
    close(r.low, c.low, 5e-9, "low");
    close(r.high, c.high, 5e-9, "high");
    close(r.pValue, c.pvalue, 1e-9, "p");
  }
  assert.throws(() => welchTest([1], [2, 3]), /a needs at least two values, got 1/);
  assert.throws(() => welchTest([1, 2], [2, Infinity]), /b\[1\] is Infinity/);
});
