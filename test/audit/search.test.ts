/**
 * The search against brute force and against the truth, on seeded random matrices (never the
 * paper's numbers): a row printed from a matrix is consistent and the matrix is among the fits; a
 * value moved beyond its rounding is never wrongly reported as fitting; a row printed under one
 * reading is not passed under another unless brute force finds a matrix for it; bad input names
 * the value.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { impliedValue } from "../../src/audit/implied";
import { halfUnit, roundingInterval, type PrintedMetric, type PrintedScore } from "../../src/audit/printed";
import { makeSpace, profileOfMatrix, fullBox } from "../../src/audit/profile";
import { reading } from "../../src/audit/readings";
import { auditRow, type AuditRowSpec } from "../../src/audit/row-audit";
import { searchFits } from "../../src/audit/search";
import { createRng } from "../../src/random";
import { allMatrices } from "./brute-force";
import { matrixCases, randomMatrix, rowSums } from "./random-matrices";

const LIMITS = { timeMs: 20_000, maxFits: 100_000 };
const ROW: [PrintedMetric, string][] = [
  ["accuracy", "accuracy"],
  ["f1Macro", "f1.macro"],
  ["f1Weighted", "f1.weighted"],
  ["gmean", "gmean.recalls"],
  ["sensitivity", "sensitivity.macro"],
  ["ppv", "ppv.macro"],
];

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** The printed scores of matrix m: each metric under one named reading, rounded to `decimals`. */
function printed(m: number[][], metrics: [PrintedMetric, string][], decimals: number, positive: number | null = null): PrintedScore[] {
  return metrics.map(([metric, id]) => ({ metric, value: round(impliedValue(id, m, positive), decimals), decimals, label: `${metric} (${id})`, readings: [id] }));
}

function spec(m: number[][], scores: PrintedScore[], positives: (number | null)[] = [null]): AuditRowSpec {
  const counts = rowSums(m);
  return { id: "random", classes: counts.map((_, i) => `c${i}`), expected: counts, positives, scores };
}

/** Whether matrix m reproduces every score under its (single) reading. */
function reproduces(m: number[][], scores: readonly PrintedScore[], positive: number | null): boolean {
  return scores.every((s) => {
    const t = roundingInterval(s);
    const v = impliedValue(s.readings![0], m, positive);
    return v >= t.lo && v <= t.hi;
  });
}

test("rows printed from random matrices (2-4 decimals) are consistent, and the true profile is among the fits", () => {
  for (const seed of [11, 12]) {
    for (const { name, matrix } of matrixCases(seed)) {
      for (const decimals of [2, 3, 4]) {
        const scores = printed(matrix, ROW, decimals);
        // one fit suffices for the verdict; counting every fit of a large 4-class row is what the confined search below does instead
        const a = auditRow(spec(matrix, scores), { timeMs: 20_000, maxFits: 1 });
        assert.equal(a.verdict, "consistent", `${name}, seed ${seed}, ${decimals} decimals`);
        assert.ok(reproduces(a.fit!.matrix, scores, null), `${name}: the reported fit does not reproduce the row`);
        // the truth is never pruned: a search confined near it finds it
        const counts = rowSums(matrix);
        const space = makeSpace({ classes: counts.map((_, i) => `c${i}`), counts }, null);
        const truth = profileOfMatrix(space, matrix);
        const box = fullBox(space);
        truth.d.forEach((v, k) => ((box.dLo[k] = Math.max(0, v - 2)), (box.dHi[k] = Math.min(counts[k], v + 2))));
        truth.o.forEach((v, k) => ((box.oLo[k] = Math.max(0, v - 2)), (box.oHi[k] = Math.min(space.negatives[k], v + 2))));
        const searchScores = scores.map((s) => ({ target: roundingInterval(s), readings: [reading(s.readings![0])] }));
        const r = searchFits(space, searchScores, { maxFits: 100_000, maxNodes: Infinity, deadline: Date.now() + 20_000 }, box);
        assert.equal(r.status, "complete");
        assert.ok(r.fits.some((f) => JSON.stringify({ d: f.d, o: f.o }) === JSON.stringify(truth)), `${name}, ${decimals} decimals: true profile not among the fits`);
      }
    }
  }
});

