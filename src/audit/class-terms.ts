/**
 * The per-class scores of a confusion matrix in closed form, from the two counts they depend on.
 *
 * A class seen one-vs-rest has `positives` true samples and `negatives` others; of its predictions,
 * `tp` are right and `fp` wrong. Every score below is then fixed (fn = positives - tp,
 * tn = negatives - fp), a zero denominator gives 0 (scikit-learn's and imbalanced-learn's
 * `zero_division` default), and every score is non-decreasing in tp and non-increasing in fp. That
 * monotonicity is what makes a box of candidate counts cheap to bound: its extreme values sit at the
 * corners (tp low, fp high) and (tp high, fp low).
 */
import type { Interval } from "./interval";

export const TERM_KINDS = ["sensitivity", "specificity", "ppv", "npv", "f1"] as const;
export type TermKind = (typeof TERM_KINDS)[number];

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);

export function classTerm(kind: TermKind, tp: number, fp: number, positives: number, negatives: number): number {
  switch (kind) {
    case "sensitivity":
      return ratio(tp, positives);
    case "specificity":
      return ratio(negatives - fp, negatives);
    case "ppv":
      return ratio(tp, tp + fp);
    case "npv": {
      const tn = negatives - fp;
      return ratio(tn, tn + positives - tp);
    }
    case "f1":
      return ratio(2 * tp, tp + fp + positives);
  }
}

/** The range of `classTerm` over tp in [tp.lo, tp.hi] and fp in [fp.lo, fp.hi]. */
export function classTermRange(kind: TermKind, tp: Interval, fp: Interval, positives: number, negatives: number): Interval {
  return { lo: classTerm(kind, tp.lo, fp.hi, positives, negatives), hi: classTerm(kind, tp.hi, fp.lo, positives, negatives) };
}
