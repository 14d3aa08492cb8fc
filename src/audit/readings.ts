/**
 * The named readings of each metric the paper prints. The paper names its metrics (accuracy, F1,
 * IBA, GMean, sensitivity, specificity, PPV, NPV) but not how they are averaged over classes, which
 * class is "positive", or which form of IBA it computes; each reading below is one answer, defined
 * once as a formula over the per-class scores of src/audit/class-terms.ts and evaluated both at a
 * candidate matrix and over a box of them (src/audit/interval.ts).
 *
 * With per-class sensitivity s_k, specificity p_k, F1 f_k, class shares w_k = n_k / n and K classes:
 * - macro = (1/K) sum_k x_k, weighted = sum_k w_k x_k (weighted sensitivity is accuracy), micro =
 *   the score of the pooled one-vs-rest counts (micro sensitivity and micro F1 are accuracy),
 *   "positive" = the score of the class the row reads as positive (malignant or benign, ...);
 * - GMean: imbalanced-learn's `geometric_mean_score` default (prod_k s_k)^(1/K); its `average=`
 *   macro / weighted / binary forms sqrt(sens * spec) of those averages; and the bare product of
 *   per-class recalls prod_k s_k, which no library computes but a misreading of "geometric mean" gives;
 * - IBA: imbalanced-learn's `make_index_balanced_accuracy(alpha=0.1, squared)` of the G-mean,
 *   (1 + 0.1 (sens - spec)) * g^(squared ? 2 : 1), with g and the dominance sens - spec averaged as the
 *   wrapped `geometric_mean_score` call averages them: its default ("multiclass") takes the dominance
 *   macro-averaged; squared = true, alpha = 0.1 are imbalanced-learn's defaults.
 */
import type { Algebra } from "./interval";
import type { TermKind } from "./class-terms";

/** The per-class, pooled and positive-class scores a reading combines (numbers or intervals). */
export interface Terms<T> {
  classes: number;
  /** n_k / n. */
  shares: readonly number[];
  accuracy: T;
  perClass: Record<TermKind, T[]>;
  micro: Record<TermKind, T>;
  /** Null when the problem names no positive class. */
  positive: Record<TermKind, T> | null;
}

const READING_FAMILIES = ["accuracy", "f1", "gmean", "iba", "sensitivity", "specificity", "ppv", "npv"] as const;
export type ReadingFamily = (typeof READING_FAMILIES)[number];

export interface Reading {
  id: string;
  family: ReadingFamily;
  label: string;
  /** True for readings of the positive class: they exist only where the row names one. */
  positive: boolean;
  /**
   * Non-decreasing in every class's true positives and non-increasing in its false positives (all
   * but IBA, whose dominance term moves either way): the search may narrow boxes with it.
   */
  monotone: boolean;
  /**
   * When the reading is a function of the number of correct predictions alone: "always" (accuracy,
   * weighted sensitivity, the micro averages), "balanced" (macro sensitivity and specificity and the
   * G-means and IBAs built on them, when every class has as many test samples). Its printed value
   * then pins that number to a few integers, or to none.
   */
  pooled: "always" | "balanced" | "never";
  value<T>(t: Terms<T>, A: Algebra<T>): T;
}

const sum = <T>(xs: readonly T[], A: Algebra<T>): T => xs.reduce((s, x) => A.add(s, x));
const macro = <T>(xs: readonly T[], A: Algebra<T>): T => A.scale(sum(xs, A), 1 / xs.length);
const weighted = <T>(xs: readonly T[], shares: readonly number[], A: Algebra<T>): T => sum(xs.map((x, k) => A.scale(x, shares[k])), A);
const product = <T>(xs: readonly T[], A: Algebra<T>): T => xs.reduce((p, x) => A.mul(p, x));

function positiveTerms<T>(t: Terms<T>): Record<TermKind, T> {
  if (!t.positive) throw new Error("a positive-class reading was evaluated on a problem without a positive class");
  return t.positive;
}

type Average = "macro" | "weighted" | "micro" | "positive";

function averaged<T>(kind: TermKind, average: Average, t: Terms<T>, A: Algebra<T>): T {
  switch (average) {
    case "macro":
      return macro(t.perClass[kind], A);
    case "weighted":
      return weighted(t.perClass[kind], t.shares, A);
    case "micro":
      return t.micro[kind];
    case "positive":
      return positiveTerms(t)[kind];
  }
}

const AVERAGE_LABELS: Record<Average, string> = { macro: "macro average", weighted: "support-weighted average", micro: "micro average (pooled counts)", positive: "of the positive class" };

/** The G-means an IBA can wrap: imbalanced-learn's default and its `average=` forms. */
type GmeanBase = "recalls" | "macro" | "weighted" | "positive";

