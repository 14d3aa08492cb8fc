/**
 * The CAM evaluation of notebook 06: every method on the same test images, every heat map binarised
 * the same way (Otsu per map, or one fixed threshold), region metrics per method and magnification
 * against the ground truth, deletion/insertion faithfulness, and wall time per image.
 *
 * DT Grad-CAM appears twice in the region metrics: as the paper defines it (its averaged map, Otsu,
 * opening and closing: the row compared with Table 14) and as its averaged map under plain Otsu, the
 * treatment every other method gets, so the effect of the morphology is visible on its own.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";
import { explain, type CamMethodName, type ExplainOptions, type Explanation } from "../cam/methods";
import { binarizeMaps, type Binarization } from "../cam/evaluation/binarize-maps";
import { evaluateMasks } from "../cam/evaluation/evaluate-regions";
import type { RegionScores } from "../cam/evaluation/region-metrics";
import { classProbability, deletionInsertion } from "../cam/evaluation/faithfulness";
import { predictLogits, resolveTargets } from "../cam/targets";
import { createRng } from "../random";
import { camInput, truthMasks, type CamImageSet } from "./cam-images";
import { baselineBlurRadius, blurImage } from "./blur-baseline";

/** The paper's spellings (Table 14, Fig. 7); Grad-CAM++ is not in the paper. */
export const CAM_LABELS: Record<CamMethodName, string> = {
  gradcam: "Grad-CAM",
  "gradcam++": "Grad-CAM++",
  scorecam: "Score-CAM",
  eigencam: "Eigen-CAM",
  dtgradcam: "DT Grad-CAM",
};

export const DT_MAP_OTSU_LABEL = "DT Grad-CAM map + Otsu (no opening/closing)";

export interface MethodRun {
  method: CamMethodName;
  label: string;
  explanation: Explanation;
  /** Wall time per image of the timed call (after one untimed warm-up image). */
  msPerImage: number;
}

/** Class explained per image: the true label (what the region masks belong to) or the prediction. */
export type TargetChoice = "label" | "predicted";

export async function camTargets(model: FeatureModel, set: CamImageSet, choice: TargetChoice): Promise<{ targets: Int32Array; predicted: Int32Array }> {
  const input = camInput(set);
  try {
    const predicted = resolveTargets(await predictLogits(model, input, 16), set.images.length, model.numClasses);
    const labels = Int32Array.from(set.images, (im) => im.labelIndex);
    return { targets: choice === "label" ? labels : predicted, predicted };
  } finally {
    input.dispose();
  }
}

/**
 * Runs each method on all images (one untimed warm-up call on the first image first, so that the
 * time excludes the backend's one-off compilation).
 */
export async function runCamMethods(
  model: FeatureModel,
  input: tf.Tensor4D,
  methods: readonly CamMethodName[],
  options: ExplainOptions,
): Promise<MethodRun[]> {
  const n = input.shape[0];
  const out: MethodRun[] = [];
  const first = tf.slice(input, [0, 0, 0, 0], [1, -1, -1, -1]);
  try {
    for (const method of methods) {
      await explain(method, model, first, { ...options, targets: options.targets ? [options.targets[0]] : undefined });
      const start = performance.now();
      const explanation = await explain(method, model, input, options);
      out.push({ method, label: CAM_LABELS[method], explanation, msPerImage: (performance.now() - start) / n });
    }
  } finally {
    first.dispose();
  }
  return out;
}

/** A set of binary masks [n, H, W] to score, one per image. */
export interface MaskVariant {
  label: string;
  method: CamMethodName;
  masks: Uint8Array;
}

/** Every method's maps binarised the same way, plus DT Grad-CAM's own final masks. */
export function camMasks(runs: readonly MethodRun[], binarization: Binarization): MaskVariant[] {
  const out: MaskVariant[] = [];
  for (const r of runs) {
    const { masks } = binarizeMaps(r.explanation.maps, r.explanation.n, binarization);
    if (r.method !== "dtgradcam") {
      out.push({ label: r.label, method: r.method, masks });
      continue;
    }
    if (!r.explanation.masks) throw new Error("DT Grad-CAM returned no masks");
    out.push({ label: r.label, method: r.method, masks: r.explanation.masks });
    out.push({ label: DT_MAP_OTSU_LABEL, method: r.method, masks });
  }
  return out;
}

export interface RegionRow {
  variant: string;
  method: CamMethodName;
  /** Magnification, "all" for a data set without one, or "pooled" over all groups. */
  group: string;
  images: number;
  scores: RegionScores;
}

export const POOLED = "pooled";

/** Mean region scores per variant and group, then per variant over all images ("pooled"). */
export function regionRows(variants: readonly MaskVariant[], set: CamImageSet): RegionRow[] {
  const pixels = set.size * set.size;
  const truth = truthMasks(set);
  const rows: RegionRow[] = [];
  const groups = set.groups.length > 1 ? [...set.groups, POOLED] : set.groups;
  for (const v of variants) {
    for (const group of groups) {
      const idx = set.images.flatMap((im, i) => (group === POOLED || im.group === group ? [i] : []));
      const pred = new Uint8Array(idx.length * pixels);
      const true_ = new Uint8Array(idx.length * pixels);
      idx.forEach((i, k) => {
        pred.set(v.masks.subarray(i * pixels, (i + 1) * pixels), k * pixels);
        true_.set(truth.subarray(i * pixels, (i + 1) * pixels), k * pixels);
      });
      rows.push({ variant: v.label, method: v.method, group, images: idx.length, scores: evaluateMasks(pred, true_, idx.length).mean });
    }
  }
  return rows;
}

