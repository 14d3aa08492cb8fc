/**
 * A finished run's test metrics as paper-vs-kit entries (src/report's `KitEntry`): which kit metric
 * answers which column of which paper table, and the paper keys (data set, magnification, model) that
 * locate the run in it. A run's point value and its bootstrap interval come from the same predictions.
 */
import type { KitEntry } from "../report/tables/comparison";
import type { PaperKeys } from "../paper/paper-tables";
import { metricValue, metricCi, type CiOptions, type MetricName } from "../metrics";
import { paperDatasetName } from "./experiment-plan";
import { paperModelName } from "./model-names";
import type { RunResult } from "./run-results";

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

/** Entries of one paper table for one run (kit value + CI per reading); `ci` null skips the bootstrap. */
export function runEntries(table: number, run: RunResult, readings: readonly MetricReading[], ci: CiOptions | null, extraKeys: PaperKeys = {}): KitEntry[] {
  const keys = { ...runPaperKeys(run), ...extraKeys };
  return readings.map((m) => {
    const interval = ci ? metricCi(m.kit, run.predictions, ci) : null;
    return {
      table,
      ...keys,
      metric: m.paper,
      ...(m.average ? { average: m.average } : {}),
      kit: metricValue(m.kit, run.predictions),
      ...(interval ? { ci: [interval.low, interval.high] as [number, number] } : {}),
    };
  });
}

/** Entries for the paper's rows that have no run (kit shown as missing). */
export function missingEntries(table: number, keys: PaperKeys, readings: readonly MetricReading[]): KitEntry[] {
  return readings.map((m) => ({ table, ...keys, metric: m.paper, ...(m.average ? { average: m.average } : {}), kit: null }));
}
