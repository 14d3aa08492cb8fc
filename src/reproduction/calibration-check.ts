/**
 * Whether a synthetic data set can tell models apart. A model whose test accuracy sits at the majority
 * class's share has learnt nothing a comparison could use (chance), and one at 1 leaves no room for
 * another to be better (ceiling); either makes "A is more accurate than B" a statement about the data
 * set, not the models. The study profile's sets were sized against this check, and notebook 04 shows
 * it for every run it reports.
 */
import { groupBySeed, seedValues } from "./seed-groups";
import { paperModelName } from "./model-names";
import { paperCellLabel } from "./experiment-plan";
import type { RunResult } from "./run-results";
import type { PlainReportTable } from "./publish";

/** Mean accuracy at or above this is "at ceiling": fewer than 1 image in 100 left to win. */
export const CEILING_ACCURACY = 0.99;
/** Mean accuracy within this of the majority share is "near chance". */
export const CHANCE_MARGIN = 0.02;

export type CalibrationState = "in range" | "at ceiling" | "near chance" | "collapsed";

export interface CalibrationRow {
  cell: string;
  model: string;
  testImages: number;
  /** Share of the test set's most frequent class: what predicting that class alone scores. */
  majorityShare: number;
  /** Mean over the seeds that did not collapse; null when all did. */
  meanAccuracy: number | null;
  seeds: number;
  collapsedSeeds: number[];
  state: CalibrationState;
}

export function majorityShare(labels: ArrayLike<number>): number {
  if (labels.length === 0) throw new Error("majorityShare: no labels");
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  return Math.max(...counts.values()) / labels.length;
}

export function calibrationState(meanAccuracy: number | null, majority: number): CalibrationState {
  if (meanAccuracy === null) return "collapsed";
  if (meanAccuracy >= CEILING_ACCURACY) return "at ceiling";
  if (meanAccuracy <= majority + CHANCE_MARGIN) return "near chance";
  return "in range";
}

/** One row per model and data-set cell (image-level and patient-level splits apart). */
export function calibrationRows(runs: readonly RunResult[]): CalibrationRow[] {
  return groupBySeed(runs).map((g) => {
    const v = seedValues(g, "accuracy");
    const labels = g.runs[0].predictions.labels;
    const majority = majorityShare(labels);
    return {
      cell: `${paperCellLabel(g.request)} · ${g.request.split} split`,
      model: paperModelName(g.request.model),
      testImages: labels.length,
      majorityShare: majority,
      meanAccuracy: v.mean,
      seeds: g.runs.length,
      collapsedSeeds: v.collapsed,
      state: calibrationState(v.mean, majority),
    };
  });
}

export function calibrationTable(rows: readonly CalibrationRow[]): PlainReportTable {
  return {
    name: "calibration-check",
    title: "Can the data sets tell the models apart? Accuracy against chance and ceiling",
    caption: [
      `near chance: mean accuracy within ${CHANCE_MARGIN} of the majority class's share; at ceiling: mean accuracy >= ${CEILING_ACCURACY}; collapsed: every seed predicted one class. Means leave out collapsed seeds.`,
    ],
    table: {
      columns: ["data set", "model", "test images", "majority share", "mean accuracy", "seeds", "collapsed seeds", "state"],
      rows: rows.map((r) => [r.cell, r.model, r.testImages, r.majorityShare, r.meanAccuracy, r.seeds, r.collapsedSeeds.join(", "), r.state]),
    },
  };
}

/** A sentence per state that occurred, naming the cells; none when every row is in range. */
export function calibrationFindings(rows: readonly CalibrationRow[]): string[] {
  const out: string[] = [];
  for (const state of ["at ceiling", "near chance", "collapsed"] as const) {
    const hit = rows.filter((r) => r.state === state);
    if (hit.length) out.push(`${hit.length} of ${rows.length} model cells are ${state}: ${hit.map((r) => `${r.model} (${r.cell})`).join("; ")}.`);
  }
  if (out.length === 0) out.push(`All ${rows.length} model cells are in range: above chance by more than ${CHANCE_MARGIN} and below ${CEILING_ACCURACY} accuracy.`);
  return out;
}
