/**
 * Table 14's question as a paired comparison: DT Grad-CAM's final mask against every other method's
 * Otsu mask, image by image, on the same test images and over the training seeds. Notebook 06 writes
 * each run's per-image region scores (`cam-per-image-scores.json`); the claims ledger reads them back.
 *
 * Per seed the difference is the mean over images of (DT Grad-CAM - other), with a bootstrap over the
 * images (the same resampled images for every seed, so the seeds' resampled means average into the
 * resampling distribution of the mean over seeds) and its two-sided bootstrap p-value; seeds combine
 * as in paired-comparison.ts. One Holm family per magnification.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateMasks } from "../cam/evaluation/evaluate-regions";
import { truthMasks } from "../cam/evaluation/images";
import { camLabel, type CamMethodName } from "../cam/methods";
import { percentile } from "../metrics/index";
import type { Provenance } from "../provenance";
import { createRng } from "../random";
import { writeFileAtomic } from "../io/atomic-write";
import { bootstrapPValue } from "../statistics/index";
import type { CamRunEvaluation } from "./cam-run";
import { POOLED } from "./cam-region-rows";
import { REFERENCE } from "../cam/evaluation/reference-maps";
import { holmFamily, summariseSeeds, type PairedComparisonRow, type ScoredSeed } from "./paired-comparison";

export const CAM_SCORES = {
  f1: "region F1",
  iou: "region IoU",
  precision: "region precision",
  maskShare: "share of image in mask",
} as const;
export type CamScore = keyof typeof CAM_SCORES;

export interface CamPerImageRun {
  seed: number;
  /** Manifest row and magnification (group) of each image, in order. */
  rows: number[];
  groups: string[];
  /** Methods' mask variants, then the reference maps (method "reference"). */
  variants: { label: string; method: CamMethodName | typeof REFERENCE; scores: Record<CamScore, number[]> }[];
}

export interface CamPerImageFile {
  kind: "cam-per-image-scores";
  profile: string;
  provenance: Provenance;
  runs: CamPerImageRun[];
}

export const CAM_PER_IMAGE_FILE = "cam-per-image-scores.json";

/** One evaluated run's per-image scores of every mask variant. */
export function camPerImageRun(ev: CamRunEvaluation): CamPerImageRun {
  const n = ev.set.images.length;
  const pixels = ev.set.size * ev.set.size;
  const truth = truthMasks(ev.set);
  return {
    seed: ev.spec.seed,
    rows: ev.set.images.map((im) => im.row),
    groups: ev.set.images.map((im) => im.group),
    variants: [...ev.variants, ...ev.references].map((v) => {
      const perImage = evaluateMasks(v.masks, truth, n).perImage;
      const share = Array.from({ length: n }, (_, i) => v.masks.subarray(i * pixels, (i + 1) * pixels).reduce((s, x) => s + (x ? 1 : 0), 0) / pixels);
      return { label: v.label, method: v.method, scores: { f1: perImage.map((s) => s.f1), iou: perImage.map((s) => s.iou), precision: perImage.map((s) => s.precision), maskShare: share } };
    }),
  };
}

export function writeCamPerImage(resultsDir: string, file: Omit<CamPerImageFile, "kind">): string {
  const out = path.join(resultsDir, CAM_PER_IMAGE_FILE);
  writeFileAtomic(out, JSON.stringify({ kind: "cam-per-image-scores", ...file }) + "\n");
  return out;
}

/** The file notebook 06 wrote, or a sentence saying why there is none for this profile. */
export function readCamPerImage(resultsDir: string, profile: string): CamPerImageFile | string {
  const file = path.join(resultsDir, CAM_PER_IMAGE_FILE);
  if (!fs.existsSync(file)) return `no ${CAM_PER_IMAGE_FILE} in ${resultsDir}: run notebook 06 first`;
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as CamPerImageFile;
  if (data.kind !== "cam-per-image-scores") throw new Error(`${file}: not a CAM per-image score file (kind '${data.kind}')`);
  if (data.profile !== profile) return `${CAM_PER_IMAGE_FILE} is from profile '${data.profile}', not '${profile}': run notebook 06 with this profile`;
  return data;
}

const DT_LABEL = camLabel("dtgradcam");

/** Resampled image indices, the same for every seed (they depend only on the count and the seed). */
function resampleIndices(n: number, nResamples: number, seed: number): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: nResamples }, () => Int32Array.from({ length: n }, () => rng.int(n)));
}

