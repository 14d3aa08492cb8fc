/**
 * Tables 9-10 and the training curves: parameter counts (the kit's full-size architectures from the
 * parameter audit, and the reduced models a profile actually trains), convergence times as the kit
 * defines them (src/training/convergence.ts), each model's time relative to DALAResNet50's (the only
 * comparison that survives a change of hardware and scale), per-epoch timing, and per-epoch curves.
 */
import { PROPOSED_MODEL } from "../models/registry";
import { AUDIT_SPECS, auditRow } from "./param-audit";
import { paperNumber, PAPER_MODELS, type PaperDataset } from "../paper/paper-tables";
import type { FigureSpec } from "../report/figures/spec";
import { trainingCurvesFigure } from "../report/figures/training-curves";
import { comparePaper, type KitEntry } from "../report/tables/comparison";
import { paperModelName, registryModelName } from "./model-names";
import { runPaperKeys } from "./paper-entries";
import type { ComparisonReportTable, PlainReportTable } from "./publish";
import type { RunResult } from "./run-results";

const PARAMETER_TABLE: Record<PaperDataset, 9 | 10> = { BreakHis: 9, BACH: 10, "Mini-DDSM": 10 };

/** The audit row of the model the kit trains for a paper model (DenseNet121: the working one, not the defective count). */
function trainedAuditSpec(paperModel: string) {
  const kitModel = registryModelName(paperModel);
  const spec = AUDIT_SPECS.find((s) => s.kitModel === kitModel && !s.kitOnly && !s.options);
  if (!spec) throw new Error(`parameter audit has no row for '${kitModel}'`);
  return spec;
}

/**
 * Tables 9-10's parameter counts for every model on the given data sets: the paper's, the kit's
 * full-size architecture (what `--profile paper` trains) with the reason for any difference, and the
 * count of the reduced model a run of this profile trained (when there is one).
 */
