/**
 * Notebook 06's region and faithfulness rows: mean region scores per mask variant and magnification,
 * pooled over magnifications, and the rows of several runs (the paper profile has one run per
 * magnification) combined, weighted by image count.
 */
import type { RegionScores } from "../cam/evaluation/region-metrics";
import { evaluateImageSubset } from "../cam/evaluation/evaluate-regions";
import { truthMasks, type CamImageSet } from "../cam/evaluation/images";
import type { FaithfulnessRow } from "../cam/evaluation/faithfulness-comparison";
import type { CamMethodName } from "../cam/methods";
import type { REFERENCE } from "../cam/evaluation/reference-maps";

export interface RegionRow {
  variant: string;
  /** The method behind the variant, or "reference" for a model-free reference map. */
  method: CamMethodName | typeof REFERENCE;
  /** Magnification, "all" for a data set without one, or "pooled" over all groups. */
  group: string;
  images: number;
  scores: RegionScores;
}

export const POOLED = "pooled";

/** Mean region scores per variant and group, then per variant over all images ("pooled"). */
/** A set of masks to score: a method's variant (MaskVariant) or a reference map's masks. */
export interface ScoredMasks {
  label: string;
  method: RegionRow["method"];
  masks: Uint8Array;
}

export function regionRows(variants: readonly ScoredMasks[], set: CamImageSet): RegionRow[] {
  const truth = truthMasks(set);
  const rows: RegionRow[] = [];
  const groups = set.groups.length > 1 ? [...set.groups, POOLED] : set.groups;
  for (const v of variants) {
    for (const group of groups) {
      const idx = set.images.flatMap((im, i) => (group === POOLED || im.group === group ? [i] : []));
      rows.push({ variant: v.label, method: v.method, group, images: idx.length, scores: evaluateImageSubset(v.masks, truth, set.images.length, idx).mean });
    }
  }
  return rows;
}

/**
 * Region rows of several runs (the paper profile has one run per magnification) as one list: the
 * runs' own rows, and when there are several, pooled rows per variant weighted by image count.
 */
export function combineRegionRows(perRun: readonly (readonly RegionRow[])[]): RegionRow[] {
  if (perRun.length === 1) return [...perRun[0]];
  const own = perRun.flatMap((rows) => rows.filter((r) => r.group !== POOLED));
  const pooled: RegionRow[] = [];
  for (const variant of [...new Set(own.map((r) => r.variant))]) {
    const rows = own.filter((r) => r.variant === variant);
    const images = rows.reduce((s, r) => s + r.images, 0);
    const scores = { iou: 0, dice: 0, precision: 0, recall: 0, f1: 0 };
    for (const r of rows) for (const k of Object.keys(scores) as (keyof RegionScores)[]) scores[k] += (r.scores[k] * r.images) / images;
    pooled.push({ variant, method: rows[0].method, group: POOLED, images, scores });
  }
  return [...own, ...pooled];
}

/** Faithfulness rows of several runs, weighted by image count. */
export function combineFaithfulness(perRun: readonly (readonly FaithfulnessRow[])[]): FaithfulnessRow[] {
  return [...new Set(perRun.flat().map((r) => r.map))].map((map) => {
    const rows = perRun.flat().filter((r) => r.map === map);
    const images = rows.reduce((s, r) => s + r.images, 0);
    const mean = (k: "deletion" | "insertion") => rows.reduce((s, r) => s + (r[k] * r.images) / images, 0);
    return { map, images, deletion: mean("deletion"), insertion: mean("insertion"), difference: mean("insertion") - mean("deletion") };
  });
}
