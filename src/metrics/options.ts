/**
 * The option object every label metric takes, mirroring scikit-learn's keyword arguments:
 * `metric(yTrue, yPred, { labels, average, posLabel, sampleWeight })`.
 *
 * `average` (scikit-learn / imbalanced-learn meaning):
 * - `null`: one score per label, in the order of `labels` (scikit-learn's `average=None`);
 * - "binary": the score of `posLabel` only; only for binary targets (at most two distinct labels);
 * - "micro": the score of the pooled counts over all labels;
 * - "macro": unweighted mean of the per-label scores;
 * - "weighted": mean of the per-label scores weighted by support (number of true samples per label).
 * "samples" (multilabel only in scikit-learn) is rejected.
 */
import type { CheckedTargets } from "./targets";

export type Average = "binary" | "micro" | "macro" | "weighted" | null;

export interface LabelOptions {
  /** Labels to score, in output order. Default: the sorted union of the labels in yTrue and yPred. */
  labels?: readonly number[];
  /** One non-negative weight per sample. Default: all ones. */
  sampleWeight?: ArrayLike<number>;
}

export interface AveragingOptions extends LabelOptions {
  /** See the module comment. Each metric documents its default. */
  average?: Average;
  /** The positive class when `average` is "binary". Default 1. Ignored otherwise, as in scikit-learn. */
  posLabel?: number;
}

const AVERAGES: readonly Average[] = [null, "binary", "micro", "macro", "weighted"];

/** Throws a clear error for an unknown `average`; returns it otherwise. */
export function checkAverage(fn: string, average: unknown): Average {
  if (average === "samples") {
    throw new Error(`${fn}: average "samples" is only meaningful for multilabel classification, which the kit does not support`);
  }
  if (!AVERAGES.includes(average as Average)) {
    throw new Error(`${fn}: average must be one of null, "binary", "micro", "macro", "weighted"; got ${JSON.stringify(average)}`);
  }
  return average as Average;
}

/** The error scikit-learn and imbalanced-learn raise for average "binary" on a multiclass target. */
export function binaryOnMulticlassError(fn: string): Error {
  return new Error(
    `${fn}: Target is multiclass but average='binary'. Please choose another average setting (null, "micro", "macro" or "weighted").`,
  );
}

/**
 * The labels a per-class computation runs over: `[posLabel]` for "binary" (after scikit-learn's
 * checks), else the caller's `labels` or the present ones. `posLabelAbsent` is true when "binary" was
 * asked on data that contain only one label and it is not `posLabel`.
 */
export function labelsToScore(
  fn: string,
  targets: CheckedTargets,
  average: Average,
  options: AveragingOptions,
): { labels: number[]; posLabelAbsent: boolean } {
  if (average === "binary") {
    if (targets.type !== "binary") throw binaryOnMulticlassError(fn);
    const pos = options.posLabel ?? 1;
    const absent = !targets.present.includes(pos);
    if (absent && targets.present.length >= 2) {
      throw new Error(`${fn}: posLabel=${pos} is not a valid label. It should be one of [${targets.present.join(", ")}]`);
    }
    return { labels: [pos], posLabelAbsent: absent };
  }
  if (options.labels !== undefined) {
    if (options.labels.length === 0) throw new Error(`${fn}: labels must contain at least one label`);
    return { labels: Array.from(options.labels), posLabelAbsent: false };
  }
  return { labels: targets.present, posLabelAbsent: false };
}

