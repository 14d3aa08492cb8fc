/**
 * Tables 7-8 (accuracy, F1, IBA, G-mean), Tables 11-12 (sensitivity, specificity, PPV, NPV) and Fig. 6
 * (confusion matrices) from the baseline runs, as paper-vs-kit comparisons over the training seeds;
 * DALAResNet50 against each baseline as paired comparisons; plus what the paper does not show: the same models on a patient-level split beside its image-level
 * one, the patient leakage of each, and which IBA form its numbers are.
 */
import { PAPER_MODELS, type PaperKeys } from "../paper/paper-tables";
import { barChartFigure } from "../report/figures/bar-chart";
import { confusionMatrixFigure } from "../report/figures/confusion-matrix";
import type { FigureSpec } from "../report/figures/spec";
import { comparePaper, type KitEntry } from "../report/tables/comparison";
import { paperNumber } from "../paper/paper-tables";
import { paperIbaFormFits } from "./iba-form";
import { confusionMatrix, metricLabel, metricValue, type CiOptions, type MetricName } from "../metrics/index";
import { PROPOSED_MODEL } from "../models/registry";
import { paperModelName } from "./model-names";
import { groupEntries, groupEstimate, missingEntries, runPaperKeys, seedCaption, TABLE11_READINGS, TABLE7_READINGS, type MetricReading } from "./paper-entries";
import { pairedComparisons, type PairedComparisonRow } from "./paired-comparison";
import { pairedComparisonTable } from "./paired-table";
import type { ComparisonReportTable, PlainReportTable } from "./publish";
import type { RunResult } from "./run-results";
import { groupBySeed, seedCount, type SeedGroup } from "./seed-groups";

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

function cellName(cell: PaperKeys): string {
  return [cell.dataset, cell.magnification].filter(Boolean).join(" ");
}

/** Each model's runs of one cell over the seeds, in the paper's model order. */
function cellGroups(runs: readonly RunResult[], cell: PaperKeys): { model: string; group: SeedGroup }[] {
  const groups = groupBySeed(runs.filter((r) => sameCell(r, cell)));
  return PAPER_MODELS.flatMap((model) => {
    const group = groups.find((g) => paperModelName(g.request.model) === model);
    return group ? [{ model, group }] : [];
  });
}

