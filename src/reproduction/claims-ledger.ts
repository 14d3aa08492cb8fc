/**
 * The claims ledger of a run: every claim of the paper with its verdict (src/claims) from the run's
 * comparison tables, as a results table, a table of the evidence rows, and `results/claims.json`,
 * which the results index opens with.
 */
import * as path from "node:path";
import { claimsLedger, CLAIMS, type ClaimVerdict, type Evidence } from "../claims/index";
import type { Provenance } from "../provenance";
import { writeFileAtomic } from "../io/atomic-write";
import type { PlainReportTable } from "./publish";

export const CLAIMS_FILE = "claims.json";

export interface ClaimsFile {
  kind: "claims-ledger";
  profile: string;
  synthetic: boolean;
  provenance: Provenance;
  claims: ClaimVerdict[];
}

export function runLedger(evidence: readonly Evidence[]): ClaimVerdict[] {
  return claimsLedger(CLAIMS, evidence);
}

export function ledgerTable(verdicts: readonly ClaimVerdict[]): PlainReportTable {
  return {
    name: "claims-ledger",
    title: "The paper's claims and what this run says about them",
    caption: [
      "supported: every comparison the claim rests on shows the predicted direction (Holm-adjusted p < 0.05 and every interval on that side of 0); contradicted: at least one shows the opposite; inconclusive: neither, or not tested in this run.",
    ],
    table: {
      columns: ["claim", "paper", "verdict", "why", "predicted", "opposite", "not distinguishable", "not computed", "failed runs", "notes"],
      rows: verdicts.map((v) => [v.statement, v.restsOn, v.verdict, v.reason, v.counts.predicted, v.counts.opposite, v.counts.notDistinguishable, v.counts.notComputed, v.failedRuns.length, v.notes.join("; ")]),
    },
  };
}

export function ledgerEvidenceTable(verdicts: readonly ClaimVerdict[]): PlainReportTable {
  return {
    name: "claims-evidence",
    title: "Evidence behind each verdict: one row per comparison",
    caption: ["Difference = claim's subject - other; the comparison tables of notebooks 03-06 hold the intervals, tests and per-seed values."],
    table: {
      columns: ["claim", "family", "subject", "compared with", "metric", "difference", "p (Holm)", "comparison says", "seeds used", "left out"],
      rows: verdicts.flatMap((v) =>
        v.evidence.map((e) => [v.id, e.family, e.reference, e.other, e.metricLabel, e.difference, e.pHolm, e.verdict, e.seedsUsed, e.excluded.map((x) => `seed ${x.seed}: ${x.reason}`).join("; ")]),
      ),
    },
    digits: 4,
  };
}

export function writeClaims(resultsDir: string, file: Omit<ClaimsFile, "kind">): string {
  const out = path.join(resultsDir, CLAIMS_FILE);
  writeFileAtomic(out, JSON.stringify({ kind: "claims-ledger", ...file }, null, 1) + "\n");
  return out;
}

/** One line per claim for the notebook's conclusion. */
export function ledgerFindings(verdicts: readonly ClaimVerdict[]): string[] {
  return verdicts.map((v) => `**${v.verdict}**: ${v.statement} (${v.restsOn}) ${v.reason}${v.notes.length ? ` Note: ${v.notes.join("; ")}.` : ""}`);
}
