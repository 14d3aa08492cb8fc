/**
 * A finished run's test metrics as paper-vs-kit entries (src/report's `KitEntry`): which kit metric
 * answers which column of which paper table, and the paper keys (data set, magnification, model) that
 * locate the run in it. A cell repeated over training seeds gives its mean, spread and every seed's value.
 */
import type { KitEntry } from "../report/tables/comparison";
import type { PaperKeys } from "../paper/paper-tables";
import { metricCi, type CiOptions, type MetricName } from "../metrics/index";
import { paperDatasetName } from "./experiment-plan";
import { paperModelName } from "./model-names";
import type { RunResult } from "./run-results";
import { acrossSeeds } from "../statistics/index";
import { seedValues, type SeedGroup, type SeedValues } from "./seed-groups";

/** One column of a paper table and the kit metric that answers it. */
export interface MetricReading {
  /** The paper's metric key (src/paper/tables.json). */
  paper: string;
  kit: MetricName;
  /** Which half of an "a/b" F1 cell. */
  average?: "macro" | "weighted";
}

const F1: MetricReading[] = [
  { paper: "f1", kit: "f1Macro", average: "macro" },
  { paper: "f1", kit: "f1Weighted", average: "weighted" },
];

/** Table 2: accuracy, F1 (macro/weighted), AUC-ROC. */
export const TABLE2_READINGS: MetricReading[] = [{ paper: "accuracy", kit: "accuracy" }, ...F1, { paper: "aucRoc", kit: "aucRoc" }];
/** Tables 7-8: accuracy, F1, IBA (unsquared, the form the paper's values fit), G-mean. */
export const TABLE7_READINGS: MetricReading[] = [
  { paper: "accuracy", kit: "accuracy" },
  ...F1,
  { paper: "iba", kit: "iba" },
  { paper: "gmean", kit: "gmean" },
];
/** Tables 11-12. */
export const TABLE11_READINGS: MetricReading[] = [
  { paper: "sensitivity", kit: "sensitivity" },
  { paper: "specificity", kit: "specificity" },
  { paper: "ppv", kit: "ppv" },
  { paper: "npv", kit: "npv" },
];

/** The paper keys of a run: its data set in the paper's name, magnification, and model. */
export function runPaperKeys(run: Pick<RunResult, "request">): PaperKeys {
  const r = run.request;
  return {
    dataset: paperDatasetName(r.dataset),
    ...(r.magnification !== undefined ? { magnification: r.magnification } : {}),
    model: paperModelName(r.model),
  };
}

/**
 * Entries of one paper table for the runs of one cell over its seeds: the mean over the seeds whose run
 * did not collapse to one class, their sd and every seed's value. The interval is Student-t over the
 * seeds where two or more count, else the percentile bootstrap of the one run over its test images
 * (`ci` null skips it).
 */
export function groupEntries(table: number, group: SeedGroup, readings: readonly MetricReading[], ci: CiOptions | null, extraKeys: PaperKeys = {}): KitEntry[] {
  const keys = { ...runPaperKeys(group.runs[0]), ...extraKeys };
  return readings.map((m) => {
    const e = groupEstimate(group, m.kit, ci);
    return {
      table,
      ...keys,
      metric: m.paper,
      ...(m.average ? { average: m.average } : {}),
      kit: e.mean,
      ...(e.ci ? { ci: e.ci } : {}),
      ...(group.runs.length > 1 ? { sd: e.sd ?? undefined, perSeed: e.seeds.map((seed, i) => ({ seed, value: e.values[i] })) } : {}),
      ...(e.collapsed.length ? { notes: [collapsedNote(e.collapsed)] } : {}),
    };
  });
}

export interface GroupEstimate extends SeedValues {
  ci: [number, number] | null;
}

/** A metric over a group's seeds with its interval (see groupEntries). */
export function groupEstimate(group: SeedGroup, metric: MetricName, ci: CiOptions | null): GroupEstimate {
  const v = seedValues(group, metric);
  const kept = v.values.filter((x, i): x is number => x !== null && !v.collapsed.includes(v.seeds[i]));
  if (kept.length >= 2) {
    const a = acrossSeeds(kept);
    return { ...v, ci: [a.low!, a.high!] };
  }
  const one = group.runs.find((_, i) => v.values[i] !== null && !v.collapsed.includes(v.seeds[i]));
  const b = one && ci ? metricCi(metric, one.predictions, ci) : null;
  return { ...v, ci: b ? [b.low, b.high] : null };
}

export function collapsedNote(seeds: readonly number[]): string {
  return `collapsed to one class with seed ${seeds.join(", ")}: left out of the mean`;
}

/** How a table's kit value and interval are made, for its caption. */
export function seedCaption(seeds: number, ci: CiOptions): string {
  return seeds > 1
    ? `Kit: mean over ${seeds} training seeds (sd and every seed's value in the CSV; a run that collapsed to one class is named and left out); 95% CI: Student-t over the seeds (with one usable seed: percentile bootstrap over the test images, ${ci.nResamples} resamples within each class).`
    : `Kit: one training seed; 95% CI: percentile bootstrap over the test images (${ci.nResamples} resamples within each class, seed ${ci.seed}).`;
}

/** Entries for the paper's rows that have no run (kit shown as missing). */
export function missingEntries(table: number, keys: PaperKeys, readings: readonly MetricReading[]): KitEntry[] {
  return readings.map((m) => ({ table, ...keys, metric: m.paper, ...(m.average ? { average: m.average } : {}), kit: null }));
}