/** Entries of one table over the cells that were run: every one of the nine models, null where not run. */
export function modelTableEntries(table: 7 | 8 | 11 | 12, runs: readonly RunResult[], readings: readonly MetricReading[], ci: CiOptions): KitEntry[] {
  const entries: KitEntry[] = [];
  for (const cell of cellsOf(table, runs)) {
    const groups = cellGroups(runs, cell);
    for (const model of PAPER_MODELS) {
      const group = groups.find((g) => g.model === model)?.group;
      entries.push(...(group ? groupEntries(table, group, readings, ci) : missingEntries(table, { ...cell, model }, readings)));
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
    `Image-level split (the paper's). ${seedCaption(seedCount(runs), ci)} Models without a kit value were not run in this profile.`,
  ];
  if (table === 7 || table === 8) caption.push("IBA: imbalanced-learn's IBA of the G-mean, alpha 0.1, squared = false, dominance of the malignant class for two classes (macro otherwise): the form the paper's values fit (see the IBA table).");
  else caption.push(table === 11 ? "Two classes: sensitivity, specificity, PPV and NPV of the malignant class." : "More than two classes: support-weighted one-vs-rest averages.");
  return { name: `table${table}-comparison`, title: TITLES[table], caption, comparison: comparePaper(entries), ranked: true };
}

/** The metrics DALAResNet50 is compared on: Tables 7-8's, with AUC-ROC (the paper prints none, but it needs no threshold). */
export const BASELINE_COMPARISON_METRICS: readonly MetricName[] = ["accuracy", "f1Macro", "iba", "gmean", "aucRoc"];

/** DALAResNet50 against every other model run in each cell, one Holm family per cell. */
export function baselineComparisons(runs: readonly RunResult[], ci: CiOptions): PairedComparisonRow[] {
  const cells = [...cellsOf(7, runs), ...cellsOf(8, runs)];
  return cells.flatMap((cell) => {
    const groups = cellGroups(runs, cell);
    const proposed = paperModelName(PROPOSED_MODEL);
    const reference = groups.find((g) => g.model === proposed);
    const others = groups.filter((g) => g.model !== proposed).map((g) => ({ label: g.model, group: g.group }));
    if (!reference || others.length === 0) return [];
    const table = cell.dataset === "BreakHis" ? 7 : 8;
    return pairedComparisons({ name: `Table ${table} · ${cellName(cell)}`, table, reference: { label: proposed, group: reference.group }, others, metrics: BASELINE_COMPARISON_METRICS }, ci);
  });
}

export function baselineComparisonTable(rows: readonly PairedComparisonRow[]): PlainReportTable {
  return pairedComparisonTable(rows, {
    name: "table7-8-dalaresnet50-vs-baselines",
    title: "Tables 7-8: DALAResNet50 against each baseline, paired on the same test images",
    caption: ["Image-level split (the paper's). The paper prints one run per model and no interval."],
  });
}

function cellKey(request: SeedGroup["request"]): string {
  return `${request.model}|${request.dataset}|${request.magnification ?? ""}`;
}

function ciText(c: [number, number] | null): string {
  return c ? `[${c[0].toFixed(4)}, ${c[1].toFixed(4)}]` : "";
}

const SPLIT_METRICS: { kit: MetricName; paper: string; average?: "macro" | "weighted" }[] = [
  { kit: "accuracy", paper: "accuracy" },
  { kit: "f1Macro", paper: "f1", average: "macro" },
  { kit: "gmean", paper: "gmean" },
];

/** Pairs of (image-level, patient-level) groups of the same model and data. */
function splitPairs(imageLevel: readonly RunResult[], patientLevel: readonly RunResult[]): { image: SeedGroup; patient: SeedGroup }[] {
  const images = groupBySeed(imageLevel);
  return groupBySeed(patientLevel).flatMap((patient) => {
    const image = images.find((g) => cellKey(g.request) === cellKey(patient.request));
    return image ? [{ image, patient }] : [];
  });
}

/**
 * The models run on both splits, side by side: the paper's (image-level) value, the kit's on the
 * image-level split and on the patient-level split, each a mean over seeds with its interval. The two
 * kit values come from different test sets, so their difference has no paired interval.
 */
export function splitComparisonTable(imageLevel: readonly RunResult[], patientLevel: readonly RunResult[], ci: CiOptions): PlainReportTable | null {
  const rows: (string | number | null)[][] = [];
  for (const { image, patient } of splitPairs(imageLevel, patientLevel)) {
    const keys = runPaperKeys(patient.runs[0]);
    const table = keys.dataset === "BreakHis" ? 7 : 8;
    for (const m of SPLIT_METRICS) {
      const a = groupEstimate(image, m.kit, ci);
      const b = groupEstimate(patient, m.kit, ci);
      rows.push([
        cellName(keys),
        keys.model ?? "",
        metricLabel(m.kit),
        paperNumber({ table, ...keys, metric: m.paper, ...(m.average ? { average: m.average } : {}) }),
        a.mean,
        ciText(a.ci),
        b.mean,
        ciText(b.ci),
        a.mean !== null && b.mean !== null ? b.mean - a.mean : null,
        [...a.collapsed.map((s) => `image-level seed ${s} collapsed`), ...b.collapsed.map((s) => `patient-level seed ${s} collapsed`)].join("; "),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return {
    name: "split-comparison",
    title: "Image-level split (the paper's) vs patient-level split, same models",
    caption: [
      "The paper splits images 6:1:3 at random, so images of one patient land in training and test alike; the patient-level split keeps each patient on one side (see the leakage table).",
      `${seedCaption(seedCount([...imageLevel, ...patientLevel]), ci)} The two splits have different test sets, so their difference is not paired.`,
    ],
    table: {
      columns: ["data", "model", "metric", "paper (image-level)", "kit image-level", "kit image-level 95% CI", "kit patient-level", "kit patient-level 95% CI", "patient - image level", "notes"],
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

/** Fig. 6: confusion matrices of the given runs, one panel per model and data, summed over its seeds. */
export function confusionFigure(runs: readonly RunResult[], title: string): FigureSpec {
  return confusionMatrixFigure({
    title,
    panels: groupBySeed(runs).map((g) => {
      const first = g.runs[0];
      const k = runPaperKeys(first);
      const labels = Array.from({ length: first.predictions.numClasses }, (_, i) => i);
      const matrices = g.runs.map((r) => confusionMatrix(Array.from(r.predictions.labels), Array.from(r.predictions.predictions), { labels }));
      const matrix = matrices[0].map((row, i) => row.map((_, j) => matrices.reduce((s, m) => s + m[i][j], 0)));
      return {
        title: `${k.model} · ${cellName(k)} · ${g.request.split} split${g.runs.length > 1 ? ` · ${g.runs.length} seeds summed` : ""}`,
        matrix,
        labels: first.predictions.classNames.length === labels.length ? first.predictions.classNames : labels.map(String),
      };
    }),
    columns: Math.min(4, groupBySeed(runs).length),
  });
}

/** One metric per model for one data set cell: the kit's mean bars with intervals beside the paper's. */
export function modelBarFigure(runs: readonly RunResult[], reading: MetricReading, ci: CiOptions): FigureSpec {
  if (runs.length === 0) throw new Error("modelBarFigure: no runs");
  const cell = runPaperKeys(runs[0]);
  const table = cell.dataset === "BreakHis" ? 7 : 8;
  const groups = cellGroups(runs, cell);
  const kit = groups.map((g) => groupEstimate(g.group, reading.kit, ci));
  const seeds = seedCount(runs);
  return barChartFigure({
    title: `${metricLabel(reading.kit)} per model, ${cellName(cell)} (image-level split${seeds > 1 ? `, mean of ${seeds} seeds` : ""})`,
    categories: groups.map((g) => g.model),
    series: [
      { name: "paper", values: groups.map((g) => paperNumber({ table, ...runPaperKeys(g.group.runs[0]), metric: reading.paper, ...(reading.average ? { average: reading.average } : {}) })) },
      { name: "kit (95% CI)", values: kit.map((k) => k.mean), low: kit.map((k) => k.ci?.[0] ?? null), high: kit.map((k) => k.ci?.[1] ?? null) },
    ],
    yTitle: metricLabel(reading.kit),
  });
}

/** Computed statements for the conclusions: per cell, the kit's ranking by mean accuracy, and the patient-level gap. */
export function baselineFindings(imageLevel: readonly RunResult[], patientLevel: readonly RunResult[]): string[] {
  const lines: string[] = [];
  for (const cell of [...cellsOf(7, imageLevel), ...cellsOf(8, imageLevel)]) {
    const scored = cellGroups(imageLevel, cell)
      .flatMap((g) => {
        const mean = groupEstimate(g.group, "accuracy", null).mean;
        return mean === null ? [] : [{ model: g.model, accuracy: mean }];
      })
      .sort((a, b) => b.accuracy - a.accuracy);
    if (scored.length === 0) continue;
    const ranking = scored.map((s, i) => `${i === 0 ? "" : s.accuracy === scored[i - 1].accuracy ? " = " : " > "}${s.model} ${s.accuracy.toFixed(3)}`).join("");
    lines.push(`${cellName(cell)}: by mean accuracy over seeds the kit ranks ${ranking}; whether any gap is a difference is for the paired table to say.`);
  }
  for (const { image, patient } of splitPairs(imageLevel, patientLevel)) {
    const a = groupEstimate(image, "accuracy", null).mean;
    const b = groupEstimate(patient, "accuracy", null).mean;
    const k = runPaperKeys(patient.runs[0]);
    if (a !== null && b !== null) {
      lines.push(`${k.model} on ${cellName(k)}: mean accuracy ${a.toFixed(3)} on the image-level split, ${b.toFixed(3)} on the patient-level split (${b - a >= 0 ? "+" : ""}${(b - a).toFixed(3)}; different test sets, so no paired test).`);
    }
  }
  return lines;
}
