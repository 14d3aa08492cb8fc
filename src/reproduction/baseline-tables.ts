/**
 * Tables 7-8 (accuracy, F1, IBA, G-mean), Tables 11-12 (sensitivity, specificity, PPV, NPV) and Fig. 6
 * (confusion matrices) from the baseline runs, as paper-vs-kit comparisons with bootstrap intervals;
 * plus what the paper does not show: the same models on a patient-level split beside its image-level
 * one, the patient leakage of each, and which IBA form its numbers are.
 */
import { PAPER_MODELS, type PaperKeys } from "../paper/paper-tables";
import { barChartFigure } from "../report/figures/bar-chart";
import { confusionMatrixFigure } from "../report/figures/confusion-matrix";
import type { FigureSpec } from "../report/figures/spec";
import { comparePaper, type KitEntry } from "../report/tables/comparison";
import { paperNumber } from "../paper/paper-tables";
import { confusionMatrix } from "../metrics";
import { paperIbaFormFits } from "./iba-form";
import { metricLabel, metricValue, metricCi, type CiOptions, type MetricName } from "../metrics";
import { paperModelName } from "./model-names";
import { missingEntries, runEntries, runPaperKeys, TABLE11_READINGS, TABLE7_READINGS, type MetricReading } from "./paper-entries";
import type { ComparisonReportTable, PlainReportTable } from "./publish";
import type { RunResult } from "./run-results";

/** The paper's grid cells a table covers: BreakHis magnifications (Tables 7, 11) or BACH / Mini-DDSM (8, 12). */
function cellsOf(table: number, runs: readonly RunResult[]): PaperKeys[] {
  const binary = table === 7 || table === 11;
  const seen = new Map<string, PaperKeys>();
  for (const run of runs) {
    const k = runPaperKeys(run);
    if (binary !== (k.dataset === "BreakHis")) continue;
    if (binary && k.magnification === undefined) throw new Error(`Table ${table} is per BreakHis magnification: run ${run.key} has none`);
    const cell = binary ? { dataset: "BreakHis", magnification: k.magnification } : { dataset: k.dataset };
    seen.set(JSON.stringify(cell), cell);
  }
  return [...seen.values()];
}

function sameCell(run: RunResult, cell: PaperKeys): boolean {
  const k = runPaperKeys(run);
  return k.dataset === cell.dataset && (cell.magnification === undefined || k.magnification === cell.magnification);
}

/** Entries of one table over the cells that were run: every one of the nine models, null where not run. */
export function modelTableEntries(table: 7 | 8 | 11 | 12, runs: readonly RunResult[], readings: readonly MetricReading[], ci: CiOptions): KitEntry[] {
  const entries: KitEntry[] = [];
  for (const cell of cellsOf(table, runs)) {
    for (const model of PAPER_MODELS) {
      const run = runs.find((r) => sameCell(r, cell) && paperModelName(r.request.model) === model);
      entries.push(...(run ? runEntries(table, run, readings, ci) : missingEntries(table, { ...cell, model }, readings)));
    }
  }
  return entries;
}

const TITLES: Record<7 | 8 | 11 | 12, string> = {
  7: "Table 7: the nine models on BreakHis (accuracy, F1, IBA, G-mean), paper vs kit",
  8: "Table 8: the nine models on BACH and Mini-DDSM (accuracy, F1, IBA, G-mean), paper vs kit",
  11: "Table 11: sensitivity, specificity, PPV, NPV on BreakHis, paper vs kit",
  12: "Table 12: sensitivity, specificity, PPV, NPV on BACH and Mini-DDSM, paper vs kit",
};

/** One of Tables 7, 8, 11, 12 as a comparison; null when no run falls in it. */
export function modelTable(table: 7 | 8 | 11 | 12, runs: readonly RunResult[], ci: CiOptions): ComparisonReportTable | null {
  const readings = table === 7 || table === 8 ? TABLE7_READINGS : TABLE11_READINGS;
  const entries = modelTableEntries(table, runs, readings, ci);
  if (entries.length === 0) return null;
  const caption = [
    `Image-level split (the paper's). Kit 95% CI: percentile bootstrap over the test images (${ci.nResamples} resamples within each class, seed ${ci.seed}). Models without a kit value were not run in this profile.`,
  ];
  if (table === 7 || table === 8) caption.push("IBA: imbalanced-learn's IBA of the G-mean, alpha 0.1, squared = false, dominance of the malignant class for two classes (macro otherwise): the form the paper's values fit (see the IBA table).");
  else caption.push(table === 11 ? "Two classes: sensitivity, specificity, PPV and NPV of the malignant class." : "More than two classes: support-weighted one-vs-rest averages.");
  return { name: `table${table}-comparison`, title: TITLES[table], caption, comparison: comparePaper(entries), ranked: true };
}

function runKey(run: RunResult): string {
  const r = run.request;
  return `${r.model}|${r.dataset}|${r.magnification ?? ""}`;
}

