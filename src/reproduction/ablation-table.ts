/**
 * Table 2, the layer ablation: DALAResNet50 with its attention module after layer1..layer4, per
 * BreakHis magnification, as paper-vs-kit comparisons with bootstrap intervals; the paired differences
 * "layer4 minus layerK" that decide whether the paper's choice of layer4 is a real difference; and a
 * bar chart of one metric per layer.
 */
import { paperNumber, paperValues } from "../paper/paper-tables";
import { barChartFigure } from "../report/figures/bar-chart";
import type { FigureSpec } from "../report/figures/spec";
import { comparePaper, type KitEntry } from "../report/tables/comparison";
import { MAGNIFICATIONS, type Magnification } from "../data/datasets";
import { metricLabel, metricValue, metricCi, metricDifferenceCi, type CiOptions, type MetricName } from "../metrics";
import { missingEntries, runEntries, TABLE2_READINGS, type MetricReading } from "./paper-entries";
import type { ComparisonReportTable, PlainReportTable } from "./publish";
import type { RunResult } from "./run-results";

export const LAYERS = [1, 2, 3, 4] as const;

function layerKey(layer: number): string {
  return `layer${layer}`;
}

function runAt(runs: readonly RunResult[], magnification: string | undefined, layer: number): RunResult | undefined {
  return runs.find((r) => r.request.magnification === magnification && (r.request.attentionAfter ?? 4) === layer);
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
      const run = runAt(runs, magnification, layer);
      const keys = { dataset: "BreakHis", magnification, model: "DALAResNet50", attentionAfter: layerKey(layer) };
      entries.push(...(run ? runEntries(2, run, TABLE2_READINGS, ci, { attentionAfter: layerKey(layer) }) : missingEntries(2, keys, TABLE2_READINGS)));
    }
  }
  const all = paperValues({ table: 2 }).map((v) => v.keys.magnification);
  const notRun = [...new Set(all)].filter((m) => m && !mags.some((x) => x === m));
  return {
    name: "table2-ablation",
    title: "Table 2: attention module after layer1..layer4 (DALAResNet50), paper vs kit",
    caption: [
      `Kit 95% CI: percentile bootstrap over the test images (${ci.nResamples} resamples within each class, seed ${ci.seed}).`,
      "F1 rows: macro and weighted halves of the paper's 'a/b' cells. AUC-ROC: of the malignant probability.",
      ...(notRun.length ? [`Not run in this profile: ${notRun.join(", ")} (the paper's rows for them are left out).`] : []),
    ],
    comparison: comparePaper(entries),
    ranked: true,
  };
}

export interface LayerDifference {
  magnification: string;
  layer: number;
  metric: MetricName;
  /** kit: metric(layer4) - metric(layerK), with its paired interval. */
  kit: number | null;
  ci: [number, number] | null;
  /** The same difference in the paper's Table 2. */
  paper: number;
}

const DIFFERENCE_READINGS: MetricReading[] = [
  { paper: "accuracy", kit: "accuracy" },
  { paper: "f1", kit: "f1Macro", average: "macro" },
  { paper: "aucRoc", kit: "aucRoc" },
];

/** Paired bootstrap differences layer4 - layerK (K = 1..3) on the shared test images. */
export function layerDifferences(runs: readonly RunResult[], ci: CiOptions): LayerDifference[] {
  const out: LayerDifference[] = [];
  for (const magnification of ablationMagnifications(runs)) {
    const top = runAt(runs, magnification, 4);
    for (const layer of [1, 2, 3]) {
      const other = runAt(runs, magnification, layer);
      for (const m of DIFFERENCE_READINGS) {
        const paperOf = (l: number) => paperNumber({ table: 2, magnification, attentionAfter: layerKey(l), metric: m.paper, ...(m.average ? { average: m.average } : {}) });
        const d = top && other ? metricDifferenceCi(m.kit, top.predictions, other.predictions, ci) : null;
        out.push({
          magnification,
          layer,
          metric: m.kit,
          kit: d ? d.estimate : null,
          ci: d ? [d.low, d.high] : null,
          paper: paperOf(4) - paperOf(layer),
        });
      }
    }
  }
  return out;
}

