/**
 * test/fixtures/metrics/extra_reference.json (made by make_reference.py with scikit-learn 1.2.1 /
 * imbalanced-learn 0.10.0): random, weighted, tied and degenerate inputs, every call reproduced to
 * 1e-12, and every call the libraries reject rejected here too.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { assertClose } from "./assert-close";
import * as M from "../../src/metrics/index";

const TOL = 1e-12;

interface Call {
  fn: string;
  kwargs: Record<string, unknown>;
  metric?: string;
  alpha?: number;
  squared?: boolean;
  expected?: unknown;
  error?: string;
  imblearn_weighted?: unknown;
}
interface Case {
  name: string;
  y_true: number[];
  y_pred?: number[];
  y_score?: (number | null)[] | number[][];
  calls: Call[];
}

const doc = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "metrics", "extra_reference.json"), "utf8"), (_k, v) =>
  v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v,
);

const OPTION_NAMES: Record<string, string> = {
  pos_label: "posLabel",
  sample_weight: "sampleWeight",
  zero_division: "zeroDivision",
  multi_class: "multiClass",
  drop_intermediate: "dropIntermediate",
  target_names: "targetNames",
};

function options(kwargs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [OPTION_NAMES[k] ?? k, v]));
}

type AnyMetric = (yTrue: number[], y: any, options?: any) => any;

const LABEL_FUNCTIONS: Record<string, AnyMetric> = {
  accuracy_score: M.accuracyScore,
  balanced_accuracy_score: M.balancedAccuracyScore,
  confusion_matrix: M.confusionMatrix,
  precision_score: M.precisionScore,
  recall_score: M.recallScore,
  f1_score: M.f1Score,
  fbeta_score: M.fbetaScore,
  precision_recall_fscore_support: M.precisionRecallFscoreSupport,
  sensitivity_score: M.sensitivityScore,
  specificity_score: M.specificityScore,
  sensitivity_specificity_support: M.sensitivitySpecificitySupport,
  geometric_mean_score: M.geometricMeanScore,
  predictive_values: M.predictiveValues,
  classification_report_imbalanced: (t, p, o) => M.classificationReportDict(M.classificationReportImbalanced(t, p, o)),
  classification_report_imbalanced_text: (t, p, o) => M.classificationReportImbalanced(t, p, o).text,
  roc_auc_score: M.rocAucScore,
  roc_curve: M.rocCurve,
};

function run(c: Case, call: Call): unknown {
  const second = (c.y_pred ?? c.y_score) as any;
  const opts = options(call.kwargs);
  if (call.fn === "iba") {
    const iba = M.makeIndexBalancedAccuracy({ alpha: call.alpha, squared: call.squared });
    return (iba(LABEL_FUNCTIONS[call.metric!] as M.PredictionMetric) as AnyMetric)(c.y_true, second, opts);
  }
  const f = LABEL_FUNCTIONS[call.fn];
  if (!f) throw new Error(`extra-reference.test.ts does not know function ${call.fn}`);
  return f(c.y_true, second, opts);
}

/** The library returns None (JSON null) for an averaged support; the kit leaves it undefined. */
function normalise(actual: unknown, expected: unknown): unknown {
  if (actual === null || typeof actual !== "object" || Array.isArray(actual) || expected === null || typeof expected !== "object") return actual;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(expected as object)) {
    const v = (actual as Record<string, unknown>)[k];
    const e = (expected as Record<string, unknown>)[k];
    // imbalanced-learn's early exit for an absent posLabel returns support 0 instead of None.
    out[k] = k === "support" && !Array.isArray(e) ? (v === undefined ? e : v) : v;
  }
  return out;
}

for (const group of ["label_cases", "auc_cases"] as const) {
  for (const c of doc[group] as Case[]) {
    test(`${group}/${c.name}: ${c.calls.length} calls match scikit-learn / imbalanced-learn`, () => {
      for (const call of c.calls) {
        const where = `${c.name} ${call.metric ?? call.fn}(${JSON.stringify(call.kwargs)})`;
        if (call.error !== undefined) {
          assert.throws(() => run(c, call), Error, `${where} should throw like the library did: ${call.error}`);
          continue;
        }
        const actual = run(c, call);
        assertClose(normalise(actual, call.expected), call.expected, TOL, where);
      }
    });
  }
}

test("imbalanced-learn's weighted true-negative quirk is recorded and the kit deliberately differs from it", () => {
  const quirky = (doc.label_cases as Case[]).flatMap((c) => c.calls.filter((x) => x.imblearn_weighted !== undefined).map((x) => ({ c, x })));
  assert.ok(quirky.length > 0);
  const differing = quirky.filter(({ x }) => JSON.stringify(x.imblearn_weighted) !== JSON.stringify(x.expected));
  // Specificity-based scores move with the quirk; sensitivity alone does not.
  assert.ok(differing.some(({ x }) => x.fn === "specificity_score"), "the quirk should change some specificity");
  assert.ok(quirky.some(({ x }) => x.fn === "sensitivity_score" && JSON.stringify(x.imblearn_weighted) === JSON.stringify(x.expected)));
});