test("on tiny test sets the verdict and the number of fitting profiles equal brute force, for moved values too", () => {
  const rng = createRng(5);
  for (const shares of [[1, 2], [2, 1, 2], [1, 1, 1, 1]]) {
    for (let trial = 0; trial < 6; trial++) {
      const m = randomMatrix(rng, shares.length === 4 ? 8 : 9, shares, 0.7);
      const counts = rowSums(m);
      const base = printed(m, ROW.slice(0, 4), 2);
      const space = makeSpace({ classes: counts.map((_, i) => `c${i}`), counts }, null);
      for (let j = -1; j < base.length; j++) {
        // j = -1: the row as printed; else value j moved by 3 half-units (beyond its rounding), clamped to [0, 1]
        const scores = base.map((s, i) => (i === j ? { ...s, value: round(Math.min(1, Math.max(0, s.value + (s.value > 0.5 ? -3 : 3) * halfUnit(2))), 4), decimals: 4 } : s));
        const truth = new Set(allMatrices(counts).filter((x) => reproduces(x, scores, null)).map((x) => JSON.stringify(profileOfMatrix(space, x))));
        const a = auditRow(spec(m, scores), LIMITS);
        assert.equal(a.verdict, truth.size ? "consistent" : "inconsistent", `test set [${counts}], moved value ${j}`);
        assert.equal(a.fits, truth.size, `test set [${counts}], moved value ${j}: fitting profiles`);
        if (a.fit) assert.ok(reproduces(a.fit.matrix, scores, null), "a reported fit must reproduce the row");
      }
    }
  }
});

test("a value moved beyond its rounding is never reported as fitting by a matrix that does not reproduce it", () => {
  for (const { name, matrix } of matrixCases(21)) {
    const base = printed(matrix, ROW, 3);
    base.forEach((_, j) => {
      const scores = base.map((s, i) => (i === j ? { ...s, value: round(Math.min(1, s.value + 2 * halfUnit(3) + 1e-4), 4), decimals: 4 } : s));
      const a = auditRow(spec(matrix, scores), { timeMs: 1000, maxFits: 50 });
      assert.ok(!reproduces(matrix, scores, null), `${name}: the true matrix still reproduces the moved row`);
      if (a.verdict === "consistent") assert.ok(reproduces(a.fit!.matrix, scores, null), `${name}, moved ${scores[j].label}: wrongly consistent`);
    });
  }
});

test("readings are not confused: a row printed with weighted F1 passes under macro F1 only when brute force finds a matrix for that", () => {
  const rng = createRng(8);
  let differing = 0;
  for (const shares of [[1, 3], [1, 2, 4]]) {
    for (let trial = 0; trial < 8; trial++) {
      const m = randomMatrix(rng, 10, shares, 0.75);
      const counts = rowSums(m);
      const weighted = printed(m, [["accuracy", "accuracy"], ["f1Weighted", "f1.weighted"]], 3);
      const asMacro: PrintedScore[] = [weighted[0], { ...weighted[1], metric: "f1Macro", readings: ["f1.macro"] }];
      const brute = allMatrices(counts).some((x) => reproduces(x, asMacro, null));
      const a = auditRow(spec(m, asMacro), LIMITS);
      assert.equal(a.verdict, brute ? "consistent" : "inconsistent", `test set [${counts}]`);
      if (!brute) differing++;
    }
  }
  assert.ok(differing > 0, "no case told the readings apart: the test would not catch a confusion");
});

test("the positive class is part of the reading: positive-class F1 of class 0 is not passed as class 1's", () => {
  const m = [[3, 1], [2, 14]];
  const scores = printed(m, [["f1Macro", "f1.positive"]], 3, 0);
  assert.equal(auditRow(spec(m, scores, [0]), LIMITS).verdict, "consistent");
  const brute = allMatrices(rowSums(m)).some((x) => reproduces(x, scores, 1));
  assert.equal(auditRow(spec(m, scores, [1]), LIMITS).verdict, brute ? "consistent" : "inconsistent");
});

test("bad input is a clear error naming the value", () => {
  const m = [[5, 1], [2, 7]];
  const ok = printed(m, [["accuracy", "accuracy"]], 3);
  assert.throws(() => auditRow(spec(m, [{ ...ok[0], value: 1.2, label: "acc" }])), /'acc': accuracy = 1.2 is not a score in \[0, 1\]/);
  assert.throws(() => auditRow(spec(m, [{ ...ok[0], readings: ["f1.harmonic"] }])), /unknown reading 'f1.harmonic'/);
  assert.throws(() => auditRow(spec(m, [{ ...ok[0], readings: ["f1.macro"] }])), /reading 'f1.macro' is a reading of f1, not of accuracy/);
  assert.throws(() => auditRow(spec(m, [{ ...ok[0], metric: "kappa" as PrintedMetric }])), /unknown metric 'kappa'/);
  assert.throws(() => auditRow({ ...spec(m, ok), expected: [4, -2] }), /class 'c1' is -2/);
  assert.throws(() => auditRow({ ...spec(m, ok), expected: [0, 0] }), /test set is empty/);
  assert.throws(() => auditRow(spec(m, [])), /no printed scores/);
});
