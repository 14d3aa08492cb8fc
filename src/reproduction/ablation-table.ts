/**
 * Table 2, the layer ablation: DALAResNet50 with its attention module after layer1..layer4, per
 * BreakHis magnification, as paper-vs-kit comparisons over the training seeds; the paired comparisons
 * "layer4 minus layerK" that decide whether the paper's choice of layer4 is a real difference; and a
 * bar chart of one metric per layer.
 */
import { paperNumber, paperValues } from "../paper/paper-tables";
import { barChartFigure } from "../report/figures/bar-chart";
import type { FigureSpec } from "../report/figures/spec";
import { comparePaper, type KitEntry } from "../report/tables/comparison";
import { MAGNIFICATIONS, type Magnification } from "../data/datasets";
import { metricLabel, type CiOptions } from "../metrics/index";
import { groupEntries, groupEstimate, missingEntries, seedCaption, TABLE2_READINGS, type MetricReading } from "./paper-entries";
import { pairedComparisons, type PairedComparisonRow } from "./paired-comparison";
import { pairedComparisonTable, pairedFindings } from "./paired-table";
import type { ComparisonReportTable, PlainReportTable } from "./publish";
import type { RunResult } from "./run-results";
import { groupBySeed, seedCount, type SeedGroup } from "./seed-groups";

export const LAYERS = [1, 2, 3, 4] as const;

function layerKey(layer: number): string {
  return `layer${layer}`;
}

/** The runs of one position and magnification over the seeds. */
function groupAt(runs: readonly RunResult[], magnification: string | undefined, layer: number): SeedGroup | undefined {
  return groupBySeed(runs.filter((r) => r.request.magnification === magnification && (r.request.attentionAfter ?? 4) === layer))[0];
}

/** Magnifications with at least one ablation run, in the paper's order. */
export function ablationMagnifications(runs: readonly RunResult[]): Magnification[] {
  const present = new Set(runs.map((r) => r.request.magnification));
  if (runs.some((r) => r.request.magnification === undefined)) {
    throw new Error("Table 2 is per BreakHis magnification: an ablation run without a magnification has no paper counterpart");
  }
  return MAGNIFICATIONS.filter((m) => present.has(m));
}

/** The Table 2 comparison over the magnifications that were run; layers not run show the paper's value only. */
export function table2Comparison(runs: readonly RunResult[], ci: CiOptions): ComparisonReportTable {
  const entries: KitEntry[] = [];
  const mags = ablationMagnifications(runs);
  for (const magnification of mags) {
    for (const layer of LAYERS) {
      const group = groupAt(runs, magnification, layer);
      const keys = { dataset: "BreakHis", magnification, model: "DALAResNet50", attentionAfter: layerKey(layer) };
      entries.push(...(group ? groupEntries(2, group, TABLE2_READINGS, ci, { attentionAfter: layerKey(layer) }) : missingEntries(2, keys, TABLE2_READINGS)));
    }
  }
  const all = paperValues({ table: 2 }).map((v) => v.keys.magnification);
  const notRun = [...new Set(all)].filter((m) => m && !mags.some((x) => x === m));
  return {
    name: "table2-ablation",
    title: "Table 2: attention module after layer1..layer4 (DALAResNet50), paper vs kit",
    caption: [
      seedCaption(seedCount(runs), ci),
      "The layer4 variant is DALAResNet50 itself (r = 4 at every position): Table 2's layer-4 rows equal Table 7's DALAResNet50 rows.",
      "F1 rows: macro and weighted halves of the paper's 'a/b' cells. AUC-ROC: of the malignant probability.",
      ...(notRun.length ? [`Not run in this profile: ${notRun.join(", ")} (the paper's rows for them are left out).`] : []),
    ],
    comparison: comparePaper(entries),
    ranked: true,
  };
}

const DIFFERENCE_READINGS: MetricReading[] = [
  { paper: "accuracy", kit: "accuracy" },
  { paper: "f1", kit: "f1Macro", average: "macro" },
  { paper: "aucRoc", kit: "aucRoc" },
];