/** The differences as a table, with whether the kit's interval excludes zero. */
export function layerDifferenceTable(diffs: readonly LayerDifference[], ci: CiOptions): PlainReportTable {
  const verdict = (d: LayerDifference) => {
    if (!d.ci) return "not run";
    if (d.ci[0] > 0) return "layer4 better";
    if (d.ci[1] < 0) return "layer4 worse";
    return "no difference shown";
  };
  return {
    name: "table2-layer4-differences",
    title: "Table 2: is layer4 really better? Paired differences layer4 - layerK",
    caption: [
      `Both runs scored on the same bootstrap resamples of the shared test images (${ci.nResamples} resamples within each class, seed ${ci.seed}); an interval that contains 0 means the test set cannot tell the two positions apart.`,
    ],
    table: {
      columns: ["magnification", "compared with", "metric", "paper difference", "kit difference", "kit 95% CI", "kit verdict"],
      rows: diffs.map((d) => [
        d.magnification,
        layerKey(d.layer),
        metricLabel(d.metric),
        d.paper,
        d.kit,
        d.ci ? `[${d.ci[0].toFixed(4)}, ${d.ci[1].toFixed(4)}]` : "",
        verdict(d),
      ]),
    },
    digits: 4,
  };
}

/** Bars of one metric per layer: the kit's with bootstrap intervals beside the paper's, one magnification. */
export function ablationFigure(runs: readonly RunResult[], magnification: string, reading: MetricReading, ci: CiOptions): FigureSpec {
  const kit = LAYERS.map((l) => {
    const run = runAt(runs, magnification, l);
    return run ? { value: metricValue(reading.kit, run.predictions), ci: metricCi(reading.kit, run.predictions, ci) } : null;
  });
  return barChartFigure({
    title: `Table 2 as bars: ${metricLabel(reading.kit)} per attention position, BreakHis ${magnification}`,
    categories: LAYERS.map(layerKey),
    series: [
      { name: "paper", values: LAYERS.map((l) => paperNumber({ table: 2, magnification, attentionAfter: layerKey(l), metric: reading.paper, ...(reading.average ? { average: reading.average } : {}) })) },
      {
        name: "kit (95% CI)",
        values: kit.map((k) => k?.value ?? null),
        low: kit.map((k) => k?.ci?.low ?? null),
        high: kit.map((k) => k?.ci?.high ?? null),
      },
    ],
    yTitle: metricLabel(reading.kit),
  });
}

/** Computed statements for the notebook's conclusions: best layer per magnification, kit and paper, and what the intervals allow. */
export function ablationFindings(runs: readonly RunResult[], diffs: readonly LayerDifference[]): string[] {
  const lines: string[] = [];
  for (const magnification of ablationMagnifications(runs)) {
    const kit = LAYERS.map((l) => {
      const run = runAt(runs, magnification, l);
      return { layer: l, accuracy: run ? metricValue("accuracy", run.predictions) : null };
    }).filter((x): x is { layer: 1 | 2 | 3 | 4; accuracy: number } => x.accuracy !== null);
    if (kit.length === 0) continue;
    const best = Math.max(...kit.map((x) => x.accuracy));
    const kitBest = kit.filter((x) => x.accuracy === best).map((x) => layerKey(x.layer));
    const paper = LAYERS.map((l) => ({ layer: l, accuracy: paperNumber({ table: 2, magnification, attentionAfter: layerKey(l), metric: "accuracy" }) }));
    const paperBest = paper.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
    const acc = diffs.filter((d) => d.magnification === magnification && d.metric === "accuracy" && d.ci);
    const shown = acc.filter((d) => d.ci![0] > 0).map((d) => layerKey(d.layer));
    const worse = acc.filter((d) => d.ci![1] < 0).map((d) => layerKey(d.layer));
    lines.push(
      `BreakHis ${magnification}: the paper's best accuracy is ${layerKey(paperBest.layer)} (${paperBest.accuracy.toFixed(3)}); the kit's is ${kitBest.join(" = ")} (${best.toFixed(3)}). ` +
        (acc.length === 0
          ? "The layer4 run is missing, so no paired difference was computed."
          : `Paired bootstrap: layer4 is more accurate than ${shown.length ? shown.join(", ") : "none of the other positions"}` +
            `${worse.length ? ` and less accurate than ${worse.join(", ")}` : ""}; against the rest the 95% interval of the difference contains 0.`),
    );
  }
  return lines;
}
