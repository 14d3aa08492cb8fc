/**
 * A printed score: the metric column it stands in, the number as printed and its printed precision.
 * A value printed with d decimals stands for any true value within half a unit of its last digit,
 * [v - 0.5 * 10^-d, v + 0.5 * 10^-d]; the ends are kept (closed), so a value that rounds either way
 * at a tie is never wrongly ruled out.
 */
import { type Interval } from "./interval";
import { familyReadings, reading, type Reading, type ReadingFamily } from "./readings";

/** The metric columns of Tables 2, 7, 8, 11, 12 (an F1 cell "a/b" is two columns). */
export const PRINTED_METRICS = {
  accuracy: { family: "accuracy", label: "accuracy", prefer: "accuracy" },
  f1Macro: { family: "f1", label: "F1 (first of the pair, 'macro')", prefer: "f1.macro" },
  f1Weighted: { family: "f1", label: "F1 (second of the pair, 'weighted')", prefer: "f1.weighted" },
  iba: { family: "iba", label: "IBA", prefer: "iba.recalls.squared" },
  gmean: { family: "gmean", label: "GMean", prefer: "gmean.recalls" },
  sensitivity: { family: "sensitivity", label: "sensitivity", prefer: "sensitivity.positive" },
  specificity: { family: "specificity", label: "specificity", prefer: "specificity.positive" },
  ppv: { family: "ppv", label: "PPV", prefer: "ppv.positive" },
  npv: { family: "npv", label: "NPV", prefer: "npv.positive" },
} as const satisfies Record<string, { family: ReadingFamily; label: string; prefer: string }>;
export type PrintedMetric = keyof typeof PRINTED_METRICS;

export interface PrintedScore {
  metric: PrintedMetric;
  value: number;
  /** Digits after the decimal point as printed. */
  decimals: number;
  /** Where the value comes from, e.g. "Table 7, 40X, accuracy" (shown in verdicts and errors). */
  label: string;
  /** The readings to try, most preferred first; default: every reading of the metric's family. */
  readings?: readonly string[];
}

/** Floating-point slack on the rounding interval: 0.861 - 0.0005 is not exactly 0.8605 in binary. */
const SLACK = 1e-9;

export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** The true values a printed score admits, widened `factor` times (1: rounding only). */
export function roundingInterval(score: PrintedScore, factor = 1): Interval {
  const h = factor * halfUnit(score.decimals);
  return { lo: score.value - h - SLACK, hi: score.value + h + SLACK };
}

export function validatePrintedScore(score: PrintedScore): void {
  const where = score.label ? `'${score.label}'` : "printed score";
  if (!(score.metric in PRINTED_METRICS)) throw new Error(`${where}: unknown metric '${score.metric}': choose one of ${Object.keys(PRINTED_METRICS).join(", ")}`);
  if (!Number.isFinite(score.value) || score.value < 0 || score.value > 1) throw new Error(`${where}: ${score.metric} = ${score.value} is not a score in [0, 1]`);
  if (!Number.isInteger(score.decimals) || score.decimals < 1 || score.decimals > 8) throw new Error(`${where}: ${score.decimals} printed decimals: expected an integer from 1 to 8`);
  const family = PRINTED_METRICS[score.metric].family;
  for (const id of score.readings ?? []) {
    const r = reading(id);
    if (r.family !== family) throw new Error(`${where}: reading '${id}' is a reading of ${r.family}, not of ${score.metric}`);
  }
}

/** The readings tried for a score, preferred first; positive-class readings only where the row has a positive class. */
export function candidateReadings(score: PrintedScore, withPositive: boolean): Reading[] {
  const spec = PRINTED_METRICS[score.metric];
  const ids = score.readings ?? [spec.prefer, ...familyReadings(spec.family).map((r) => r.id).filter((id) => id !== spec.prefer)];
  return ids.map(reading).filter((r) => withPositive || !r.positive);
}