function meanOf(xs: ArrayLike<number>, idx?: ArrayLike<number>): number {
  let s = 0;
  const n = idx ? idx.length : xs.length;
  for (let i = 0; i < n; i++) s += xs[idx ? idx[i] : i];
  return s / n;
}

function scoredSeed(seed: number, differences: number[], resamples: readonly Int32Array[], confidence: number): ScoredSeed {
  const values = resamples.map((idx) => meanOf(differences, idx));
  return {
    seed,
    difference: meanOf(differences),
    low: percentile(values, (100 * (1 - confidence)) / 2),
    high: percentile(values, (100 * (1 + confidence)) / 2),
    pValue: bootstrapPValue(values),
    resamples: values,
  };
}

/**
 * The runs of one seed as one: where each magnification has a model of its own (the study's 224 px
 * runs), a seed's images are the union of its runs' images, magnification after magnification.
 */
export function joinRunsOfSeed(runs: readonly CamPerImageRun[]): CamPerImageRun[] {
  const seeds = [...new Set(runs.map((r) => r.seed))];
  return seeds.map((seed) => {
    const parts = runs.filter((r) => r.seed === seed);
    if (parts.length === 1) return parts[0];
    const labels = parts[0].variants.map((v) => v.label);
    for (const p of parts) {
      if (p.variants.length !== labels.length || p.variants.some((v, i) => v.label !== labels[i])) throw new Error(`CAM comparison: the runs of seed ${seed} have different mask variants`);
    }
    const groups = parts.flatMap((p) => [...new Set(p.groups)]);
    if (new Set(groups).size !== groups.length) throw new Error(`CAM comparison: two runs of seed ${seed} share a magnification (${groups.join(", ")})`);
    return {
      seed,
      rows: parts.flatMap((p) => p.rows),
      groups: parts.flatMap((p) => p.groups),
      variants: parts[0].variants.map((v, i) => ({
        label: v.label,
        method: v.method,
        scores: Object.fromEntries((Object.keys(CAM_SCORES) as CamScore[]).map((k) => [k, parts.flatMap((p) => p.variants[i].scores[k])])) as Record<CamScore, number[]>,
      })),
    };
  });
}

/** DT Grad-CAM against every other method, per magnification (and pooled when there are several). */
export function camComparisons(perRun: readonly CamPerImageRun[], options: { nResamples: number; seed: number; confidence?: number }): PairedComparisonRow[] {
  if (perRun.length === 0) return [];
  const runs = joinRunsOfSeed(perRun);
  const first = runs[0];
  for (const r of runs) {
    if (r.rows.length !== first.rows.length || r.rows.some((row, i) => row !== first.rows[i])) throw new Error(`CAM comparison: the run of seed ${r.seed} was evaluated on other images than seed ${first.seed}'s`);
  }
  const confidence = options.confidence ?? 0.95;
  const groups = [...new Set(first.groups)];
  const families = groups.length > 1 ? [...groups, POOLED] : groups;
  return families.flatMap((group) => {
    const idx = first.groups.flatMap((g, i) => (group === POOLED || g === group ? [i] : []));
    const resamples = resampleIndices(idx.length, options.nResamples, options.seed);
    // references are no method: Table 14's claim is about the four other methods only
    const others = first.variants.filter((v) => v.method !== "dtgradcam" && v.method !== REFERENCE).map((v) => v.label);
    const rows = others.flatMap((other) =>
      (Object.keys(CAM_SCORES) as CamScore[]).map((score) => {
        const perSeed = runs.flatMap((r) => {
          const ref = r.variants.find((v) => v.label === DT_LABEL);
          const oth = r.variants.find((v) => v.label === other);
          if (!ref || !oth) return [];
          return [scoredSeed(r.seed, idx.map((i) => ref.scores[score][i] - oth.scores[score][i]), resamples, confidence)];
        });
        const base = {
          family: `Table 14 · ${group === POOLED ? "all magnifications" : group}`,
          table: 14,
          reference: DT_LABEL,
          other,
          metric: score,
          metricLabel: CAM_SCORES[score],
          test: "bootstrap over images",
          excluded: runs.filter((r) => !r.variants.some((v) => v.label === DT_LABEL)).map((r) => ({ seed: r.seed, reason: "no DT Grad-CAM mask" })),
        };
        return summariseSeeds(base, perSeed, confidence);
      }),
    );
    return holmFamily(rows);
  });
}
