/**
 * Hand-computed values and the documented behaviour on degenerate input (what the kit returns where
 * scikit-learn / imbalanced-learn return a value, and where it throws instead).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as M from "../../src/metrics/index";

const yTrue = [0, 0, 0, 1, 1, 1, 1];
const yPred = [0, 0, 1, 1, 1, 0, 1];

test("PPV and NPV by hand on a 2x2 table (TP=3, FP=1, FN=1, TN=2 for class 1)", () => {
  assert.deepEqual(M.confusionMatrix(yTrue, yPred), [[2, 1], [1, 3]]);
  assert.equal(M.ppvScore(yTrue, yPred), 3 / 4);
  assert.equal(M.npvScore(yTrue, yPred), 2 / 3);
  const pv = M.predictiveValues(yTrue, yPred);
  assert.deepEqual(pv.ppv, [2 / 3, 3 / 4]);
  assert.deepEqual(pv.npv, [3 / 4, 2 / 3]);
  assert.deepEqual(pv.support, [3, 4]);
  // NPV of class 1 is PPV of class 0 in a binary problem; weighted means use the support.
  assert.equal(M.npvScore(yTrue, yPred, { average: "weighted" }), (3 * (3 / 4) + 4 * (2 / 3)) / 7);
  assert.equal(M.ppvScore(yTrue, yPred, { average: "micro" }), 5 / 7);
  assert.equal(M.ppvScore(yTrue, yPred, { posLabel: 0 }), 2 / 3);
});

test("sensitivity, specificity, G-mean and IBA by hand", () => {
  const sens = 3 / 4;
  const spec = 2 / 3;
  assert.equal(M.sensitivityScore(yTrue, yPred), sens);
  assert.equal(M.specificityScore(yTrue, yPred), spec);
  assert.equal(M.geometricMeanScore(yTrue, yPred, { average: "binary" }), Math.sqrt(sens * spec));
  // Multiclass G-mean of the two recalls (2/3, 3/4) is the same number here.
  assert.ok(Math.abs(M.geometricMeanScore(yTrue, yPred) - Math.sqrt((2 / 3) * (3 / 4))) < 1e-15);
  const g = M.geometricMeanScore(yTrue, yPred);
  assert.ok(Math.abs(M.indexBalancedAccuracy(yTrue, yPred) - g * g) < 1e-15, "macro dominance is 0 for two classes");
  assert.ok(Math.abs(M.indexBalancedAccuracy(yTrue, yPred, { squared: false, alpha: 0.5 }) - g) < 1e-15);
  const ibaBinary = M.indexBalancedAccuracy(yTrue, yPred, { average: "binary" });
  assert.ok(Math.abs(ibaBinary - (1 + 0.1 * (sens - spec)) * sens * spec) < 1e-15);
});

test("IBA wraps any label metric; one without a default average gets per-class dominance (imblearn's None)", () => {
  const plainAccuracy = (t: M.Labels, p: M.Labels) => M.accuracyScore(t, p);
  const iba = M.makeIndexBalancedAccuracy({ alpha: 0.1, squared: false })(plainAccuracy) as unknown as (t: number[], p: number[]) => number[];
  const perClass = iba(yTrue, yPred);
  const { sensitivity, specificity } = M.sensitivitySpecificitySupport(yTrue, yPred);
  assert.deepEqual(perClass, sensitivity.map((s, i) => (1 + 0.1 * (s - specificity[i])) * (5 / 7)));
  // accuracyScore itself follows imblearn: dominance over average "binary", so multiclass throws.
  const ibaAcc = M.makeIndexBalancedAccuracy()(M.accuracyScore);
  assert.ok(Math.abs(ibaAcc(yTrue, yPred) - (1 + 0.1 * (3 / 4 - 2 / 3)) * (5 / 7) ** 2) < 1e-15);
  assert.throws(() => ibaAcc([0, 1, 2], [0, 1, 1]), /Target is multiclass but average='binary'/);
  assert.throws(() => M.makeIndexBalancedAccuracy({ alpha: NaN }), /alpha/);
});

test("a class never predicted: precision 0 (zeroDivision), G-mean 0 unless corrected", () => {
  const t = [0, 0, 1, 1, 2, 2];
  const p = [0, 0, 1, 1, 1, 1];
  assert.deepEqual(M.precisionScore(t, p, { average: null }), [1, 0.5, 0]);
  assert.deepEqual(M.precisionScore(t, p, { average: null, zeroDivision: 1 }), [1, 0.5, 1]);
  assert.equal(M.geometricMeanScore(t, p), 0);
  assert.ok(Math.abs(M.geometricMeanScore(t, p, { correction: 0.01 }) - Math.cbrt(0.01)) < 1e-15);
  assert.equal(M.specificityScore(t, p, { average: null })[2], 1);
});

test("empty input, mismatched lengths, non-integer labels and bad options throw clear errors", () => {
  // scikit-learn returns NaN (or 0 for binary F1) on empty input; the kit refuses it.
  const label = [
    () => M.accuracyScore([], []),
    () => M.f1Score([], [], { average: "macro" }),
    () => M.geometricMeanScore([], []),
    () => M.confusionMatrix([], []),
    () => M.classificationReportImbalanced([], []),
    () => M.rocAucScore([], []),
  ];
  for (const f of label) assert.throws(f, /empty input/);
  assert.throws(() => M.f1Score([0, 1], [0]), /inconsistent numbers of samples: yTrue has 2, yPred has 1/);
  assert.throws(() => M.geometricMeanScore([0, 1, 1], [0, 1]), /inconsistent numbers of samples/);
  assert.throws(() => M.accuracyScore([0, 0.5], [0, 1]), /yTrue\[1\] = 0.5 is not an integer class index/);
  assert.throws(() => M.f1Score([0, 1], [0, 1], { average: "samples" as never }), /multilabel/);
  assert.throws(() => M.f1Score([0, 1], [0, 1], { average: "mean" as never }), /average must be one of/);
  assert.throws(() => M.f1Score([0, 1], [0, 1], { sampleWeight: [1] }), /sampleWeight has 1 entries but there are 2 samples/);
  assert.throws(() => M.f1Score([0, 1], [0, 1], { sampleWeight: [1, -1] }), /sampleWeight\[1\]/);
  assert.throws(() => M.confusionMatrix([0, 1], [0, 1], { labels: [5] }), /at least one label specified must be in yTrue/);
});

test("ROC AUC: NaN or infinite scores, one class, wrong shapes are errors; Float32Array and flat matrices are accepted", () => {
  assert.throws(() => M.rocAucScore([0, 1], [0.2, NaN]), /yScore contains NaN \(sample 1/);
  assert.throws(() => M.rocAucScore([0, 1], [0.2, Infinity]), /infinity/);
  assert.throws(() => M.rocAucScore([1, 1], [0.2, 0.3]), /Only one class present/);
  assert.throws(() => M.rocAucScore([0, 1, 2], [0.2, 0.3, 0.5]), /n x C probability matrix/);
  assert.throws(() => M.rocAucScore([0, 1], [0.1, 0.2, 0.3]), /not a whole number of scores per sample/);
  // Ties between a positive and a negative count one half.
  assert.equal(M.rocAucScore([0, 1], Float32Array.from([0.5, 0.5])), 0.5);
  assert.equal(M.rocAucScore([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.9]), 0.875);
  // A 2-column probability matrix uses the second column (scikit-learn would raise).
  assert.equal(M.rocAucScore([0, 0, 1, 1], [[0.9, 0.1], [0.5, 0.5], [0.5, 0.5], [0.1, 0.9]]), 0.875);
  const rows = [[0.7, 0.2, 0.1], [0.2, 0.6, 0.2], [0.1, 0.3, 0.6], [0.5, 0.4, 0.1]];
  const t = [0, 1, 2, 1];
  assert.equal(M.rocAucScore(t, Float32Array.from(rows.flat())), M.rocAucScore(t, rows));
});

test("the paper's a/b F1 pair and Python-style rounding", () => {
  assert.equal(M.formatScorePair(0.97041, 0.98496), "0.970/0.985");
  // 0.8125 is exact in binary: Python rounds the tie to even ("0.812"), toFixed would give "0.813".
  assert.equal(M.formatFixed(0.8125, 3), "0.812");
  assert.equal(M.formatFixed(0.8135, 3), (0.8135).toFixed(3));
  const pair = M.f1MacroWeighted([0, 0, 0, 0, 1, 1], [0, 0, 0, 1, 1, 1]);
  assert.equal(pair.macro, M.f1Score([0, 0, 0, 0, 1, 1], [0, 0, 0, 1, 1, 1], { average: "macro" }));
  assert.equal(pair.text, `${M.formatFixed(pair.macro, 3)}/${M.formatFixed(pair.weighted, 3)}`);
  assert.equal(pair.text, "0.829/0.838");
});

test("labels select and order the per-class outputs; a listed label absent from the data scores 0", () => {
  const f1 = M.f1Score([0, 1, 1, 2], [0, 1, 2, 2], { average: null, labels: [2, 0, 7] });
  assert.deepEqual(f1, [2 / 3, 1, 0]);
  assert.deepEqual(M.confusionMatrix([0, 1, 1, 2], [0, 1, 2, 2], { labels: [2, 1] }), [[1, 0], [1, 1]]);
  const report = M.classificationReportImbalanced([0, 1, 1, 2], [0, 1, 2, 2], { targetNames: ["normal", "benign", "malignant"] });
  assert.deepEqual(report.rows.map((r) => r.name), ["normal", "benign", "malignant"]);
  assert.equal(report.totalSupport, 4);
  assert.match(report.text, /^ +pre +rec +spe +f1 +geo +iba +sup\n\n +normal +1\.00 +1\.00 +1\.00/);
});

test("result types follow the average (compile-time check, value check at run time)", () => {
  const scalar: number = M.f1Score(yTrue, yPred, { average: "macro" });
  const perClass: number[] = M.f1Score(yTrue, yPred, { average: null });
  const byDefault: number = M.geometricMeanScore(yTrue, yPred);
  assert.equal(typeof scalar, "number");
  assert.ok(Array.isArray(perClass));
  assert.equal(typeof byDefault, "number");
});
