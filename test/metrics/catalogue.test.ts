import { test } from "node:test";
import assert from "node:assert/strict";
import { collapseCheck, metricValue, metricCi, metricDifferenceCi, type TestPredictions } from "../../src/metrics/index";
import { BINARY } from "../reproduction/run-fixtures";

const binary: TestPredictions = { numClasses: 2, classNames: ["benign", "malignant"], ...BINARY };
const close = (a: number | null, b: number, tol = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("binary metrics by hand: TP 4, FN 1, FP 1, TN 2 for the malignant class", () => {
  close(metricValue("accuracy", binary), 6 / 8);
  // F1: benign 2/3 (P = R = 2/3), malignant 4/5 (P = R = 4/5)
  close(metricValue("f1Macro", binary), (2 / 3 + 0.8) / 2);
  close(metricValue("f1Weighted", binary), (3 * (2 / 3) + 5 * 0.8) / 8);
  close(metricValue("sensitivity", binary), 0.8);
  close(metricValue("specificity", binary), 2 / 3);
  close(metricValue("ppv", binary), 0.8);
  close(metricValue("npv", binary), 2 / 3);
  const g = Math.sqrt(0.8 * (2 / 3));
  close(metricValue("gmean", binary), g);
  // the paper's form: unsquared, dominance sens - spec of the malignant class
  close(metricValue("iba", binary), (1 + 0.1 * (0.8 - 2 / 3)) * g);
  // imbalanced-learn's default: squared, macro dominance (0 for two classes)
  close(metricValue("ibaSquared", binary), g * g);
  close(metricValue("aucRoc", binary), 14 / 15);
});

test("multiclass sensitivity/specificity are support-weighted one-vs-rest", () => {
  const p: TestPredictions = {
    numClasses: 3,
    classNames: ["a", "b", "c"],
    labels: [0, 0, 1, 1, 2, 2],
    predictions: [0, 1, 1, 1, 2, 0],
    probabilities: [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.8, 0.1, 0.1, 0.6, 0.3, 0.1, 0.1, 0.8, 0.5, 0.2, 0.3],
  };
  close(metricValue("sensitivity", p), 4 / 6);
  // specificity per class 3/4, 3/4, 4/4 with equal supports
  close(metricValue("specificity", p), (0.75 + 0.75 + 1) / 3);
  close(metricValue("accuracy", p), 4 / 6);
});

test("undefined metrics are null, not errors", () => {
  const oneClass: TestPredictions = { numClasses: 2, classNames: ["b", "m"], labels: [1, 1, 1], predictions: [1, 0, 1], probabilities: [0.2, 0.8, 0.6, 0.4, 0.1, 0.9] };
  assert.equal(metricValue("aucRoc", oneClass), null);
  close(metricValue("accuracy", oneClass), 2 / 3);
  assert.throws(() => metricValue("accuracy", { ...binary, probabilities: [0.5] }), /1 probabilities for 8 samples of 2 classes/);
});

test("bootstrap interval: around the estimate, seeded, stratified", () => {
  const a = metricCi("accuracy", binary, { nResamples: 300, seed: 3 })!;
  const b = metricCi("accuracy", binary, { nResamples: 300, seed: 3 })!;
  close(a.estimate, 0.75);
  assert.deepEqual([a.low, a.high], [b.low, b.high]);
  assert.ok(a.low < 0.75 && a.high > 0.75 && a.low >= 0 && a.high <= 1, `${a.low} ${a.high}`);
  assert.equal(a.stratify, true);
  // a perfect classifier stays perfect on every within-class resample
  const perfect = metricCi("f1Macro", { ...binary, predictions: binary.labels }, { nResamples: 50, seed: 0 })!;
  assert.deepEqual([perfect.low, perfect.high], [1, 1]);
});

test("paired difference: zero against itself, real against a worse run, refuses other test sets", () => {
  const self = metricDifferenceCi("accuracy", binary, binary, { nResamples: 100, seed: 1 })!;
  assert.deepEqual([self.estimate, self.low, self.high], [0, 0, 0]);
  const perfect = { ...binary, predictions: binary.labels };
  const d = metricDifferenceCi("accuracy", perfect, binary, { nResamples: 400, seed: 1 })!;
  close(d.estimate, 0.25);
  // the two misclassified images are the only source of difference: it is never negative
  assert.ok(d.low >= 0 && d.high <= 1 && d.high > 0.25, `${d.low} ${d.high}`);
  assert.throws(() => metricDifferenceCi("accuracy", binary, { ...binary, labels: Array.from(binary.labels).reverse() }, { nResamples: 10, seed: 0 }), /same images/);
});

test("a run that predicts one class for (nearly) every image is collapsed", () => {
  assert.deepEqual(collapseCheck([1, 1, 1, 1]), { collapsed: true, predictedClass: 1, share: 1 });
  assert.equal(collapseCheck([...Array(19).fill(0), 1]).collapsed, true, "19 of 20 = 95%");
  assert.deepEqual(collapseCheck([...Array(18).fill(0), 1, 1]), { collapsed: false, predictedClass: 0, share: 0.9 });
  assert.equal(collapseCheck([0, 1, 2, 0], 0.5).collapsed, true);
  assert.throws(() => collapseCheck([]), /no predictions/);
  assert.throws(() => collapseCheck([0], 1.5), /threshold must be in/);
});
