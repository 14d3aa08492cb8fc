import { test } from "node:test";
import assert from "node:assert/strict";
import { testMetrics, validationMetrics } from "../../src/experiments/test-metrics";
import type { Predictions } from "../../src/training/predict";

function predictions(labels: number[], classOneScores: number[]): Predictions {
  const probabilities = Float32Array.from(classOneScores.flatMap((s) => [1 - s, s]));
  return {
    numClasses: 2,
    classNames: ["benign", "malignant"],
    logits: probabilities.map(Math.log),
    probabilities,
    predictions: Int32Array.from(classOneScores, (s) => (s > 0.5 ? 1 : 0)),
    labels: Int32Array.from(labels),
    indices: Int32Array.from(labels, (_, i) => i),
    loss: NaN,
  };
}

const close = (a: number | null, b: number, what: string) => assert.ok(a !== null && Math.abs(a - b) < 1e-6, `${what}: ${a} vs ${b}`);

test("test metrics on a hand-computed binary case", () => {
  // labels 0 0 1 1 1, predictions 0 1 1 1 0
  const m = testMetrics(predictions([0, 0, 1, 1, 1], [0.1, 0.6, 0.8, 0.7, 0.4]));
  close(m.accuracy, 0.6, "accuracy");
  assert.deepEqual(m.confusionMatrix, [[1, 1], [1, 2]]);
  assert.deepEqual(m.support, [2, 3]);
  close(m.recall.perClass[0], 0.5, "recall 0");
  close(m.recall.perClass[1], 2 / 3, "recall 1");
  close(m.f1.macro, (0.5 + 2 / 3) / 2, "F1 macro");
  close(m.f1.weighted, (2 * 0.5 + 3 * (2 / 3)) / 5, "F1 weighted");
  close(m.specificity.perClass[0], 2 / 3, "specificity of class 0 = recall of class 1");
  close(m.ppv.perClass[1], 2 / 3, "PPV 1");
  close(m.npv.perClass[1], 0.5, "NPV 1");
  close(m.gmean, Math.sqrt(0.5 * (2 / 3)), "G-mean");
  // Macro sensitivity equals macro specificity for two classes: dominance 0, so IBA = G-mean^2 (squared) or G-mean.
  close(m.iba, 0.5 * (2 / 3), "IBA squared");
  close(m.ibaUnsquared, Math.sqrt(0.5 * (2 / 3)), "IBA unsquared");
  // Positive scores 0.8 0.7 0.4 vs negative 0.1 0.6: 5 of 6 pairs ordered.
  close(m.rocAuc, 5 / 6, "ROC AUC");
  assert.deepEqual(m.undefinedMetrics, {});
  const v = validationMetrics(predictions([0, 0, 1, 1, 1], [0.1, 0.6, 0.8, 0.7, 0.4]));
  close(v.f1Macro, m.f1.macro, "validation F1 macro");
});

test("a test set with one class present: AUC is null with a reason, the rest is computed", () => {
  const m = testMetrics(predictions([1, 1, 1], [0.9, 0.2, 0.8]));
  assert.equal(m.rocAuc, null);
  assert.match(m.undefinedMetrics.rocAuc, /Only one class/);
  close(m.accuracy, 2 / 3, "accuracy");
  assert.equal(m.recall.perClass.length, 2, "every class is scored");
});
