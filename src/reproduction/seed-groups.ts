/**
 * The runs of one comparison cell repeated over training seeds: everything about the request but the
 * seed is the same, and so are the test images (the split does not follow the training seed). Tables
 * report a metric over a group as its mean and standard deviation over seeds, with every seed's value
 * kept, and a run that collapsed to one class is flagged instead of being averaged in silently.
 */
import type { TrainRequest } from "../experiments/spec";
import { collapseCheck, metricValue, type MetricName } from "../metrics/index";
import type { RunResult } from "./run-results";

export interface SeedGroup {
  /** The request without its seed. */
  request: Omit<TrainRequest, "seed">;
  /** Sorted by seed. */
  runs: RunResult[];
}

export function withoutSeed(request: TrainRequest): Omit<TrainRequest, "seed"> {
  const { seed: _seed, ...rest } = request;
  return rest;
}

function groupKey(request: TrainRequest): string {
  const r = withoutSeed(request) as Record<string, unknown>;
  return JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]));
}

/** Groups in the order their first run appears; a seed present twice in a group is an error. */
export function groupBySeed(runs: readonly RunResult[]): SeedGroup[] {
  const groups = new Map<string, SeedGroup>();
  for (const run of runs) {
    const key = groupKey(run.request);
    const g = groups.get(key) ?? { request: withoutSeed(run.request), runs: [] };
    if (g.runs.some((r) => r.request.seed === run.request.seed)) throw new Error(`two runs of one request with seed ${run.request.seed} (${run.key})`);
    g.runs.push(run);
    groups.set(key, g);
  }
  for (const g of groups.values()) g.runs.sort((a, b) => (a.request.seed ?? 0) - (b.request.seed ?? 0));
  return [...groups.values()];
}

/** The largest number of seeds any configuration among `runs` has (0 for none). */
export function seedCount(runs: readonly RunResult[]): number {
  return Math.max(0, ...groupBySeed(runs).map((g) => g.runs.length));
}

export function seedOf(run: RunResult): number {
  if (run.request.seed === undefined) throw new Error(`run ${run.key} has no seed in its request`);
  return run.request.seed;
}

/** Runs whose predictions collapsed to one class, by seed. */
export function collapsedSeeds(group: SeedGroup): number[] {
  return group.runs.filter((r) => collapseCheck(r.predictions.predictions).collapsed).map(seedOf);
}

export interface SeedValues {
  seeds: number[];
  /** Per seed; null where the metric is undefined on that run's test set. */
  values: (number | null)[];
  /** Over the seeds with a value: mean, standard deviation (n - 1; 0 for one seed) and count. */
  mean: number | null;
  sd: number | null;
  n: number;
  /** Seeds whose run collapsed to one class: their values are shown, and kept out of the mean. */
  collapsed: number[];
}

/** A metric over the seeds of a group; collapsed runs are left out of the mean and listed. */
export function seedValues(group: SeedGroup, metric: MetricName): SeedValues {
  const seeds = group.runs.map(seedOf);
  const values = group.runs.map((r) => metricValue(metric, r.predictions));
  const collapsed = collapsedSeeds(group);
  const kept = values.filter((v, i): v is number => v !== null && !collapsed.includes(seeds[i]));
  return { seeds, values, collapsed, n: kept.length, ...meanAndSd(kept) };
}

export function meanAndSd(xs: readonly number[]): { mean: number | null; sd: number | null } {
  if (xs.length === 0) return { mean: null, sd: null };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}

/** "0.912 ± 0.013 (3 seeds)", with the collapsed seeds named. */
export function formatSeedValues(v: SeedValues, digits = 3): string {
  if (v.mean === null) return v.collapsed.length ? `collapsed (seeds ${v.collapsed.join(", ")})` : "";
  const text = `${v.mean.toFixed(digits)} ± ${(v.sd ?? 0).toFixed(digits)} (${v.n} seed${v.n === 1 ? "" : "s"})`;
  return v.collapsed.length ? `${text}; collapsed: seed ${v.collapsed.join(", ")}` : text;
}
