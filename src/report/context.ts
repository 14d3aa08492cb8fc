/**
 * Where and for whom result files are written: the results directory, the notebook writing them, and
 * the profile and data behind the numbers. A notebook makes one context and passes it to every writer,
 * so every table and figure names its origin without repeating it at each call.
 */
import * as path from "node:path";
import { PROFILE_NAMES, getProfile } from "../profiles";
import { resultsDir as defaultResultsDir } from "../paths";
import { Provenance, provenance } from "../provenance";

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
  seed?: number;
  config?: unknown;
}

export interface ReportContextOptions {
  resultsDir?: string;
  notebook?: string;
  profile?: string;
  dataset?: string;
  synthetic?: boolean;
  seed?: number;
  config?: unknown;
}

/**
 * Fills the gaps: results under `DALA_RESULTS` or the repository's `results/`, the notebook from
 * `DALA_NOTEBOOK` (set by a runner), `synthetic` from the profile's data when the profile is known.
 */
export function reportContext(options: ReportContextOptions = {}): ReportContext {
  const profile = options.profile ?? "demo";
  const known = (PROFILE_NAMES as readonly string[]).includes(profile);
  if (options.synthetic === undefined && !known) {
    throw new Error(`report context: profile '${profile}' is not one of ${PROFILE_NAMES.join(", ")}; say whether its data is synthetic (synthetic: true|false)`);
  }
  const synthetic = options.synthetic ?? getProfile(profile).data === "synthetic";
  if (!synthetic && !options.dataset) throw new Error("report context: name the real data set behind these results (dataset: ...)");
  return {
    resultsDir: path.resolve(options.resultsDir ?? defaultResultsDir()),
    notebook: options.notebook ?? process.env.DALA_NOTEBOOK,
    profile,
    dataset: options.dataset ?? "synthetic",
    synthetic,
    seed: options.seed,
    config: options.config,
  };
}

export function contextProvenance(ctx: ReportContext): Provenance {
  return provenance({ config: ctx.config, seed: ctx.seed, profile: ctx.profile, dataset: ctx.dataset });
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