/** Rows of `values` ([n, per] concatenated) picked by `indices`. */
export function pickRows<T extends Float32Array | Uint8Array>(values: T, per: number, indices: readonly number[]): T {
  const out = new (values.constructor as { new (n: number): T })(indices.length * per);
  indices.forEach((i, k) => out.set(values.subarray(i * per, (i + 1) * per), k * per));
  return out;
}

/** Up to `perGroup` images of every group, in selection order. */
export function subsetPerGroup(set: CamImageSet, perGroup: number): number[] {
  const taken = new Map<string, number>();
  return set.images.flatMap((im, i) => {
    const k = taken.get(im.group) ?? 0;
    if (k >= perGroup) return [];
    taken.set(im.group, k + 1);
    return [i];
  });
}

export interface FaithfulnessRow {
  map: string;
  images: number;
  /** Mean area under the deletion curve: LOW is faithful. */
  deletion: number;
  /** Mean area under the insertion curve: HIGH is faithful. */
  insertion: number;
  /** insertion - deletion: one number, higher is better. */
  difference: number;
}

export const RANDOM_MAP_LABEL = "random map (reference)";
export const TRUTH_MAP_LABEL = "true region as the map (reference)";

/**
 * Deletion/insertion areas of every method's map on the images `indices`, the target class's
 * softmax probability as the score, removed pixels taken from a blurred copy of the image (see
 * blur-baseline.ts). Two references frame the numbers: a seeded random map (what chance gives) and
 * the ground-truth region itself (how much the model relies on the region the masks mark).
 */
export async function faithfulnessRows(
  model: FeatureModel,
  set: CamImageSet,
  runs: readonly MethodRun[],
  targets: Int32Array,
  indices: readonly number[],
  options: { steps: number; seed: number },
): Promise<FaithfulnessRow[]> {
  const size = set.size;
  const pixels = size * size;
  const rng = createRng(options.seed);
  const maps: { map: string; values: Float32Array }[] = [
    ...runs.map((r) => ({ map: r.label, values: pickRows(r.explanation.maps, pixels, indices) })),
    { map: RANDOM_MAP_LABEL, values: Float32Array.from({ length: indices.length * pixels }, () => rng.next()) },
    { map: TRUTH_MAP_LABEL, values: Float32Array.from(truthMasks(set, indices)) },
  ];
  const score = classProbability(model);
  const sums = maps.map(() => ({ deletion: 0, insertion: 0 }));
  for (const [k, i] of indices.entries()) {
    const image = camInput(set, [i]);
    try {
      const baseline = blurImage((await image.data()) as Float32Array, size, size, 3, baselineBlurRadius(size));
      for (const [m, { values }] of maps.entries()) {
        const r = await deletionInsertion(score, image, values.subarray(k * pixels, (k + 1) * pixels), [targets[i]], { steps: options.steps, baseline });
        sums[m].deletion += r.meanDeletion / indices.length;
        sums[m].insertion += r.meanInsertion / indices.length;
      }
    } finally {
      image.dispose();
    }
  }
  return maps.map((m, j) => ({ map: m.map, images: indices.length, deletion: sums[j].deletion, insertion: sums[j].insertion, difference: sums[j].insertion - sums[j].deletion }));
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

/** Pearson correlation of two equally long arrays (0 when either is constant). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new Error(`pearson: lengths ${a.length} and ${b.length}`);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i] / a.length;
    mb += b[i] / b.length;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

export interface ScoreCamCheck {
  images: number;
  channels: number;
  totalChannels: number;
  /** Mean per-image correlation of the limited and the full Score-CAM map. */
  mapCorrelation: number;
  /** Mean per-image IoU of their Otsu masks. */
  maskIoU: number;
  msPerImageLimited: number;
  msPerImageFull: number;
}

/** How far Score-CAM on the `channels` most varied channels is from Score-CAM on all of them. */
export async function scoreCamLimitCheck(model: FeatureModel, input: tf.Tensor4D, targets: ArrayLike<number>, channels: number): Promise<ScoreCamCheck> {
  const n = input.shape[0];
  const pixels = input.shape[1] * input.shape[2];
  const timed = async (topChannels?: number) => {
    const start = performance.now();
    const e = await explain("scorecam", model, input, { targets, topChannels });
    return { e, ms: (performance.now() - start) / n };
  };
  const limited = await timed(channels);
  const full = await timed();
  const a = binarizeMaps(limited.e.maps, n, { kind: "otsu" }).masks;
  const b = binarizeMaps(full.e.maps, n, { kind: "otsu" }).masks;
  const per = evaluateMasks(a, b, n).perImage;
  let correlation = 0;
  for (let i = 0; i < n; i++) correlation += pearson(limited.e.maps.subarray(i * pixels, (i + 1) * pixels), full.e.maps.subarray(i * pixels, (i + 1) * pixels)) / n;
  const totalChannels = tf.tidy(() => model.forwardFeatures(tf.slice(input, [0, 0, 0, 0], [1, -1, -1, -1]), false).shape[3]);
  return {
    images: n,
    channels,
    totalChannels,
    mapCorrelation: correlation,
    maskIoU: per.reduce((s, r) => s + r.iou, 0) / n,
    msPerImageLimited: limited.ms,
    msPerImageFull: full.ms,
  };
}
