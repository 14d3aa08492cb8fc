/**
 * One model (the reference: DALAResNet50, or the layer-4 position) against each other arm of a family,
 * metric by metric, on the same test images and over the training seeds.
 *
 * Per seed, both runs are scored on the same images: the difference of the metric, its paired interval
 * (stratified paired bootstrap; DeLong's normal interval for a two-class AUC) and a paired test (exact
 * McNemar for accuracy, DeLong for AUC, the paired bootstrap otherwise). With several seeds the mean
 * difference must hold against both sources of chance: training (Student-t interval and one-sample t
 * test over the seeds, the seed being the replicate) and the test images (every seed's runs scored on
 * the same bootstrap resamples, so averaging the seeds' resampled differences gives the resampling
 * distribution of the mean difference). The row's p-value is the larger of the two (an intersection-
 * union test: a difference is shown only where both show it). With one usable seed the per-seed test
 * stands alone. A seed on which either run collapsed to one class is left out and named. p-values are
 * Holm-adjusted within the family (all its arms and metrics).
 */
import { collapseCheck, metricDifferenceCi, metricLabel, metricValue, percentile, sameTestSet, type CiOptions, type MetricName } from "../metrics/index";
import { acrossSeeds, bootstrapPValue, delongTest, holmAdjust, mcnemarExact } from "../statistics/index";
import { POSITIVE_CLASS } from "../metrics/index";
import type { Evidence } from "../claims/index";
import type { RunResult } from "./run-results";
import { seedOf, type SeedGroup } from "./seed-groups";

export interface PairedArm {
  label: string;
  group: SeedGroup;
}

export interface PairedFamily {
  /** e.g. "Table 7 · BreakHis 40X". */
  name: string;
  table: number;
  reference: PairedArm;
  others: PairedArm[];
  metrics: readonly MetricName[];
}

export interface SeedDifference {
  seed: number;
  difference: number;
  low: number | null;
  high: number | null;
  pValue: number;
}

export interface ScoredSeed extends SeedDifference {
  /** The difference on each bootstrap resample of the test images (NaN where undefined). */
  resamples: number[];
}

export type PairedVerdict = Evidence["verdict"];

/** A comparison row: what the claims ledger reads (family, arms, metric, difference, adjusted p, verdict) and its statistics. */
export interface PairedComparisonRow extends Evidence {
  /** The per-seed test. */
  test: string;
  perSeed: SeedDifference[];
  excluded: { seed: number; reason: string }[];
  low: number | null;
  high: number | null;
  interval: string;
  /** Over several seeds: the interval of the mean difference over resamples of the test images. */
  imageLow: number | null;
  imageHigh: number | null;
  pValue: number | null;
}

export const ALPHA = 0.05;

function testName(metric: MetricName, binary: boolean): string {
  if (metric === "accuracy") return "exact McNemar";
  if (metric === "aucRoc" && binary) return "DeLong";
  return "paired bootstrap";
}

function positiveScores(r: RunResult): number[] {
  const C = r.predictions.numClasses;
  return Array.from({ length: r.predictions.labels.length }, (_, i) => r.predictions.probabilities[i * C + POSITIVE_CLASS]);
}

/** One seed: the difference, its interval and the p-value of the paired test; null where undefined. */
export function seedDifference(metric: MetricName, a: RunResult, b: RunResult, ci: CiOptions): ScoredSeed | null {
  const seed = seedOf(a);
  if (!sameTestSet(a.predictions, b.predictions)) throw new Error(`paired comparison: ${a.key} and ${b.key} were not tested on the same images`);
  const va = metricValue(metric, a.predictions);
  const vb = metricValue(metric, b.predictions);
  const boot = va === null || vb === null ? null : metricDifferenceCi(metric, a.predictions, b.predictions, ci);
  if (!boot) return null;
  const resamples = boot.values;
  if (metric === "aucRoc" && a.predictions.numClasses === 2) {
    const d = delongTest(a.predictions.labels, positiveScores(a), positiveScores(b));
    return { seed, difference: d.difference, low: d.low, high: d.high, pValue: d.pValue, resamples };
  }
  const pValue = metric === "accuracy" ? mcnemarExact(a.predictions.labels, a.predictions.predictions, b.predictions.predictions).pValue : bootstrapPValue(resamples);
  return { seed, difference: va! - vb!, low: boot.low, high: boot.high, pValue, resamples };
}

/** The percentile interval and p-value of the seeds' mean difference over the shared resamples. */
function imageLevelOfMean(seeds: readonly ScoredSeed[], confidence: number): { low: number; high: number; pValue: number } {
  const n = seeds[0].resamples.length;
  const means = Array.from({ length: n }, (_, j) => seeds.reduce((s, d) => s + d.resamples[j], 0) / seeds.length).filter((v) => !Number.isNaN(v));
  return { low: percentile(means, (100 * (1 - confidence)) / 2), high: percentile(means, (100 * (1 + confidence)) / 2), pValue: bootstrapPValue(means) };
}

