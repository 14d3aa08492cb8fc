/**
 * Validation of class-label inputs, with scikit-learn's `_check_targets` semantics restricted to what
 * the kit feeds its metrics: one integer class index per sample (no strings, no multilabel).
 *
 * The target type decides whether `average: "binary"` is allowed: it is "binary" when y_true and
 * y_pred together hold at most two distinct labels, "multiclass" otherwise (scikit-learn's rule).
 * Empty inputs are rejected: scikit-learn returns NaN (mean of an empty slice) or 0 depending on the
 * function, which only ever hides a bug upstream.
 */

/** One class index per sample (number[], Int32Array, Float32Array, ...). */
export type Labels = ArrayLike<number>;

export type TargetType = "binary" | "multiclass";

export interface CheckedTargets {
  type: TargetType;
  /** Sorted union of the labels in y_true and y_pred (scikit-learn's `unique_labels`). */
  present: number[];
}

/** Sorted distinct values of one or more label arrays. */
export function uniqueLabels(...arrays: Labels[]): number[] {
  const seen = new Set<number>();
  for (const a of arrays) for (let i = 0; i < a.length; i++) seen.add(a[i]);
  return Array.from(seen).sort((x, y) => x - y);
}

/** Throws unless every entry of `values` (named `name`) is a finite integer. */
export function checkIntegerLabels(fn: string, name: string, values: Labels): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) {
      throw new Error(`${fn}: ${name}[${i}] = ${v} is not an integer class index (continuous targets are not classification targets)`);
    }
  }
}

/** Throws unless `sampleWeight` (if given) has `n` finite, non-negative entries. */
export function checkSampleWeight(fn: string, sampleWeight: ArrayLike<number> | undefined, n: number): void {
  if (sampleWeight === undefined) return;
  if (sampleWeight.length !== n) {
    throw new Error(`${fn}: sampleWeight has ${sampleWeight.length} entries but there are ${n} samples`);
  }
  for (let i = 0; i < sampleWeight.length; i++) {
    const w = sampleWeight[i];
    if (!Number.isFinite(w) || w < 0) throw new Error(`${fn}: sampleWeight[${i}] = ${w} is not a finite non-negative number`);
  }
}

/** Throws unless y_true and y_pred are non-empty and the same length. */
export function checkSameLength(fn: string, yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, predName = "yPred"): void {
  if (yTrue.length !== yPred.length) {
    throw new Error(`${fn}: inconsistent numbers of samples: yTrue has ${yTrue.length}, ${predName} has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new Error(`${fn}: empty input (no samples); the metric is undefined`);
}

/** Validates a (yTrue, yPred, sampleWeight) triple and classifies the target as binary or multiclass. */
export function checkTargets(fn: string, yTrue: Labels, yPred: Labels, sampleWeight?: ArrayLike<number>): CheckedTargets {
  checkSameLength(fn, yTrue, yPred);
  checkIntegerLabels(fn, "yTrue", yTrue);
  checkIntegerLabels(fn, "yPred", yPred);
  checkSampleWeight(fn, sampleWeight, yTrue.length);
  const present = uniqueLabels(yTrue, yPred);
  return { type: present.length <= 2 ? "binary" : "multiclass", present };
}
