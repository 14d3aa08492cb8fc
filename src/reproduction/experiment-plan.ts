/**
 * Which experiments notebooks 03-05 report on: the profile's grid (src/experiments/grid.ts, the same
 * one `dala plan` prints and notebook 06 reuses), and what a reduced profile leaves out of the paper's
 * grid, computed by comparing the two so the notebooks can say exactly what was cut.
 */
import { gridEntries, type GridEntry } from "../experiments/grid";
import type { SplitKind, TrainRequest } from "../experiments/spec";
import type { PaperDataset } from "../paper/paper-tables";
import { getProfile, seedsOf, type ProfileName } from "../profiles";
import { paperModelName } from "./model-names";
import { PAPER_DATASETS, type PaperDatasetInfo } from "./paper-datasets";
import { DATASET_IDS, datasetInfo, isDatasetId } from "../data/datasets";

/** The paper's data set behind a kit data set, real ("breakhis") or synthetic ("synthetic-breakhis"). */
export function paperDatasetOf(kitDataset: string): PaperDatasetInfo {
  if (!isDatasetId(kitDataset)) throw new Error(`data set '${kitDataset}' stands for none of the paper's (the kit's data sets: ${DATASET_IDS.join(", ")})`);
  return PAPER_DATASETS[datasetInfo(kitDataset).family];
}

export function paperDatasetName(kitDataset: string): PaperDataset {
  return paperDatasetOf(kitDataset).paperName;
}

/** The requests of Table 2 (the attention module after layer1..4). */
export function ablationRequests(profile: ProfileName): TrainRequest[] {
  return gridEntries(profile, { group: "ablation" }).map((e) => e.request);
}

/** The requests of Tables 7-12 (the nine models), optionally of one split only. */
export function baselineRequests(profile: ProfileName, split?: SplitKind): TrainRequest[] {
  return gridEntries(profile, { group: "baseline", ...(split ? { split } : {}) }).map((e) => e.request);
}

/** "BreakHis 40X", "BACH": a grid cell in the paper's words. */
export function paperCellLabel(r: Pick<TrainRequest, "dataset" | "magnification">): string {
  return [paperDatasetName(r.dataset), r.magnification].filter(Boolean).join(" ");
}

export interface PlanCoverage {
  /** Configurations (runs of one seed) in the profile's grid for this group / in the paper profile's. */
  runs: number;
  paperRuns: number;
  /** Training seeds each configuration runs with, in this profile and the paper profile. */
  seeds: number;
  paperSeeds: number;
  /** One line per grid cell (data set x split) of the paper's grid: which models run, which are left out. */
  cells: { cell: string; run: string[]; leftOut: string[] }[];
  /** The protocol's reductions against the paper profile (image size, epochs, ...), as text. */
  protocol: string[];
}

/** What `profile` runs of the paper profile's grid for Table 2 (`ablation`) or Tables 7-12 (`baseline`). */
export function planCoverage(profile: ProfileName, group: GridEntry["group"]): PlanCoverage {
  const p = getProfile(profile);
  const ref = getProfile("paper");
  // the cells and models do not depend on the seed: read them off the first seed's runs
  const mine = gridEntries(profile, { group }).filter((e) => e.request.seed === seedsOf(p)[0]);
  const paper = gridEntries("paper", { group }).filter((e) => e.request.seed === seedsOf(ref)[0]);
  const label = (r: TrainRequest) => (group === "ablation" ? `layer${r.attentionAfter ?? 4}` : paperModelName(r.model));
  const mineCells = new Map<string, string[]>();
  for (const e of mine) {
    const cell = `${paperCellLabel(e.request)} · ${e.request.split} split`;
    mineCells.set(cell, [...(mineCells.get(cell) ?? []), label(e.request)]);
  }
  const paperCells = new Map<string, string[]>();
  for (const e of paper) {
    const cell = `${paperCellLabel(e.request)} · ${e.request.split} split`;
    paperCells.set(cell, [...(paperCells.get(cell) ?? []), label(e.request)]);
  }
  const cells = [...paperCells.entries()].map(([cell, all]) => {
    const run = mineCells.get(cell) ?? [];
    return { cell, run, leftOut: all.filter((m) => !run.includes(m)) };
  });
  const protocol: string[] = [];
  if (p.data !== ref.data) protocol.push(`synthetic stand-ins (${p.syntheticImages} images per data set, per magnification for BreakHis) instead of the real data sets`);
  if (p.imageSize !== ref.imageSize) protocol.push(`${p.imageSize} x ${p.imageSize} px images instead of ${ref.imageSize} x ${ref.imageSize}`);
  if (p.widthMultiplier !== ref.widthMultiplier) protocol.push(`every model at ${p.widthMultiplier} of its channel width`);
  if (p.epochs !== ref.epochs || p.batchSize !== ref.batchSize) protocol.push(`${p.epochs} epoch${p.epochs === 1 ? "" : "s"} of batch ${p.batchSize} instead of ${ref.epochs} of batch ${ref.batchSize}`);
  if (p.learningRate !== ref.learningRate) protocol.push(`learning rate ${p.learningRate} instead of ${ref.learningRate}`);
  if (p.data !== ref.data) protocol.push("random initialisation instead of ImageNet weights");
  return { runs: mine.length, paperRuns: paper.length, seeds: seedsOf(p).length, paperSeeds: seedsOf(ref).length, cells, protocol };
}

/** The coverage as Markdown: a sentence, then one bullet per paper grid cell. */
export function coverageMarkdown(profile: ProfileName, c: PlanCoverage): string {
  const times = (n: number) => `${n} seed${n === 1 ? "" : "s"}`;
  const lines = [`Profile \`${profile}\` trains **${c.runs} of the paper grid's ${c.paperRuns} runs** here, each with ${times(c.seeds)} (the paper profile: ${times(c.paperSeeds)}; the paper itself reports one run per cell).`];
  if (c.protocol.length) lines.push(`Protocol: ${c.protocol.join("; ")}.`);
  lines.push("");
  for (const x of c.cells) {
    if (x.leftOut.length === 0) lines.push(`- ${x.cell}: all (${x.run.join(", ")})`);
    else if (x.run.length === 0) lines.push(`- ${x.cell}: **not run**`);
    else lines.push(`- ${x.cell}: ${x.run.join(", ")}; **left out** ${x.leftOut.join(", ")}`);
  }
  if (profile !== "paper") lines.push("", "`--profile paper` runs the full grid (on the real data sets, with the paper's protocol).");
  return lines.join("\n");
}
