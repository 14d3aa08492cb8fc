/**
 * A claim's verdict from comparison rows: supported when every comparison it rests on shows the
 * predicted direction, contradicted when any shows the opposite, inconclusive otherwise (including
 * when this run made no comparison for it). Each row's own verdict already holds the statistics
 * (intervals over seeds and test images, Holm-adjusted p); this only reads it.
 */
import type { Claim, Direction } from "./claims";

export type Verdict = "supported" | "contradicted" | "inconclusive";

/** What a comparison row must say for the ledger (src/reproduction's paired comparison rows have it). */
export interface Evidence {
  family: string;
  table: number;
  reference: string;
  other: string;
  metric: string;
  metricLabel: string;
  difference: number | null;
  pHolm: number | null;
  verdict: "reference higher" | "reference lower" | "no difference shown" | "not computed";
  /** Seeds whose runs entered the comparison (after collapsed or missing runs were left out). */
  seedsUsed: number;
  excluded: readonly { seed: number; reason: string }[];
}

export interface ClaimVerdict {
  id: string;
  statement: string;
  restsOn: string;
  verdict: Verdict;
  /** Why, in a sentence built from the counts. */
  reason: string;
  counts: { predicted: number; opposite: number; notDistinguishable: number; notComputed: number };
  /** The rows behind it, in the comparison tables' order. */
  evidence: Evidence[];
  /** Warnings: seeds left out because a run collapsed, rows without a usable seed. */
  notes: string[];
  /** Runs that collapsed to one class, each once ("VGG16 seed 1, BreakHis 40X"): failed runs, not evidence. */
  failedRuns: string[];
}

const shows = (d: Direction) => (d === "higher" ? "reference higher" : "reference lower");
const opposite = (d: Direction) => (d === "higher" ? "reference lower" : "reference higher");

export function evidenceFor(claim: Claim, rows: readonly Evidence[]): Evidence[] {
  return rows.filter((r) => claim.tables.includes(r.table) && r.reference === claim.reference && r.metric in claim.metrics && (!claim.others || claim.others.includes(r.other)));
}

export function claimVerdict(claim: Claim, rows: readonly Evidence[]): ClaimVerdict {
  const evidence = evidenceFor(claim, rows);
  const dir = (r: Evidence) => claim.metrics[r.metric];
  const counts = {
    predicted: evidence.filter((r) => r.verdict === shows(dir(r))).length,
    opposite: evidence.filter((r) => r.verdict === opposite(dir(r))).length,
    notDistinguishable: evidence.filter((r) => r.verdict === "no difference shown").length,
    notComputed: evidence.filter((r) => r.verdict === "not computed").length,
  };
  const collapsedRows = evidence.filter((r) => r.excluded.some((e) => /collapsed/.test(e.reason)));
  const failedRuns = failedRunsOf(evidence);
  const notes = [
    ...(collapsedRows.length ? [`${failedRuns.length} failed run${failedRuns.length === 1 ? "" : "s"} (collapsed to one class: ${failedRuns.join("; ")}) left out of ${collapsedRows.length} comparison${collapsedRows.length === 1 ? "" : "s"}`] : []),
    ...(counts.notComputed ? [`${counts.notComputed} comparison${counts.notComputed === 1 ? "" : "s"} could not be computed (no usable seed, or too few seeds for the test)`] : []),
  ];
  const base = { id: claim.id, statement: claim.statement, restsOn: claim.restsOn, counts, evidence, notes, failedRuns };
  if (evidence.length === 0) return { ...base, verdict: "inconclusive", reason: `Not tested in this run: it made no comparison from ${claim.restsOn} for ${claim.reference}.` };
  const n = evidence.length;
  const cells = [...new Set(evidence.map((r) => r.family))];
  const arms = [...new Set(evidence.map((r) => r.other))];
  const scope = `${n} comparison${n === 1 ? "" : "s"} (${cells.join(", ")}; against ${arms.join(", ")})`;
  if (counts.opposite > 0) {
    const which = evidence.filter((r) => r.verdict === opposite(dir(r))).map((r) => `${r.other} (${r.metricLabel}, ${r.family})`);
    return { ...base, verdict: "contradicted", reason: `Of ${scope}, ${counts.opposite} show the opposite direction: ${which.join("; ")}.` };
  }
  if (counts.predicted === n) return { ...base, verdict: "supported", reason: `All ${scope} show ${claim.reference} ${Object.values(claim.metrics).every((d) => d === "higher") ? "higher" : "as predicted"}.` };
  return {
    ...base,
    verdict: "inconclusive",
    reason: `Of ${scope}, ${counts.predicted} show the predicted direction, ${counts.notDistinguishable} cannot tell the arms apart${counts.notComputed ? ` and ${counts.notComputed} could not be computed` : ""}; none shows the opposite.`,
  };
}

/**
 * The collapsed runs behind a claim's rows, each named once: the reason names the arm(s) that collapsed
 * ("VGG16 collapsed to one class", "DALAResNet50 and VGG16 collapsed ..."), the row its data set.
 */
export function failedRunsOf(evidence: readonly Evidence[]): string[] {
  const runs = new Set<string>();
  for (const r of evidence) {
    for (const e of r.excluded) {
      const m = /^(.*) collapsed to one class/.exec(e.reason);
      if (!m) continue;
      for (const arm of m[1].split(" and ")) runs.add(`${arm} seed ${e.seed}, ${r.family}`);
    }
  }
  return [...runs];
}

export function claimsLedger(claims: readonly Claim[], rows: readonly Evidence[]): ClaimVerdict[] {
  return claims.map((c) => claimVerdict(c, rows));
}