function gmean<T>(base: GmeanBase, t: Terms<T>, A: Algebra<T>): T {
  if (base === "recalls") return A.root(product(t.perClass.sensitivity, A), t.classes);
  return A.root(A.mul(averaged("sensitivity", base, t, A), averaged("specificity", base, t, A)), 2);
}

function iba<T>(base: GmeanBase, squared: boolean, t: Terms<T>, A: Algebra<T>): T {
  // imbalanced-learn turns geometric_mean_score's "multiclass" average into "macro" for the dominance
  const dominanceAverage: Average = base === "recalls" ? "macro" : base;
  const dominance = A.sub(averaged("sensitivity", dominanceAverage, t, A), averaged("specificity", dominanceAverage, t, A));
  const g = gmean(base, t, A);
  return A.mul(A.add(A.constant(1), A.scale(dominance, IBA_ALPHA)), squared ? A.mul(g, g) : g);
}

export const IBA_ALPHA = 0.1;

const GMEAN_LABELS: Record<GmeanBase, string> = {
  recalls: "imbalanced-learn default: (prod of per-class recalls)^(1/K)",
  macro: "sqrt(macro sensitivity x macro specificity)",
  weighted: "sqrt(weighted sensitivity x weighted specificity)",
  positive: "sqrt(sensitivity x specificity) of the positive class",
};

const IBA_BASE_LABELS: Record<GmeanBase, string> = {
  recalls: "G-mean of recalls, macro dominance (imbalanced-learn's average)",
  macro: "average='macro'",
  weighted: "average='weighted'",
  positive: "average='binary' (positive class)",
};

function build(): Reading[] {
  const out: Reading[] = [{ id: "accuracy", family: "accuracy", label: "accuracy", positive: false, monotone: true, pooled: "always", value: (t) => t.accuracy }];
  for (const average of ["macro", "weighted", "positive", "micro"] as const) {
    out.push({ id: `f1.${average}`, family: "f1", label: `F1, ${AVERAGE_LABELS[average]}`, positive: average === "positive", monotone: true, pooled: average === "micro" ? "always" : "never", value: (t, A) => averaged("f1", average, t, A) });
  }
  for (const base of ["recalls", "macro", "weighted", "positive"] as const) {
    out.push({ id: `gmean.${base}`, family: "gmean", label: `G-mean, ${GMEAN_LABELS[base]}`, positive: base === "positive", monotone: true, pooled: base === "macro" || base === "weighted" ? "balanced" : "never", value: (t, A) => gmean(base, t, A) });
  }
  out.push({ id: "gmean.recallProduct", family: "gmean", label: "G-mean read as the product of per-class recalls (no root)", positive: false, monotone: true, pooled: "never", value: (t, A) => product(t.perClass.sensitivity, A) });
  for (const squared of [true, false]) {
    for (const base of ["recalls", "macro", "weighted", "positive"] as const) {
      const defaults = squared && base === "recalls";
      out.push({
        id: `iba.${base}${squared ? ".squared" : ""}`,
        family: "iba",
        label: `IBA (alpha ${IBA_ALPHA}, ${squared ? "squared" : "unsquared"} G-mean), ${IBA_BASE_LABELS[base]}${defaults ? ": imbalanced-learn's defaults" : ""}`,
        positive: base === "positive",
        monotone: false,
        pooled: base === "macro" || base === "weighted" ? "balanced" : "never",
        value: (t, A) => iba(base, squared, t, A),
      });
    }
  }
  for (const kind of ["sensitivity", "specificity", "ppv", "npv"] as const) {
    for (const average of ["positive", "macro", "weighted", "micro"] as const) {
      out.push({ id: `${kind}.${average}`, family: kind, label: `${kind === "ppv" || kind === "npv" ? kind.toUpperCase() : kind}, ${AVERAGE_LABELS[average]}`, positive: average === "positive", monotone: true, pooled: average === "micro" || (kind === "sensitivity" && average === "weighted") ? "always" : (kind === "sensitivity" || kind === "specificity") && average !== "positive" ? "balanced" : "never", value: (t, A) => averaged(kind, average, t, A) });
    }
  }
  return out;
}

/** Every reading, each family's in order of preference (the reading the kit documents first). */
export const READINGS: readonly Reading[] = build();

export function reading(id: string): Reading {
  const r = READINGS.find((x) => x.id === id);
  if (!r) throw new Error(`unknown reading '${id}': known readings are ${READINGS.map((x) => x.id).join(", ")}`);
  return r;
}

export function familyReadings(family: ReadingFamily): Reading[] {
  return READINGS.filter((r) => r.family === family);
}