function collapsed(r: RunResult): boolean {
  return collapseCheck(r.predictions.predictions).collapsed;
}

function compareArms(family: PairedFamily, other: PairedArm, metric: MetricName, ci: CiOptions): Omit<PairedComparisonRow, "pHolm" | "verdict"> {
  const perSeed: ScoredSeed[] = [];
  const excluded: { seed: number; reason: string }[] = [];
  for (const a of family.reference.group.runs) {
    const seed = seedOf(a);
    const b = other.group.runs.find((r) => seedOf(r) === seed);
    if (!b) {
      excluded.push({ seed, reason: `no ${other.label} run` });
      continue;
    }
    const down = [collapsed(a) && family.reference.label, collapsed(b) && other.label].filter(Boolean);
    if (down.length) {
      excluded.push({ seed, reason: `${down.join(" and ")} collapsed to one class` });
      continue;
    }
    const d = seedDifference(metric, a, b, ci);
    if (d) perSeed.push(d);
    else excluded.push({ seed, reason: "metric undefined on this test set" });
  }
  const base = {
    family: family.name,
    table: family.table,
    reference: family.reference.label,
    other: other.label,
    metric,
    metricLabel: metricLabel(metric),
    test: testName(metric, family.reference.group.runs[0].predictions.numClasses === 2),
    excluded,
  };
  return summariseSeeds(base, perSeed, ci.confidence ?? 0.95);
}

type RowBase = Omit<PairedComparisonRow, "perSeed" | "seedsUsed" | "difference" | "low" | "high" | "interval" | "imageLow" | "imageHigh" | "pValue" | "pHolm" | "verdict">;

/** A row from its per-seed results: one seed stands alone; several are combined as the module says. */
export function summariseSeeds(base: RowBase, perSeed: readonly ScoredSeed[], confidence: number): Omit<PairedComparisonRow, "pHolm" | "verdict"> {
  const none = { imageLow: null, imageHigh: null };
  if (perSeed.length === 0) return { ...base, perSeed: [], seedsUsed: 0, difference: null, low: null, high: null, interval: "none", ...none, pValue: null };
  const shown = perSeed.map(({ resamples: _r, ...d }) => d);
  if (perSeed.length === 1) {
    const [s] = shown;
    return { ...base, perSeed: shown, seedsUsed: 1, difference: s.difference, low: s.low, high: s.high, interval: "paired, over the test images (one seed)", ...none, pValue: s.pValue };
  }
  const a = acrossSeeds(perSeed.map((s) => s.difference), confidence);
  const img = imageLevelOfMean(perSeed, confidence);
  return {
    ...base,
    perSeed: shown,
    seedsUsed: shown.length,
    difference: a.mean,
    low: a.low,
    high: a.high,
    interval: `Student-t over ${a.n} seeds`,
    imageLow: img.low,
    imageHigh: img.high,
    pValue: Math.max(a.pValue!, img.pValue),
  };
}

/** Shown only where the adjusted p is below ALPHA and every interval of the row lies on one side of 0. */
export function pairedVerdict(row: Pick<PairedComparisonRow, "low" | "high" | "imageLow" | "imageHigh" | "pHolm">): PairedVerdict {
  if (row.pHolm === null || row.low === null || row.high === null) return "not computed";
  const lows = [row.low, row.imageLow].filter((v): v is number => v !== null);
  const highs = [row.high, row.imageHigh].filter((v): v is number => v !== null);
  if (row.pHolm < ALPHA && Math.min(...lows) > 0) return "reference higher";
  if (row.pHolm < ALPHA && Math.max(...highs) < 0) return "reference lower";
  return "no difference shown";
}

/** Every arm and metric of a family, Holm-adjusted together. */
export function pairedComparisons(family: PairedFamily, ci: CiOptions): PairedComparisonRow[] {
  return holmFamily(family.others.flatMap((o) => family.metrics.map((m) => compareArms(family, o, m, ci))));
}

/** Holm's adjustment over the rows of one family that have a p-value, and each row's verdict. */
export function holmFamily(rows: readonly Omit<PairedComparisonRow, "pHolm" | "verdict">[]): PairedComparisonRow[] {
  const tested = rows.flatMap((r, i) => (r.pValue === null ? [] : [i]));
  const adjusted = holmAdjust(tested.map((i) => rows[i].pValue!));
  return rows.map((r, i) => {
    const k = tested.indexOf(i);
    const pHolm = k < 0 ? null : adjusted[k];
    return { ...r, pHolm, verdict: pairedVerdict({ ...r, pHolm }) };
  });
}
