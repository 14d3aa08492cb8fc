/**
 * Notebook 06's results as tables (src/report's TableData) and as entries for the Table 14
 * comparison. Every table that rests on a proxy ground truth says so in its own rows.
 */
import type { KitEntry } from "../report/tables/comparison";
import type { TableData } from "../report/tables/table-data";
import { PAPER_CAMS, paperValues } from "../paper/paper-tables";
import type { CamImageSet } from "../cam/evaluation/images";
import { TRUTH_LABELS } from "../cam/evaluation/ground-truth";
import { camLabel } from "../cam/methods";
import { POOLED, type RegionRow } from "./cam-region-rows";
import { type FaithfulnessRow } from "../cam/evaluation/faithfulness-comparison";
import { type MaskVariant, type MethodRun } from "../cam/evaluation/pipeline";
import type { SensitivityRow } from "./dt-sensitivity";

/** What the masks of a set are, as one phrase (several kinds are listed). */
export function truthDescription(set: CamImageSet): string {
  const kinds = [...new Set(set.images.map((im) => im.truthKind))];
  return kinds.map((k) => TRUTH_LABELS[k]).join("; ");
}

export function usesProxy(set: CamImageSet): boolean {
  return set.images.some((im) => im.truthKind === "nuclei-proxy");
}

/** Region metrics per method variant and group: the kit's Table 14, with precision added. */
export function regionTable(rows: readonly RegionRow[], set: CamImageSet): TableData {
  const truth = usesProxy(set) ? "nuclei PROXY" : set.images[0].truthKind === "synthetic-region" ? "exact synthetic region" : "lesion mask";
  return {
    columns: ["method", "magnification", "images", "ground truth", "IoU", "Dice", "precision", "recall", "F1"],
    rows: rows.map((r) => [r.variant, r.group, r.images, truth, r.scores.iou, r.scores.dice, r.scores.precision, r.scores.recall, r.scores.f1]),
  };
}

/** Pooled IoU and F1 of every variant under two binarisations side by side. */
export function binarizationTable(otsu: readonly RegionRow[], fixed: readonly RegionRow[], threshold: number): TableData {
  const f = new Map(pooledRows(fixed).map((r) => [r.variant, r]));
  return {
    columns: ["method", "IoU (Otsu)", `IoU (map > ${threshold})`, "F1 (Otsu)", `F1 (map > ${threshold})`, "recall (Otsu)", `recall (map > ${threshold})`],
    rows: pooledRows(otsu).map((r) => {
      const x = f.get(r.variant);
      return [r.variant, r.scores.iou, x?.scores.iou ?? null, r.scores.f1, x?.scores.f1 ?? null, r.scores.recall, x?.scores.recall ?? null];
    }),
  };
}

const TABLE14_METRICS = ["iou", "dice", "recall", "f1"] as const;

/**
 * Kit values for Table 14 (BreakHis, per magnification): the paper's four methods, DT Grad-CAM with
 * its own final mask (the method as the paper defines it). Magnifications the kit did not evaluate
 * keep the paper's value with an empty kit cell.
 */
export function table14Entries(rows: readonly RegionRow[]): KitEntry[] {
  const entries: KitEntry[] = [];
  for (const magnification of ["40X", "100X", "200X", "400X"]) {
    for (const cam of PAPER_CAMS) {
      const row = rows.find((r) => r.group === magnification && r.variant === cam);
      for (const metric of TABLE14_METRICS) {
        entries.push({ table: 14, dataset: "BreakHis", magnification, cam, metric, kit: row ? row.scores[metric] : null });
      }
    }
  }
  return entries;
}

export function faithfulnessTable(rows: readonly FaithfulnessRow[]): TableData {
  return {
    columns: ["map", "images", "deletion AUC (lower = more faithful)", "insertion AUC (higher = more faithful)", "insertion - deletion"],
    rows: rows.map((r) => [r.map, r.images, r.deletion, r.insertion, r.difference]),
  };
}

/** Rows of the pooled group (or the only group when there is one). */
function pooledRows(rows: readonly RegionRow[]): RegionRow[] {
  const pooled = rows.some((r) => r.group === POOLED);
  return rows.filter((r) => (pooled ? r.group === POOLED : true));
}

/** Mean share of the image inside the masks. */
export function maskShare(masks: Uint8Array): number {
  let on = 0;
  for (const v of masks) on += v ? 1 : 0;
  return masks.length ? on / masks.length : 0;
}

/**
 * Sharpness (how little of the image the Otsu mask keeps), agreement with the true region, and
 * faithfulness, per method: three different questions that the paper's Table 14 folds into one.
 */
export function sharpnessVersusFaithfulness(variants: readonly MaskVariant[], otsu: readonly RegionRow[], faith: readonly FaithfulnessRow[]): TableData {
  const f1 = new Map(pooledRows(otsu).map((r) => [r.variant, r.scores.f1]));
  return {
    columns: ["method", "share of image in mask", "F1 vs true region", "insertion - deletion (map)"],
    rows: variants.map((v) => [v.label, maskShare(v.masks), f1.get(v.label) ?? null, faith.find((x) => x.map === camLabel(v.method))?.difference ?? null]),
  };
}

export function timingTable(runs: readonly MethodRun[], options: { scoreCamChannels?: number; dtSamples: number; backend: string }): TableData {
  const note = (r: MethodRun) =>
    r.method === "scorecam"
      ? options.scoreCamChannels
        ? `${options.scoreCamChannels} most varied channels (Faster-ScoreCAM)`
        : "every channel"
      : r.method === "dtgradcam"
        ? `N = ${options.dtSamples} noisy copies in one batch`
        : "";
  return {
    columns: ["method", "images", "ms per image", "backend", "note"],
    rows: runs.map((r) => [camLabel(r.method), r.explanation.n, r.msPerImage, options.backend, note(r)]),
  };
}

export function sensitivityTable(rows: readonly SensitivityRow[]): TableData {
  return {
    columns: ["N (copies)", "sigma (x image range)", "images", "IoU", "F1", "precision", "recall", "share of image in mask", "ms per image"],
    rows: rows.map((r) => [r.samples, r.sigma, r.images, r.scores.iou, r.scores.f1, r.scores.precision, r.scores.recall, r.maskShare, r.msPerImage]),
  };
}

/** The paper's mean F1 over the four magnifications of Table 14, per method. */
export function paperMeanF1(): Map<string, number> {
  return new Map(PAPER_CAMS.map((cam) => [cam, paperValues({ table: 14, cam, metric: "f1" }).reduce((s, v) => s + (v.value as number), 0) / 4]));
}

/** The methods ranked by F1: the paper's (mean over magnifications) beside the kit's (pooled). */
export function rankingTable(kitRows: readonly RegionRow[]): TableData {
  const kit = new Map(pooledRows(kitRows).filter((r) => (PAPER_CAMS as readonly string[]).includes(r.variant)).map((r) => [r.variant, r.scores.f1]));
  const paper = paperMeanF1();
  // competition ranking: equal values share a rank (1, 1, 3, ...)
  const rank = (values: Map<string, number>) => new Map([...values.entries()].map(([k, v]) => [k, 1 + [...values.values()].filter((w) => w > v).length]));
  const kitRank = rank(kit);
  const paperRank = rank(paper);
  return {
    columns: ["method", "paper F1 (mean of 4 magnifications)", "paper rank", "kit F1 (pooled)", "kit rank"],
    rows: PAPER_CAMS.map((c) => [c, paper.get(c) ?? null, paperRank.get(c) ?? null, kit.get(c) ?? null, kitRank.get(c) ?? null]),
  };
}