function ciText(c: { low: number; high: number } | null): string {
  return c ? `[${c.low.toFixed(4)}, ${c.high.toFixed(4)}]` : "";
}

const SPLIT_METRICS: { kit: MetricName; paper: string; average?: "macro" | "weighted" }[] = [
  { kit: "accuracy", paper: "accuracy" },
  { kit: "f1Macro", paper: "f1", average: "macro" },
  { kit: "gmean", paper: "gmean" },
];

/**
 * The models run on both splits, side by side: the paper's (image-level) value, the kit's on the
 * image-level split and on the patient-level split, each with its interval. The two kit values come
 * from different test sets, so their difference has no paired interval.
 */
export function splitComparisonTable(imageLevel: readonly RunResult[], patientLevel: readonly RunResult[], ci: CiOptions): PlainReportTable | null {
  const rows: (string | number | null)[][] = [];
  for (const p of patientLevel) {
    const i = imageLevel.find((r) => runKey(r) === runKey(p));
    if (!i) continue;
    const keys = runPaperKeys(p);
    const table = keys.dataset === "BreakHis" ? 7 : 8;
    for (const m of SPLIT_METRICS) {
      const a = metricValue(m.kit, i.predictions);
      const b = metricValue(m.kit, p.predictions);
      rows.push([
        [keys.dataset, keys.magnification].filter(Boolean).join(" "),
        keys.model ?? "",
        metricLabel(m.kit),
        paperNumber({ table, ...keys, metric: m.paper, ...(m.average ? { average: m.average } : {}) }),
        a,
        ciText(metricCi(m.kit, i.predictions, ci)),
        b,
        ciText(metricCi(m.kit, p.predictions, ci)),
        a !== null && b !== null ? b - a : null,
      ]);
    }
  }
  if (rows.length === 0) return null;
  return {
    name: "split-comparison",
    title: "Image-level split (the paper's) vs patient-level split, same models",
    caption: [
      "The paper splits images 6:1:3 at random, so images of one patient land in training and test alike; the patient-level split keeps each patient on one side (see the leakage table).",
      `95% CIs: percentile bootstrap within each class (${ci.nResamples} resamples, seed ${ci.seed}); the two splits have different test sets, so their difference is not paired.`,
    ],
    table: {
      columns: ["data", "model", "metric", "paper (image-level)", "kit image-level", "kit image-level 95% CI", "kit patient-level", "kit patient-level 95% CI", "patient - image level"],
      rows,
    },
    digits: 4,
  };
}