/** Paired comparisons layer4 - layerK (K = 1..3) per magnification, one Holm family per magnification. */
export function layerComparisons(runs: readonly RunResult[], ci: CiOptions): PairedComparisonRow[] {
  return ablationMagnifications(runs).flatMap((magnification) => {
    const top = groupAt(runs, magnification, 4);
    const others = [1, 2, 3].flatMap((l) => {
      const group = groupAt(runs, magnification, l);
      return group ? [{ label: layerKey(l), group }] : [];
    });
    if (!top || others.length === 0) return [];
    return pairedComparisons({ name: `Table 2 · BreakHis ${magnification}`, table: 2, reference: { label: layerKey(4), group: top }, others, metrics: DIFFERENCE_READINGS.map((m) => m.kit) }, ci);
  });
}

function paperLayerDifference(row: PairedComparisonRow): number | null {
  const m = DIFFERENCE_READINGS.find((d) => d.kit === row.metric)!;
  const magnification = row.family.split(" ").pop()!;
  const of = (layer: string) => paperNumber({ table: 2, magnification, attentionAfter: layer, metric: m.paper, ...(m.average ? { average: m.average } : {}) });
  return of(row.reference) - of(row.other);
}

export function layerComparisonTable(rows: readonly PairedComparisonRow[]): PlainReportTable {
  return pairedComparisonTable(rows, {
    name: "table2-layer4-differences",
    title: "Table 2: is layer4 really better? Paired comparisons layer4 - layerK",
    caption: ["The paper prints one run per position and no interval; its difference is shown for reference."],
    paperDifference: paperLayerDifference,
  });
}

/** Bars of one metric per layer: the kit's with bootstrap intervals beside the paper's, one magnification. */
export function ablationFigure(runs: readonly RunResult[], magnification: string, reading: MetricReading, ci: CiOptions): FigureSpec {
  const kit = LAYERS.map((l) => {
    const group = groupAt(runs, magnification, l);
    return group ? groupEstimate(group, reading.kit, ci) : null;
  });
  return barChartFigure({
    title: `Table 2 as bars: ${metricLabel(reading.kit)} per attention position, BreakHis ${magnification}`,
    categories: LAYERS.map(layerKey),
    series: [
      { name: "paper", values: LAYERS.map((l) => paperNumber({ table: 2, magnification, attentionAfter: layerKey(l), metric: reading.paper, ...(reading.average ? { average: reading.average } : {}) })) },
      {
        name: "kit (95% CI)",
        values: kit.map((k) => k?.mean ?? null),
        low: kit.map((k) => k?.ci?.[0] ?? null),
        high: kit.map((k) => k?.ci?.[1] ?? null),
      },
    ],
    yTitle: metricLabel(reading.kit),
  });
}

/** Computed statements for the notebook's conclusions: best layer per magnification (kit mean, paper) and the paired verdicts. */
export function ablationFindings(runs: readonly RunResult[], comparisons: readonly PairedComparisonRow[]): string[] {
  const lines: string[] = [];
  for (const magnification of ablationMagnifications(runs)) {
    const kit = LAYERS.flatMap((l) => {
      const group = groupAt(runs, magnification, l);
      const mean = group ? groupEstimate(group, "accuracy", null).mean : null;
      return mean === null ? [] : [{ layer: l, accuracy: mean }];
    });
    if (kit.length === 0) continue;
    const best = Math.max(...kit.map((x) => x.accuracy));
    const kitBest = kit.filter((x) => x.accuracy === best).map((x) => layerKey(x.layer));
    const paper = LAYERS.map((l) => ({ layer: l, accuracy: paperNumber({ table: 2, magnification, attentionAfter: layerKey(l), metric: "accuracy" }) }));
    const paperBest = paper.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
    lines.push(`BreakHis ${magnification}: the paper's best accuracy is ${layerKey(paperBest.layer)} (${paperBest.accuracy.toFixed(3)}); the kit's highest mean accuracy over seeds is ${kitBest.join(" = ")} (${best.toFixed(3)}).`);
  }
  return [...lines, ...pairedFindings(comparisons)];
}
