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
  close(m.scores.accuracy, 0.6, "accuracy");
  assert.deepEqual(m.confusionMatrix, [[1, 1], [1, 2]]);
  assert.deepEqual(m.support, [2, 3]);
  close(m.perClass.recall[0], 0.5, "recall 0");
  close(m.perClass.recall[1], 2 / 3, "recall 1");
  close(m.scores.f1Macro, (0.5 + 2 / 3) / 2, "F1 macro");
  close(m.scores.f1Weighted, (2 * 0.5 + 3 * (2 / 3)) / 5, "F1 weighted");
  close(m.perClass.specificity[0], 2 / 3, "specificity of class 0 = recall of class 1");
  close(m.perClass.ppv[1], 2 / 3, "PPV 1");
  close(m.perClass.npv[1], 0.5, "NPV 1");
  close(m.scores.gmean, Math.sqrt(0.5 * (2 / 3)), "G-mean");
  // Macro sensitivity equals macro specificity for two classes: dominance 0, so the squared IBA = G-mean^2.
  close(m.scores.ibaSquared, 0.5 * (2 / 3), "IBA squared");
  // The catalogue's IBA: unsquared, dominance sens - spec of the positive class (2/3 - 1/2).
  close(m.scores.iba, (1 + 0.1 * (2 / 3 - 0.5)) * Math.sqrt(0.5 * (2 / 3)), "IBA unsquared, positive-class dominance");
  // Positive scores 0.8 0.7 0.4 vs negative 0.1 0.6: 5 of 6 pairs ordered.
  close(m.scores.aucRoc, 5 / 6, "ROC AUC");
  assert.deepEqual(m.undefinedMetrics, {});
  const v = validationMetrics(predictions([0, 0, 1, 1, 1], [0.1, 0.6, 0.8, 0.7, 0.4]));
  close(v.f1Macro, m.scores.f1Macro!, "validation F1 macro");
});

test("a test set with one class present: AUC is null with a reason, the rest is computed", () => {
  const m = testMetrics(predictions([1, 1, 1], [0.9, 0.2, 0.8]));
  assert.equal(m.scores.aucRoc, null);
  assert.match(m.undefinedMetrics.aucRoc!, /Only one class/);
  close(m.scores.accuracy, 2 / 3, "accuracy");
  assert.equal(m.perClass.recall.length, 2, "every class is scored");
});
