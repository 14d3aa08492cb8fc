/**
 * Confusion matrix, scikit-learn's `confusion_matrix(y_true, y_pred, *, labels, sample_weight, normalize)`.
 */
import { checkTargets, type Labels } from "./targets";
import type { LabelOptions } from "./options";

export interface ConfusionMatrixOptions extends LabelOptions {
  /** Divide by the row sums ("true"), column sums ("pred") or the total ("all"); 0/0 becomes 0. */
  normalize?: "true" | "pred" | "all";
}

/**
 * `C[i][j]` = (weighted) number of samples with true label `labels[i]` predicted as `labels[j]`.
 *
 * - `labels` (default: sorted union of yTrue and yPred) fixes the row/column order; samples whose true
 *   or predicted label is not listed are left out. At least one listed label must occur in yTrue.
 * - Throws on empty or mismatched inputs and on non-integer labels.
 */
export function confusionMatrix(yTrue: Labels, yPred: Labels, options: ConfusionMatrixOptions = {}): number[][] {
  const fn = "confusionMatrix";
  const targets = checkTargets(fn, yTrue, yPred, options.sampleWeight);
  let labels = targets.present;
  if (options.labels !== undefined) {
    labels = Array.from(options.labels);
    if (labels.length === 0) throw new Error(`${fn}: labels must contain at least one label`);
    const inTrue = new Set(Array.from(yTrue));
    if (!labels.some((l) => inTrue.has(l))) throw new Error(`${fn}: at least one label specified must be in yTrue`);
  }
  const k = labels.length;
  const index = new Map<number, number>();
  labels.forEach((l, i) => { if (!index.has(l)) index.set(l, i); });
  const cm: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let s = 0; s < yTrue.length; s++) {
    const i = index.get(yTrue[s]);
    const j = index.get(yPred[s]);
    if (i === undefined || j === undefined) continue;
    cm[i][j] += options.sampleWeight === undefined ? 1 : options.sampleWeight[s];
  }
  return options.normalize === undefined ? cm : normalizeConfusionMatrix(cm, options.normalize);
}

/** Normalises a confusion matrix over its rows, columns or total; 0/0 entries become 0 (numpy's nan_to_num). */
export function normalizeConfusionMatrix(cm: number[][], normalize: "true" | "pred" | "all"): number[][] {
  const k = cm.length;
  const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
  if (normalize === "true") return cm.map((row) => { const s = row.reduce((a, b) => a + b, 0); return row.map((v) => div(v, s)); });
  if (normalize === "pred") {
    const colSums = Array.from({ length: k }, (_, j) => cm.reduce((a, row) => a + row[j], 0));
    return cm.map((row) => row.map((v, j) => div(v, colSums[j])));
  }
  if (normalize === "all") {
    const total = cm.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
    return cm.map((row) => row.map((v) => div(v, total)));
  }
  throw new Error(`confusionMatrix: normalize must be "true", "pred" or "all"; got ${JSON.stringify(normalize)}`);
}
