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
import { collapsedSeeds, groupBySeed, meanAndSd, seedOf, type SeedGroup } from "./seed-groups";
import { holmFamily, type PairedComparisonRow } from "./paired-comparison";
import { pairedComparisonTable } from "./paired-table";
import { welchTest } from "../statistics/index";

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
  const byModelDataset = new Map<string, SeedGroup[]>();
  for (const g of groupBySeed(runs)) {
    const k = runPaperKeys(g.runs[0]);
    const id = `${k.dataset}|${k.model}`;
    byModelDataset.set(id, [...(byModelDataset.get(id) ?? []), g]);
  }
  for (const groups of byModelDataset.values()) {
    const k = runPaperKeys(groups[0].runs[0]);
    const table = PARAMETER_TABLE[k.dataset as PaperDataset];
    if (table === 9) {
      for (const g of groups) entries.push({ table: 9, dataset: "BreakHis", model: k.model, magnification: g.request.magnification, metric: "convergenceTimeSeconds", ...secondsOverSeeds(g) });
    }
    entries.push({ table, dataset: k.dataset, model: k.model, metric: "averageConvergenceTimeSeconds", kit: mean(groups.map((g) => secondsOverSeeds(g).kit)) });
  }
  return entries;
}

/** Convergence seconds of a group: mean over seeds, sd and every seed's value. */
function secondsOverSeeds(g: SeedGroup): { kit: number; sd?: number; perSeed?: { seed: number; value: number }[] } {
  const seconds = g.runs.map((r) => r.metrics.convergence.seconds);
  const { mean: m, sd } = meanAndSd(seconds);
  return g.runs.length > 1 ? { kit: m!, sd: sd!, perSeed: g.runs.map((r, i) => ({ seed: seedOf(r), value: seconds[i] })) } : { kit: m! };
}

/**
 * DALAResNet50's convergence time against each other model's per cell, over the seeds: the runs of two
 * models share nothing but their settings, so the comparison is Welch's t test on the seeds' times
 * (two seeds or more each), Holm-adjusted within the cell. "reference lower" = DALAResNet50 faster.
 * A run that collapsed to one class has not learnt the task, so its time says nothing about converging
 * to a classifier: it is left out and named.
 */
export function convergenceComparisons(runs: readonly RunResult[]): PairedComparisonRow[] {
  const cells = new Map<string, SeedGroup[]>();
  for (const g of groupBySeed(runs)) {
    const k = runPaperKeys(g.runs[0]);
    const id = [k.dataset, k.magnification].filter(Boolean).join(" ");
    cells.set(id, [...(cells.get(id) ?? []), g]);
  }
  const proposed = paperModelName(PROPOSED_MODEL);
  const usable = (g: SeedGroup) => {
    const down = new Set(collapsedSeeds(g));
    return { seconds: g.runs.filter((r) => !down.has(seedOf(r))).map((r) => r.metrics.convergence.seconds), down: [...down] };
  };
  return [...cells].flatMap(([cell, groups]) => {
    const ref = groups.find((g) => g.request.model === PROPOSED_MODEL);
    if (!ref) return [];
    const a = usable(ref);
    const table = runPaperKeys(ref.runs[0]).dataset === "BreakHis" ? 9 : 10;
    const rows = groups
      .filter((g) => g !== ref)
      .map((g) => {
        const other = paperModelName(g.request.model);
        const b = usable(g);
        const base = {
          family: `Table ${table} · ${cell}`,
          table,
          reference: proposed,
          other,
          metric: "convergenceSeconds",
          metricLabel: "convergence time (s)",
          test: "Welch t test over seeds",
          perSeed: [],
          seedsUsed: Math.min(a.seconds.length, b.seconds.length),
          excluded: [
            ...a.down.map((seed) => ({ seed, reason: `${proposed} collapsed to one class` })),
            ...b.down.map((seed) => ({ seed, reason: `${other} collapsed to one class` })),
          ],
          imageLow: null,
          imageHigh: null,
        };
        if (a.seconds.length < 2 || b.seconds.length < 2) {
          const difference = a.seconds.length && b.seconds.length ? mean(a.seconds) - mean(b.seconds) : null;
          return { ...base, difference, low: null, high: null, interval: "none (needs two usable seeds of each)", pValue: null };
        }
        const w = welchTest(a.seconds, b.seconds);
        return { ...base, difference: w.difference, low: w.low, high: w.high, interval: `Welch over ${a.seconds.length} and ${b.seconds.length} seeds`, pValue: w.pValue };
      });
    return holmFamily(rows);
  });
}

