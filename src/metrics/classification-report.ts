/**
 * imbalanced-learn's `classification_report_imbalanced(y_true, y_pred, *, labels, target_names,
 * sample_weight, digits=2, alpha=0.1, output_dict, zero_division)`: per label precision (pre), recall
 * (rec), specificity (spe), F1 (f1), geometric mean sqrt(rec * spe) (geo), IBA of geo with the given
 * alpha and squared=True (iba) and support (sup), plus support-weighted averages of each score.
 * Returns the numbers and imbalanced-learn's text rendering (byte for byte, including Python's
 * rounding of ties).
 */
import { checkTargets, type Labels } from "./targets";
import type { ZeroDivision } from "./average";
import { npAverage, sum } from "./average";
import { precisionRecallFscoreSupport } from "./precision-recall-f";
import { specificityScore } from "./sensitivity-specificity";
import { geometricMeanScore } from "./geometric-mean";
import { makeIndexBalancedAccuracy } from "./index-balanced-accuracy";
import { formatFixed, formatPythonNumber } from "./format-fixed";

export interface ClassificationReportOptions {
  labels?: readonly number[];
  /** Display names, one per label (default: the label numbers). */
  targetNames?: readonly string[];
  sampleWeight?: ArrayLike<number>;
  /** Decimals in the text rendering. Default 2. */
  digits?: number;
  /** IBA's alpha. Default 0.1. */
  alpha?: number;
  zeroDivision?: ZeroDivision;
}

export interface ReportScores {
  pre: number;
  rec: number;
  spe: number;
  f1: number;
  geo: number;
  iba: number;
}

export interface ReportRow extends ReportScores {
  label: number;
  name: string;
  sup: number;
}

export interface ClassificationReport {
  rows: ReportRow[];
  /** Support-weighted averages ("avg / total"). */
  average: ReportScores;
  totalSupport: number;
  text: string;
}

const SCORES: (keyof ReportScores)[] = ["pre", "rec", "spe", "f1", "geo", "iba"];

/**
 * `classificationReportImbalanced(yTrue, yPred, { labels, targetNames, sampleWeight, digits = 2, alpha = 0.1, zeroDivision })`:
 * rows in `labels` order (default: sorted union of yTrue and yPred), averages weighted by support,
 * and `text` as imbalanced-learn prints it. Throws on empty or mismatched input.
 */
export function classificationReportImbalanced(yTrue: Labels, yPred: Labels, options: ClassificationReportOptions = {}): ClassificationReport {
  const fn = "classificationReportImbalanced";
  const targets = checkTargets(fn, yTrue, yPred, options.sampleWeight);
  const labels = options.labels === undefined ? targets.present : Array.from(options.labels);
  const names = options.targetNames === undefined ? labels.map(String) : Array.from(options.targetNames);
  if (names.length !== labels.length) throw new Error(`${fn}: ${names.length} targetNames for ${labels.length} labels`);
  const digits = options.digits ?? 2;
  const common = { labels, sampleWeight: options.sampleWeight };

  const prf = precisionRecallFscoreSupport(yTrue, yPred, { ...common, zeroDivision: options.zeroDivision });
  const spe = specificityScore(yTrue, yPred, { ...common, average: null });
  const geo = geometricMeanScore(yTrue, yPred, { ...common, average: null });
  const ibaOfGmean = makeIndexBalancedAccuracy({ alpha: options.alpha ?? 0.1, squared: true })(geometricMeanScore);
  const iba = ibaOfGmean(yTrue, yPred, { ...common, average: null }) as number[];
  const support = prf.support!;
  const columns: Record<keyof ReportScores, number[]> = { pre: prf.precision, rec: prf.recall, spe, f1: prf.fscore, geo, iba };

  const rows: ReportRow[] = labels.map((label, i) => ({
    label,
    name: names[i],
    pre: columns.pre[i],
    rec: columns.rec[i],
    spe: columns.spe[i],
    f1: columns.f1[i],
    geo: columns.geo[i],
    iba: columns.iba[i],
    sup: support[i],
  }));
  const average = Object.fromEntries(SCORES.map((k) => [k, npAverage(columns[k], support)])) as unknown as ReportScores;
  const totalSupport = sum(support);

  // Python prints integer supports as "4" and weighted (float) supports as "4.0".
  const weighted = options.sampleWeight !== undefined;
  const lastLine = "avg / total";
  const width = Math.max(...names.map((n) => n.length), lastLine.length, digits);
  const line = (cells: string[]) => cells[0].padStart(width) + "  " + cells.slice(1).map((c) => c.padStart(9)).join(" ") + "\n";
  let text = line(["", ...SCORES, "sup"]) + "\n";
  for (const r of rows) text += line([r.name, ...SCORES.map((k) => formatFixed(r[k], digits)), formatPythonNumber(r.sup, weighted)]);
  text += "\n";
  text += line([lastLine, ...SCORES.map((k) => formatFixed(average[k], digits)), formatPythonNumber(totalSupport, weighted)]);
  return { rows, average, totalSupport, text };
}

/** The report in imbalanced-learn's `output_dict=True` shape: `{ [name]: {pre, ..., sup}, avg_pre, ..., total_support }`. */
export function classificationReportDict(report: ClassificationReport): Record<string, number | Record<string, number>> {
  const out: Record<string, number | Record<string, number>> = {};
  for (const r of report.rows) {
    out[r.name] = { pre: r.pre, rec: r.rec, spe: r.spe, f1: r.f1, geo: r.geo, iba: r.iba, sup: r.sup };
  }
  for (const k of SCORES) out[`avg_${k}`] = report.average[k];
  out.total_support = report.totalSupport;
  return out;
}