export function parameterTable(datasets: readonly PaperDataset[], runs: readonly RunResult[]): PlainReportTable {
  const rows = datasets.flatMap((dataset) =>
    PAPER_MODELS.map((model) => {
      const a = auditRow(trainedAuditSpec(model), dataset);
      const run = runs.find((r) => runPaperKeys(r).dataset === dataset && paperModelName(r.request.model) === model);
      return [dataset, model, a.paper?.count ?? null, a.kit[a.compared], a.difference ?? null, run ? run.parameters : null, a.status === "exact" ? "" : a.reason ?? ""];
    }),
  );
  return {
    name: "table9-10-parameters",
    title: "Tables 9-10: parameter counts, paper vs kit",
    caption: [
      "kit (full size): the architecture at width 1 and 224 px, as `--profile paper` trains it (batch-norm statistics not counted, except VGG16Inception, counted the Keras way as its authors' code does).",
      "kit (as trained here): the reduced model of this profile's runs (channel width scaled), where a run exists.",
    ],
    table: { columns: ["data", "model", "paper", "kit (full size)", "delta (kit - paper)", "kit (as trained here)", "why they differ"], rows },
  };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Convergence times: per BreakHis magnification (Table 9) and the per-model average over the
 * magnifications run; the average for BACH and Mini-DDSM (Table 10). Only models that were run.
 */
export function convergenceEntries(runs: readonly RunResult[]): KitEntry[] {
  const entries: KitEntry[] = [];
  const byModelDataset = new Map<string, RunResult[]>();
  for (const r of runs) {
    const k = runPaperKeys(r);
    const id = `${k.dataset}|${k.model}`;
    byModelDataset.set(id, [...(byModelDataset.get(id) ?? []), r]);
  }
  for (const group of byModelDataset.values()) {
    const k = runPaperKeys(group[0]);
    const table = PARAMETER_TABLE[k.dataset as PaperDataset];
    if (table === 9) {
      for (const r of group) entries.push({ table: 9, dataset: "BreakHis", model: k.model, magnification: r.request.magnification, metric: "convergenceTimeSeconds", kit: r.metrics.convergence.seconds });
    }
    entries.push({ table, dataset: k.dataset, model: k.model, metric: "averageConvergenceTimeSeconds", kit: mean(group.map((r) => r.metrics.convergence.seconds)) });
  }
  return entries;
}

export function convergenceComparison(runs: readonly RunResult[], definition: string): ComparisonReportTable | null {
  const entries = convergenceEntries(runs);
  if (entries.length === 0) return null;
  return {
    name: "table9-10-convergence",
    title: "Tables 9-10: convergence time in seconds, paper vs kit",
    caption: [
      `Kit convergence time: ${definition}.`,
      "The paper's times come from 50 epochs at 224 px on an RTX A4000; the kit's from this profile's runs on this machine, so the absolute delta mostly measures the hardware and scale: compare the ratios in the next table. 'Average' = mean over the magnifications run.",
    ],
    comparison: comparePaper(entries),
    ranked: false,
  };
}

/** Each model's convergence time divided by DALAResNet50's on the same cell, for the paper and the kit. */
export function relativeConvergenceTable(runs: readonly RunResult[]): PlainReportTable | null {
  const rows: (string | number | null)[][] = [];
  const cells = new Map<string, RunResult[]>();
  for (const r of runs) {
    const k = runPaperKeys(r);
    const id = [k.dataset, k.magnification].filter(Boolean).join(" ");
    cells.set(id, [...(cells.get(id) ?? []), r]);
  }
  for (const [cell, group] of cells) {
    const dala = group.find((r) => r.request.model === PROPOSED_MODEL);
    if (!dala) continue;
    const k0 = runPaperKeys(dala);
    const paperSeconds = (model: string) =>
      k0.dataset === "BreakHis"
        ? paperNumber({ table: 9, dataset: "BreakHis", model, magnification: k0.magnification, metric: "convergenceTimeSeconds" })
        : paperNumber({ table: 10, dataset: k0.dataset, model, metric: "averageConvergenceTimeSeconds" });
    const paperRef = paperSeconds("DALAResNet50");
    const ranked = [...group].sort((a, b) => a.metrics.convergence.seconds - b.metrics.convergence.seconds);
    const paperRanked = [...group].sort((a, b) => paperSeconds(paperModelName(a.request.model)) - paperSeconds(paperModelName(b.request.model)));
    for (const r of group) {
      const model = paperModelName(r.request.model);
      const paperRatio = paperSeconds(model) / paperRef;
      const kitRatio = r.metrics.convergence.seconds / dala.metrics.convergence.seconds;
      rows.push([cell, model, paperRatio, kitRatio, kitRatio - paperRatio, paperRanked.indexOf(r) + 1, ranked.indexOf(r) + 1, r.metrics.convergence.bestEpoch, r.metrics.epochs]);
    }
  }
  if (rows.length === 0) return null;
  return {
    name: "convergence-relative",
    title: "Convergence time relative to DALAResNet50 (1 = as fast), paper vs kit",
    caption: [
      "Ratios and ranks are among the models run here. A model converges 'fast' either because its epochs are cheap or because its best validation epoch comes early: the last two columns say which.",
    ],
    table: { columns: ["data", "model", "paper ratio", "kit ratio", "delta (kit - paper)", "paper rank", "kit rank", "kit best epoch", "kit epochs"], rows },
    digits: 3,
  };
}

/** Per-run timing: what the convergence time is made of. */
export function epochTimingTable(runs: readonly RunResult[]): PlainReportTable {
  return {
    name: "convergence-epoch-timing",
    title: "Training time per run: epochs, best epoch, seconds per epoch, throughput",
    caption: ["seconds per epoch = training pass + validation pass; images/s = training images per second of the training pass, averaged over epochs."],
    table: {
      columns: ["data", "split", "model", "parameters (as trained)", "epochs", "best epoch", "convergence (s)", "mean s / epoch", "training images/s", "total training (s)"],
      rows: runs.map((r) => {
        const k = runPaperKeys(r);
        return [
          [k.dataset, k.magnification].filter(Boolean).join(" "),
          r.request.split,
          k.model ?? "",
          r.parameters,
          r.metrics.epochs,
          r.metrics.convergence.bestEpoch,
          r.metrics.convergence.seconds,
          mean(r.metrics.epochSeconds),
          r.history.length ? mean(r.history.map((h) => h.imagesPerSecond)) : null,
          r.metrics.trainingSeconds,
        ];
      }),
    },
    digits: 2,
  };
}

/** Training and validation loss and validation accuracy per epoch, one line per model. */
export function curvesFigure(runs: readonly RunResult[], title: string): FigureSpec {
  const series = (pick: (h: RunResult["history"][number]) => number) =>
    runs.map((r) => ({ name: paperModelName(r.request.model), x: r.history.map((h) => h.epoch), y: r.history.map(pick) }));
  const fig = trainingCurvesFigure({
    title,
    panels: [
      { title: "training loss", series: series((h) => h.trainLoss) },
      { title: "validation loss", series: series((h) => h.valLoss) },
      { title: "validation accuracy", series: series((h) => h.valAccuracy) },
    ],
  });
  // one diverging run's validation loss (10+) would flatten every other curve on a linear axis;
  // the legend goes below the axis titles
  const layout = fig.layout;
  for (const axis of ["yaxis", "yaxis2"]) layout[axis] = { ...layout[axis], type: "log" };
  layout.legend = { ...layout.legend, y: -0.3 };
  layout.margin = { ...layout.margin, b: 100 };
  layout.height = 420;
  return fig;
}
