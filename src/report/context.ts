/**
 * Where and for whom result files are written: the results directory, the notebook writing them, and
 * the profile and data behind the numbers. A notebook makes one context and passes it to every writer,
 * so every table and figure names its origin without repeating it at each call.
 */
import type { Provenance } from "../provenance";

/**
 * Plain data: report/ computes nothing about the run itself. The caller (src/reproduction's
 * `notebookContext`, or a test) gathers the provenance once and every writer copies it.
 */
export interface ReportContext {
  /** Root of the results tree; tables go to `<resultsDir>/tables`, figures to `<resultsDir>/figures`. */
  resultsDir: string;
  /** The notebook that writes these results (shown in the results index). */
  notebook?: string;
  profile: string;
  /** The data set behind the numbers, e.g. "BreakHis 40X" or "synthetic". */
  dataset: string;
  /** True when the numbers come from generated data: every table and figure then says so. */
  synthetic: boolean;
  /** What produced the numbers: commit, backend, versions, config, seed. */
  provenance: Provenance;
}

export const SYNTHETIC_NOTICE =
  "Synthetic data: these numbers come from the kit's generated data set and test the pipeline, not the paper's claims.";

/** The data set's name, marked when synthetic ("synthetic data" alone when that is its name). */
export function dataLabel(dataset: string, synthetic: boolean): string {
  if (!synthetic) return dataset;
  return dataset === "synthetic" ? "synthetic data" : `${dataset} (synthetic data)`;
}

/** One line naming everything a reader needs to trace a number back. */
export function provenanceLine(p: Provenance, synthetic: boolean): string {
  const parts = [
    `profile ${p.profile ?? "?"}`,
    `data ${dataLabel(p.dataset ?? "?", synthetic)}`,
    p.seed !== undefined ? `seed ${p.seed}` : undefined,
    p.configHash ? `config ${p.configHash}` : undefined,
    `commit ${p.commit.slice(0, 12)}${p.dirty ? " (uncommitted changes)" : ""}`,
    p.backend ? `backend ${p.backend.name} ${p.backend.version} (${p.backend.threads} thread${p.backend.threads === 1 ? "" : "s"})` : "backend none",
    `node ${p.versions.node}`,
    p.createdAt,
  ];
  return parts.filter((x) => x !== undefined).join(" · ");
}