/** How many patients and test images each split shares with training, per data set (from the runs' config). */
export function leakageTable(runs: readonly RunResult[]): PlainReportTable {
  const seen = new Set<string>();
  const rows: (string | number | null)[][] = [];
  for (const run of runs) {
    const k = runPaperKeys(run);
    const id = `${run.request.dataset}|${run.request.magnification ?? ""}|${run.request.split}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const l = run.data.leakage;
    const s = run.data.split;
    rows.push([
      [k.dataset, k.magnification].filter(Boolean).join(" "),
      run.request.split,
      s ? `${s.train}/${s.val}/${s.test}` : "",
      l?.patients ?? null,
      l?.pairs?.["train/test"]?.patients ?? null,
      l?.pairs?.["train/test"]?.images ?? null,
    ]);
  }
  return {
    name: "split-leakage",
    title: "Patient leakage of each split",
    caption: ["'train/test patients': patients with images in both the training and the test part; 'their images': all images of those patients in the two parts."],
    table: { columns: ["data", "split", "train/val/test images", "patients", "train/test patients", "their images"], rows },
  };
}

/** Which IBA form the paper's Table 7 values fit, and the kit's value in both forms per run. */
export function ibaFormTables(runs: readonly RunResult[]): { paper: PlainReportTable; kit: PlainReportTable } {
  const fits = paperIbaFormFits();
  const paper: PlainReportTable = {
    name: "iba-form-paper",
    title: "Which IBA form are the paper's numbers? (Table 7, alpha 0.1)",
    caption: [
      "Macro dominance (imbalanced-learn's averaging for the G-mean) is 0 for two classes, so IBA is exactly G-mean or G-mean^2. With the malignant class's dominance, sens * spec = G-mean^2 bounds |d| by 1 - G-mean^2, and each form reaches only a band around its score. A printed IBA outside a form's band cannot come from it (half a printed unit of tolerance on both numbers).",
    ],
    table: {
      columns: ["squared", "dominance d", "IBA =", "Table 7 cells it can produce"],
      rows: fits.map((f) => [f.form.squared ? "yes" : "no", f.form.dominance, f.formula, `${f.fits} of ${f.of}`]),
    },
  };
  const kit: PlainReportTable = {
    name: "iba-form-kit",
    title: "The kit's IBA in both forms",
    caption: ["IBA of the G-mean, alpha 0.1. The tables use the first form (unsquared; malignant-class dominance for two classes, macro otherwise); the second is imbalanced-learn's default (squared, macro dominance: 0 for two classes, so it equals G-mean^2 there)."],
    table: {
      columns: ["data", "split", "model", "G-mean", "IBA (paper's form)", "IBA (imbalanced-learn default)"],
      rows: runs.map((r) => {
        const k = runPaperKeys(r);
        return [[k.dataset, k.magnification].filter(Boolean).join(" "), r.request.split, k.model ?? "", metricValue("gmean", r.predictions), metricValue("iba", r.predictions), metricValue("ibaSquared", r.predictions)];
      }),
    },
    digits: 4,
  };
  return { paper, kit };
}

/** Fig. 6: confusion matrices of the given runs (the paper: ResNet50 and DALAResNet50 per magnification). */
export function confusionFigure(runs: readonly RunResult[], title: string): FigureSpec {
  return confusionMatrixFigure({
    title,
    panels: runs.map((r) => {
      const k = runPaperKeys(r);
      const labels = Array.from({ length: r.predictions.numClasses }, (_, i) => i);
      return {
        title: `${k.model} · ${[k.dataset, k.magnification].filter(Boolean).join(" ")} · ${r.request.split} split`,
        matrix: confusionMatrix(Array.from(r.predictions.labels), Array.from(r.predictions.predictions), { labels }),
        labels: r.predictions.classNames.length === labels.length ? r.predictions.classNames : labels.map(String),
      };
    }),
    columns: Math.min(4, runs.length),
  });
}

/** One metric per model for one data set cell: the kit's bars with intervals beside the paper's. */
export function modelBarFigure(runs: readonly RunResult[], reading: MetricReading, ci: CiOptions): FigureSpec {
  if (runs.length === 0) throw new Error("modelBarFigure: no runs");
  const cell = runPaperKeys(runs[0]);
  const table = cell.dataset === "BreakHis" ? 7 : 8;
  const kit = runs.map((r) => ({ value: metricValue(reading.kit, r.predictions), ci: metricCi(reading.kit, r.predictions, ci) }));
  return barChartFigure({
    title: `${metricLabel(reading.kit)} per model, ${[cell.dataset, cell.magnification].filter(Boolean).join(" ")} (image-level split)`,
    categories: runs.map((r) => paperModelName(r.request.model)),
    series: [
      { name: "paper", values: runs.map((r) => paperNumber({ table, ...runPaperKeys(r), metric: reading.paper, ...(reading.average ? { average: reading.average } : {}) })) },
      { name: "kit (95% CI)", values: kit.map((k) => k.value), low: kit.map((k) => k.ci?.low ?? null), high: kit.map((k) => k.ci?.high ?? null) },
    ],
    yTitle: metricLabel(reading.kit),
  });
}

/** Computed statements for the conclusions: per data cell, the kit's ranking by accuracy and where DALAResNet50 stands. */
export function baselineFindings(imageLevel: readonly RunResult[], patientLevel: readonly RunResult[]): string[] {
  const lines: string[] = [];
  const cells = new Map<string, RunResult[]>();
  for (const r of imageLevel) {
    const k = runPaperKeys(r);
    const id = [k.dataset, k.magnification].filter(Boolean).join(" ");
    cells.set(id, [...(cells.get(id) ?? []), r]);
  }
  for (const [cell, runs] of cells) {
    const scored = runs.map((r) => ({ model: paperModelName(r.request.model), accuracy: metricValue("accuracy", r.predictions) ?? NaN })).sort((a, b) => b.accuracy - a.accuracy);
    const dala = scored.find((s) => s.model === "DALAResNet50");
    // ties share a rank: 1 + the number of models strictly more accurate
    const dalaRank = dala ? 1 + scored.filter((s) => s.accuracy > dala.accuracy).length : 0;
    const ranking = scored.map((s, i) => `${i === 0 ? "" : s.accuracy === scored[i - 1].accuracy ? " = " : " > "}${s.model} ${s.accuracy.toFixed(3)}`).join("");
    lines.push(
      `${cell}: ${runs.length} model${runs.length === 1 ? "" : "s"} run; by accuracy the kit ranks ${ranking}` +
        (runs.length > 1 && dalaRank > 0 ? ` (DALAResNet50 ${dalaRank} of ${runs.length}; in the paper it is first).` : "."),
    );
  }
  for (const p of patientLevel) {
    const i = imageLevel.find((r) => runKey(r) === runKey(p));
    if (!i) continue;
    const a = metricValue("accuracy", i.predictions);
    const b = metricValue("accuracy", p.predictions);
    const k = runPaperKeys(p);
    if (a !== null && b !== null) {
      lines.push(`${k.model} on ${[k.dataset, k.magnification].filter(Boolean).join(" ")}: accuracy ${a.toFixed(3)} on the image-level split, ${b.toFixed(3)} on the patient-level split (${b - a >= 0 ? "+" : ""}${(b - a).toFixed(3)}).`);
    }
  }
  return lines;
}