export function convergenceComparisonTable(rows: readonly PairedComparisonRow[]): PlainReportTable {
  return pairedComparisonTable(rows, {
    name: "table9-10-convergence-dalaresnet50-vs-baselines",
    title: "Tables 9-10: is DALAResNet50 faster to converge? Its time minus each baseline's, over seeds",
    caption: ["Negative = DALAResNet50 faster. Seconds on this machine at this profile's scale: the sign and its interval are the comparison, not the seconds."],
  });
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
  const cells = new Map<string, SeedGroup[]>();
  for (const g of groupBySeed(runs)) {
    const k = runPaperKeys(g.runs[0]);
    const id = [k.dataset, k.magnification].filter(Boolean).join(" ");
    cells.set(id, [...(cells.get(id) ?? []), g]);
  }
  const seconds = (g: SeedGroup) => mean(g.runs.map((r) => r.metrics.convergence.seconds));
  const bestEpochs = (g: SeedGroup) => g.runs.map((r) => r.metrics.convergence.bestEpoch).join(", ");
  for (const [cell, group] of cells) {
    const dala = group.find((g) => g.request.model === PROPOSED_MODEL);
    if (!dala) continue;
    const k0 = runPaperKeys(dala.runs[0]);
    const paperSeconds = (model: string) =>
      k0.dataset === "BreakHis"
        ? paperNumber({ table: 9, dataset: "BreakHis", model, magnification: k0.magnification, metric: "convergenceTimeSeconds" })
        : paperNumber({ table: 10, dataset: k0.dataset, model, metric: "averageConvergenceTimeSeconds" });
    const paperRef = paperSeconds("DALAResNet50");
    const ranked = [...group].sort((a, b) => seconds(a) - seconds(b));
    const paperRanked = [...group].sort((a, b) => paperSeconds(paperModelName(a.request.model)) - paperSeconds(paperModelName(b.request.model)));
    for (const g of group) {
      const model = paperModelName(g.request.model);
      const paperRatio = paperSeconds(model) / paperRef;
      const kitRatio = seconds(g) / seconds(dala);
      rows.push([cell, model, paperRatio, kitRatio, kitRatio - paperRatio, paperRanked.indexOf(g) + 1, ranked.indexOf(g) + 1, bestEpochs(g), g.runs[0].metrics.epochs]);
    }
  }
  if (rows.length === 0) return null;
  return {
    name: "convergence-relative",
    title: "Convergence time relative to DALAResNet50 (1 = as fast), paper vs kit",
    caption: [
      "Kit: ratio of the mean convergence times over seeds. Ratios and ranks are among the models run here. A model converges 'fast' either because its epochs are cheap or because its best validation epoch comes early: the last two columns say which (best epoch of every seed).",
    ],
    table: { columns: ["data", "model", "paper ratio", "kit ratio", "delta (kit - paper)", "paper rank", "kit rank", "kit best epoch per seed", "kit epochs"], rows },
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
      columns: ["data", "split", "model", "seed", "parameters (as trained)", "epochs", "best epoch", "convergence (s)", "mean s / epoch", "training images/s", "total training (s)"],
      rows: runs.map((r) => {
        const k = runPaperKeys(r);
        return [
          [k.dataset, k.magnification].filter(Boolean).join(" "),
          r.request.split,
          k.model ?? "",
          r.request.seed ?? null,
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
    runs.map((r) => ({ name: `${paperModelName(r.request.model)}${r.request.seed !== undefined ? ` · seed ${r.request.seed}` : ""}`, x: r.history.map((h) => h.epoch), y: r.history.map(pick) }));
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
