/**
 * The value of every reading at a confusion matrix, computed by the kit's metrics (src/metrics, with
 * scikit-learn / imbalanced-learn semantics checked against those libraries) on the label vectors
 * the matrix stands for. The search evaluates readings by closed formulas (src/audit/readings.ts);
 * reporting the implied values through src/metrics instead means a formula that drifted from the
 * libraries would show as a printed value that "fits" but disagrees with its own implied value, and
 * the tests compare the two on random matrices.
 */
import {
  accuracyScore,
  f1Score,
  geometricMeanScore,
  makeIndexBalancedAccuracy,
  npvScore,
  ppvScore,
  recallScore,
  sensitivityScore,
  specificityScore,
  type AveragingOptions,
} from "../metrics/index";
import { IBA_ALPHA, reading } from "./readings";

/** The label vectors of a matrix m[true][predicted]: m[i][j] samples of class i predicted j. */
export function labelsOfMatrix(m: readonly (readonly number[])[]): { yTrue: number[]; yPred: number[] } {
  const yTrue: number[] = [];
  const yPred: number[] = [];
  m.forEach((row, i) => row.forEach((c, j) => {
    for (let s = 0; s < c; s++) {
      yTrue.push(i);
      yPred.push(j);
    }
  }));
  return { yTrue, yPred };
}

/** The metric options of an average; "positive" is one class's own score (labels [p], as average="binary" gives). */
function averaging(average: string, classes: number, positive: number | null): AveragingOptions {
  const labels = Array.from({ length: classes }, (_, k) => k);
  if (average === "positive") {
    if (positive === null) throw new Error("a positive-class reading needs a positive class");
    return { labels: [positive], average: "macro" };
  }
  return { labels, average: average as AveragingOptions["average"] };
}

/** The value of reading `id` at matrix m, by src/metrics. */
export function impliedValue(id: string, m: readonly (readonly number[])[], positive: number | null): number {
  const { family } = reading(id);
  const { yTrue, yPred } = labelsOfMatrix(m);
  const k = m.length;
  const [, average, squared] = id.split(".");
  switch (family) {
    case "accuracy":
      return accuracyScore(yTrue, yPred);
    case "f1":
      return f1Score(yTrue, yPred, averaging(average, k, positive)) as number;
    case "gmean":
      if (average === "recalls") return geometricMeanScore(yTrue, yPred, { labels: averaging("macro", k, null).labels });
      if (average === "recallProduct") return recallScore(yTrue, yPred, { ...averaging("macro", k, null), average: null }).reduce((a, b) => a * b, 1);
      return geometricMeanScore(yTrue, yPred, averaging(average, k, positive)) as number;
    case "iba": {
      const iba = makeIndexBalancedAccuracy({ alpha: IBA_ALPHA, squared: squared === "squared" })(geometricMeanScore);
      const options = average === "recalls" ? { labels: averaging("macro", k, null).labels } : averaging(average, k, positive);
      return iba(yTrue, yPred, options) as number;
    }
    case "sensitivity":
      return sensitivityScore(yTrue, yPred, averaging(average, k, positive)) as number;
    case "specificity":
      return specificityScore(yTrue, yPred, averaging(average, k, positive)) as number;
    case "ppv":
      return ppvScore(yTrue, yPred, averaging(average, k, positive)) as number;
    case "npv":
      return npvScore(yTrue, yPred, averaging(average, k, positive)) as number;
  }
}
