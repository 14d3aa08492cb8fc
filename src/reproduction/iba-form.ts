/**
 * Which form of the index balanced accuracy the paper's numbers are. imbalanced-learn's
 * `make_index_balanced_accuracy(alpha, squared)` gives IBA = (1 + alpha * d) * (squared ? g^2 : g)
 * for the G-mean g, with dominance d = sensitivity - specificity. For two classes g^2 = sens * spec, so
 * with both in [0, 1] the dominance is bounded: |d| <= 1 - g^2 (reached at sens = 1, spec = g^2). A
 * printed (IBA, G-mean) pair therefore fits a form only if IBA lies in that form's reachable range;
 * the check allows half a unit of the printed last digit on both numbers.
 */
import { paperDecimals, paperValue, paperValues } from "../paper/paper-tables";

export interface IbaForm {
  alpha: number;
  squared: boolean;
}

/** The IBA values a binary classifier with G-mean g can have under `form`. */
export function binaryIbaRange(g: number, form: IbaForm): [number, number] {
  if (!(g >= 0 && g <= 1)) throw new Error(`binaryIbaRange: G-mean must be in [0, 1], got ${g}`);
  const score = form.squared ? g * g : g;
  const dMax = 1 - g * g;
  return [(1 - form.alpha * dMax) * score, (1 + form.alpha * dMax) * score];
}

/** Whether a printed pair fits the form, with `tolerance` (half a printed unit) on each number. */
export function ibaPairFits(iba: number, g: number, form: IbaForm, tolerance: number): boolean {
  const lo = binaryIbaRange(Math.max(0, g - tolerance), form)[0];
  const hi = binaryIbaRange(Math.min(1, g + tolerance), form)[1];
  return iba >= lo - tolerance && iba <= hi + tolerance;
}

export interface IbaFormFit {
  form: IbaForm;
  formula: string;
  /** Table 7 cells (model x magnification) whose IBA this form can produce from their G-mean. */
  fits: number;
  of: number;
}

/** Tests both forms (alpha 0.1) on every binary (IBA, G-mean) pair of Table 7. */
export function paperIbaFormFits(): IbaFormFit[] {
  const pairs = paperValues({ table: 7, metric: "iba" }).map((v) => {
    const g = paperValue({ table: 7, model: v.keys.model, magnification: v.keys.magnification, metric: "gmean" });
    const decimals = Math.min(paperDecimals(v), paperDecimals(g));
    return { iba: v.value as number, g: g.value as number, tolerance: 0.5 * 10 ** -decimals };
  });
  return [false, true].map((squared) => {
    const form = { alpha: 0.1, squared };
    return {
      form,
      formula: squared ? "(1 + 0.1 (sens - spec)) * G-mean^2 (imbalanced-learn's default)" : "(1 + 0.1 (sens - spec)) * G-mean",
      fits: pairs.filter((p) => ibaPairFits(p.iba, p.g, form, p.tolerance)).length,
      of: pairs.length,
    };
  });
}
