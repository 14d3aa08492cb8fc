/**
 * Paired comparison rows as a results table, and the sentences that summarise them: which arms the
 * reference beats, loses to, or cannot be told apart from, per family and metric.
 */
import { ALPHA, type PairedComparisonRow } from "./paired-comparison";
import type { PlainReportTable } from "./publish";

const interval = (low: number | null, high: number | null) => (low === null || high === null ? "" : `[${low.toFixed(4)}, ${high.toFixed(4)}]`);

export interface PairedTableText {
  name: string;
  title: string;
  caption?: string[];
  /** The same difference in the paper's numbers, where it prints both values. */
  paperDifference?: (row: PairedComparisonRow) => number | null;
}

export function pairedComparisonTable(rows: readonly PairedComparisonRow[], text: PairedTableText): PlainReportTable {
  const paper = text.paperDifference;
  const multiSeed = rows.some((r) => r.perSeed.length > 1);
  return {
    name: text.name,
    title: text.title,
    caption: [
      ...(text.caption ?? []),
      `Difference = reference - other, on the same test images. ${multiSeed ? "Over several seeds: mean difference, Student-t interval over the seeds, and the interval of that mean over bootstrap resamples of the test images; p = the larger of the t test over seeds and the bootstrap test over images." : ""} Per-seed test: exact McNemar (accuracy), DeLong (two-class AUC), paired stratified bootstrap (others). p Holm-adjusted within each family; a difference is shown where the adjusted p < ${ALPHA} and every interval lies on one side of 0. Seeds where a run collapsed to one class are left out and named.`,
    ],
    table: {
      columns: [
        "family",
        "reference",
        "compared with",
        "metric",
        ...(paper ? ["paper difference"] : []),
        "kit difference",
        "95% CI",
        "interval over",
        ...(multiSeed ? ["95% CI over test images"] : []),
        "seeds used",
        "per seed",
        "left out",
        "test",
        "p",
        "p (Holm)",
        "verdict",
      ],
      rows: rows.map((r) => [
        r.family,
        r.reference,
        r.other,
        r.metricLabel,
        ...(paper ? [paper(r)] : []),
        r.difference,
        interval(r.low, r.high),
        r.interval,
        ...(multiSeed ? [interval(r.imageLow, r.imageHigh)] : []),
        r.seedsUsed,
        r.perSeed.map((s) => `${s.seed}: ${s.difference >= 0 ? "+" : ""}${s.difference.toFixed(4)} (p ${s.pValue.toPrecision(2)})`).join("; "),
        r.excluded.map((e) => `seed ${e.seed}: ${e.reason}`).join("; "),
        r.test,
        r.pValue,
        r.pHolm,
        r.verdict,
      ]),
    },
    digits: 4,
  };
}

/** One sentence per family and metric, from the verdicts alone. */
export function pairedFindings(rows: readonly PairedComparisonRow[]): string[] {
  const lines: string[] = [];
  const keys = [...new Set(rows.map((r) => `${r.family}\u0000${r.metric}`))];
  for (const key of keys) {
    const [family, metric] = key.split("\u0000");
    const rs = rows.filter((r) => r.family === family && r.metric === metric);
    const by = (v: string) => rs.filter((r) => r.verdict === v).map((r) => r.other);
    const better = by("reference higher");
    const worse = by("reference lower");
    const tie = by("no difference shown");
    const none = by("not computed");
    const seeds = [...new Set(rs.map((r) => r.seedsUsed))].join("-");
    const parts = [
      better.length ? `higher than ${better.join(", ")}` : "",
      worse.length ? `lower than ${worse.join(", ")}` : "",
      tie.length ? `not distinguishable from ${tie.join(", ")}` : "",
      none.length ? `not compared with ${none.join(", ")} (no usable seed)` : "",
    ].filter(Boolean);
    lines.push(`${family}, ${rs[0].metricLabel}: ${rs[0].reference} ${parts.join("; ")} (${seeds} seed${seeds === "1" ? "" : "s"}, Holm-adjusted within the family).`);
  }
  return lines;
}
