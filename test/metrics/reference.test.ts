/**
 * Every value in test/fixtures/metrics/metrics_reference.json (scikit-learn 1.2.1 / imbalanced-learn
 * 0.10.0 outputs), reproduced to 1e-12. Keys are parsed generically: a key this file does not
 * understand fails the test instead of being skipped.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readJsonFixture } from "../paths";
import { assertClose } from "./assert-close";
import {
  accuracyScore,
  balancedAccuracyScore,
  classificationReportImbalanced,
  classificationReportDict,
  confusionMatrix,
  f1Score,
  geometricMeanScore,
  makeIndexBalancedAccuracy,
  precisionScore,
  recallScore,
  rocAucScore,
  sensitivityScore,
  specificityScore,
  type GmeanAverage,
} from "../../src/metrics/index";

const TOL = 1e-12;

interface Example {
  y_true: number[];
  y_pred: number[];
  y_score?: number[][];
  y_score_p1?: number[];
  results: Record<string, unknown>;
}

function parseAverage(s: string): GmeanAverage {
  return s === "None" ? null : (s as GmeanAverage);
}

const LABEL_METRICS = {
  f1: f1Score,
  precision: precisionScore,
  recall: recallScore,
  sensitivity: sensitivityScore,
  specificity: specificityScore,
  gmean: geometricMeanScore,
} as const;

/** What the library returns for fixture key `key`. */
function compute(key: string, ex: Example): unknown {
  const { y_true: yt, y_pred: yp } = ex;
  let m: RegExpMatchArray | null;
  if (key === "confusion_matrix") return confusionMatrix(yt, yp);
  if (key === "accuracy") return accuracyScore(yt, yp);
  if (key === "balanced_accuracy") return balancedAccuracyScore(yt, yp);
  if ((m = key.match(/^(f1|precision|recall|sensitivity|specificity|gmean)_(None|binary|micro|macro|weighted|multiclass)$/))) {
    const metric = LABEL_METRICS[m[1] as keyof typeof LABEL_METRICS] as (a: number[], b: number[], o: object) => unknown;
    return metric(yt, yp, { average: parseAverage(m[2]) });
  }
  if ((m = key.match(/^iba_a([\d.]+)_(sq|nosq)_of_(gmean|sensitivity)_(None|binary|micro|macro|weighted|multiclass)$/))) {
    const iba = makeIndexBalancedAccuracy({ alpha: Number(m[1]), squared: m[2] === "sq" });
    const metric = m[3] === "gmean" ? iba(geometricMeanScore) : iba(sensitivityScore);
    return (metric as (a: number[], b: number[], o: object) => unknown)(yt, yp, { average: parseAverage(m[4]) });
  }
  if ((m = key.match(/^roc_auc_(ovr|ovo)_(macro|weighted)$/))) {
    return rocAucScore(yt, ex.y_score!, { multiClass: m[1] as "ovr" | "ovo", average: m[2] as "macro" | "weighted" });
  }
  if (key === "roc_auc_ovr_per_class") return rocAucScore(yt, ex.y_score!, { multiClass: "ovr", average: null });
  if (key === "roc_auc_binary_from_p1") return rocAucScore(yt, ex.y_score_p1!);
  if (key === "classification_report_imbalanced_dict") return classificationReportDict(classificationReportImbalanced(yt, yp));
  if (key === "check_gmean_multiclass_eq_prod_recall_pow_1_over_K") {
    const r = recallScore(yt, yp, { average: null });
    return r.reduce((a, b) => a * b, 1) ** (1 / r.length);
  }
  if (key === "check_iba_sq_gmean_multiclass_eq_(1+0.1*(macro_sens-macro_spec))*gmean^2") {
    const g = geometricMeanScore(yt, yp);
    return (1 + 0.1 * (sensitivityScore(yt, yp, { average: "macro" }) - specificityScore(yt, yp, { average: "macro" }))) * g * g;
  }
  if (key === "check_gmean_macro_eq_sqrt(macro_sens*macro_spec)") {
    return Math.sqrt(sensitivityScore(yt, yp, { average: "macro" }) * specificityScore(yt, yp, { average: "macro" }));
  }
  throw new Error(`reference.test.ts does not know fixture key ${JSON.stringify(key)}`);
}

const fixture = readJsonFixture<Record<string, unknown>>("metrics", "metrics_reference.json");
const examples = Object.entries(fixture).filter(([, v]) => v !== null && typeof v === "object" && "results" in (v as object)) as [string, Example][];

test("the oracle has examples and records the library versions it came from", () => {
  assert.ok(examples.length >= 2);
  assert.deepEqual(Object.keys(fixture.versions as object).sort(), ["imblearn", "numpy", "scipy", "sklearn"]);
});

for (const [name, ex] of examples) {
  test(`${name}: every fixture value reproduced to 1e-12 (${Object.keys(ex.results).length} keys)`, () => {
    for (const [key, expected] of Object.entries(ex.results)) {
      if (expected !== null && typeof expected === "object" && "error" in expected) {
        const message = String((expected as { error: string }).error).replace(/^\w+Error: /, "");
        const head = message.split(". ")[0];
        assert.throws(() => compute(key, ex), (e: Error) => e.message.includes(head), `${name}.${key} should throw "${head}"`);
        continue;
      }
      assertClose(compute(key, ex), expected, TOL, `${name}.${key}`);
    }
  });
}
