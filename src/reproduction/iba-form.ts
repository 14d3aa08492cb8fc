/**
 * Which form of the index balanced accuracy the paper's numbers are. imbalanced-learn's
 * `make_index_balanced_accuracy(alpha, squared)` gives IBA = (1 + alpha * d) * (squared ? g^2 : g)
 * for the G-mean g, with dominance d = sensitivity - specificity averaged as the wrapped call asks:
 * - "macro" (what `geometric_mean_score`'s default average becomes): for two classes the macro
 *   sensitivity (r0 + r1) / 2 equals the macro specificity, so d = 0 and IBA is exactly g or g^2;
 * - "positive-class" (average "binary"): d = sens - spec of the positive class. Then g^2 = sens * spec,
 *   so with both in [0, 1] the dominance is bounded, |d| <= 1 - g^2 (at sens = 1, spec = g^2).
 * A printed (IBA, G-mean) pair fits a form only if IBA lies in the range that form can reach from the
 * G-mean; the check allows half a unit of the printed last digit on both numbers.
 */
import { paperDecimals, paperValue, paperValues } from "../paper/paper-tables";

export interface IbaForm {
  alpha: number;
  squared: boolean;
  dominance: "macro" | "positive-class";
}

/** The IBA values a binary classifier with G-mean g can have under `form`. */
export function binaryIbaRange(g: number, form: IbaForm): [number, number] {
  if (!(g >= 0 && g <= 1)) throw new Error(`binaryIbaRange: G-mean must be in [0, 1], got ${g}`);
  const score = form.squared ? g * g : g;
  const dMax = form.dominance === "macro" ? 0 : 1 - g * g;
  return [(1 - form.alpha * dMax) * score, (1 + form.alpha * dMax) * score];
}

/** Whether a printed pair fits the form, with `tolerance` (half a printed unit) on each number. */
export function ibaPairFits(iba: number, g: number, form: IbaForm, tolerance: number): boolean {
  const lo = binaryIbaRange(Math.max(0, g - tolerance), form)[0];
  const hi = binaryIbaRange(Math.min(1, g + tolerance), form)[1];
  // printed decimals are not exact binary fractions: 0.861 - 0.860 exceeds 0.001 by 1e-18
  const slack = tolerance + 1e-9;
  return iba >= lo - slack && iba <= hi + slack;
}

export interface IbaFormFit {
  form: IbaForm;
  formula: string;
  /** Table 7 cells (model x magnification) whose IBA this form can produce from their G-mean. */
  fits: number;
  of: number;
}

/** Tests four forms (squared or not; macro or positive-class dominance; alpha 0.1) on every (IBA, G-mean) pair of Table 7. */
export function paperIbaFormFits(): IbaFormFit[] {
  const pairs = paperValues({ table: 7, metric: "iba" }).map((v) => {
    const g = paperValue({ table: 7, model: v.keys.model, magnification: v.keys.magnification, metric: "gmean" });
    const decimals = Math.min(paperDecimals(v), paperDecimals(g));
    return { iba: v.value as number, g: g.value as number, tolerance: 0.5 * 10 ** -decimals };
  });
  const forms: IbaForm[] = [];
  for (const squared of [false, true]) for (const dominance of ["macro", "positive-class"] as const) forms.push({ alpha: 0.1, squared, dominance });
  return forms.map((form) => ({
    form,
    formula:
      `(1 + 0.1 d) * ${form.squared ? "G-mean^2" : "G-mean"}, d = ` +
      (form.dominance === "macro" ? "macro sens - macro spec = 0 for two classes" : "sens - spec of the malignant class") +
      (form.squared && form.dominance === "macro" ? " (imbalanced-learn's defaults)" : ""),
    fits: pairs.filter((p) => ibaPairFits(p.iba, p.g, form, p.tolerance)).length,
    of: pairs.length,
  }));
}

/** The IBA table's conclusion in a sentence, from the fits alone. */
export function ibaFormFinding(fits: readonly IbaFormFit[]): string {
  const describe = (f: IbaFormFit) => `${f.form.squared ? "squared" : "unsquared"} with ${f.form.dominance === "macro" ? "macro" : "malignant-class"} dominance (${f.fits} of ${f.of})`;
  const all = fits.filter((f) => f.fits === f.of);
  const none = fits.filter((f) => f.fits === 0);
  const some = fits.filter((f) => f.fits > 0 && f.fits < f.of);
  return [
    `Of the forms of IBA (alpha 0.1) checked against every (IBA, G-mean) pair of the paper's Table 7, ${all.length ? `${all.map(describe).join(", ")} can produce all of them` : "none can produce all of them"}`,
    some.length ? `; ${some.map(describe).join(", ")} only some` : "",
    none.length ? `; ${none.map(describe).join(", ")} none` : "",
    ". The kit's tables use the form that fits (see the IBA tables).",
  ].join("");
}
