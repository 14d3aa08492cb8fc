/**
 * DeLong's test for two correlated ROC AUCs (DeLong, DeLong & Clarke-Pearson 1988), scored on the same
 * test images, in the O(n log n) form of Sun & Xu (2014): each classifier's AUC is the mean of its
 * structural components, computed from midranks, and the covariance of the two AUCs comes from the
 * components' sample covariances over the positives and over the negatives. Binary labels only: for
 * more classes the one-vs-rest macro AUC is compared with the paired bootstrap (pairedBootstrap).
 */
import { normalCdf, normalQuantile } from "./distributions";
import { checkPairedPredictions } from "./paired-input";

export interface DeLongResult {
  aucA: number;
  aucB: number;
  /** aucA - aucB. */
  difference: number;
  standardError: number;
  z: number;
  pValue: number;
  /** Normal interval of the difference at `confidence`. */
  low: number;
  high: number;
  confidence: number;
}

/** Midranks (1-based; ties share the mean of their ranks). */
export function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const mid = (i + j - 1) / 2 + 1;
    for (let k = i; k < j; k++) ranks[order[k][1]] = mid;
    i = j;
  }
  return ranks;
}

/** AUC of one classifier and its structural components over positives (v10) and negatives (v01). */
function components(positives: number[], negatives: number[]): { auc: number; v10: number[]; v01: number[] } {
  const m = positives.length;
  const n = negatives.length;
  const all = midranks([...positives, ...negatives]);
  const tx = midranks(positives);
  const ty = midranks(negatives);
  const v10 = positives.map((_, i) => (all[i] - tx[i]) / n);
  const v01 = negatives.map((_, j) => 1 - (all[m + j] - ty[j]) / m);
  return { auc: v10.reduce((a, b) => a + b, 0) / m, v10, v01 };
}

function covariance(a: number[], b: number[]): number {
  const n = a.length;
  if (n < 2) return 0;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (n - 1);
}

/** `scoresA`, `scoresB`: each image's score for the positive class (label 1) from the two classifiers. */
export function delongTest(yTrue: ArrayLike<number>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>, confidence = 0.95): DeLongResult {
  checkPairedPredictions("delongTest", yTrue, scoresA, scoresB);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`delongTest: confidence must be in (0, 1), got ${confidence}`);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 0 && yTrue[i] !== 1) throw new Error(`delongTest: binary labels 0/1 only, got ${yTrue[i]} at ${i} (compare multiclass AUCs with the paired bootstrap)`);
    for (const [name, s] of [["A", scoresA[i]], ["B", scoresB[i]]] as const) {
      if (!Number.isFinite(s)) throw new Error(`delongTest: score ${i} of classifier ${name} is ${s}`);
    }
    (yTrue[i] === 1 ? pos : neg).push(i);
  }
  if (pos.length === 0 || neg.length === 0) throw new Error(`delongTest: needs both classes in the test set, got ${pos.length} positive and ${neg.length} negative`);
  const a = components(pos.map((i) => scoresA[i]), neg.map((i) => scoresA[i]));
  const b = components(pos.map((i) => scoresB[i]), neg.map((i) => scoresB[i]));
  const m = pos.length;
  const n = neg.length;
  const variance =
    (covariance(a.v10, a.v10) + covariance(b.v10, b.v10) - 2 * covariance(a.v10, b.v10)) / m +
    (covariance(a.v01, a.v01) + covariance(b.v01, b.v01) - 2 * covariance(a.v01, b.v01)) / n;
  const difference = a.auc - b.auc;
  const standardError = Math.sqrt(Math.max(0, variance));
  const z = standardError > 0 ? difference / standardError : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const pValue = standardError > 0 ? 2 * (1 - normalCdf(Math.abs(z))) : difference === 0 ? 1 : 0;
  const half = normalQuantile(0.5 + confidence / 2) * standardError;
  return { aucA: a.auc, aucB: b.auc, difference, standardError, z, pValue, low: difference - half, high: difference + half, confidence };
}
