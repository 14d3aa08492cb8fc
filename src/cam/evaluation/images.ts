/**
 * Which test images a CAM evaluation looks at: up to `perGroup` per magnification (one group for
 * data sets without magnifications), only images with a non-empty ground-truth region, classes
 * taken in turn so that every class is represented, in a seeded order (the same images every run).
 */
import * as tf from "@tensorflow/tfjs";
import type { ImageBatchSource } from "../../data/pipeline/image-source";
import type { Manifest } from "../../data/manifest/types";
import { createRng, deriveSeed, permutation } from "../../random";
import { toBatchTensor, type Scaling } from "../../data/pipeline/scale";
import { groundTruth, hasRegion, type TruthKind } from "./ground-truth";

export interface CamImage {
  /** Manifest row. */
  row: number;
  path: string;
  labelIndex: number;
  /** Magnification, or "all" for data sets without one. */
  group: string;
  /** uint8 RGB [size, size, 3] at the model's input size. */
  rgb: Uint8Array;
  /** 0/1 [size, size]. */
  truth: Uint8Array;
  truthKind: TruthKind;
}

export interface CamImageSet {
  dataset: string;
  classNames: readonly string[];
  size: number;
  scaling: Scaling;
  images: CamImage[];
  /** Groups in display order (magnifications ascending). */
  groups: string[];
  /** Test images looked at but left out because they have no region (e.g. Normal mammograms). */
  skippedWithoutRegion: number;
}

export function groupOf(magnification: string): string {
  return magnification || "all";
}

/** Magnification order 40X < 100X < 200X < 400X, then anything else by name. */
export function compareGroups(a: string, b: string): number {
  const na = parseInt(a, 10);
  const nb = parseInt(b, 10);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Candidate order of a group's items: a seeded permutation, then classes interleaved
 * (first of class 0, first of class 1, ..., second of class 0, ...).
 */
export function interleaveByClass(items: readonly number[], labels: readonly number[], seed: number): number[] {
  if (items.length !== labels.length) throw new Error(`interleaveByClass: ${items.length} items but ${labels.length} labels`);
  const byClass = new Map<number, number[]>();
  for (const k of permutation(items.length, createRng(seed))) {
    const queue = byClass.get(labels[k]);
    if (queue) queue.push(items[k]);
    else byClass.set(labels[k], [items[k]]);
  }
  const queues = [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, q]) => q);
  const out: number[] = [];
  for (let k = 0; out.length < items.length; k++) for (const q of queues) if (k < q.length) out.push(q[k]);
  return out;
}

export interface SelectOptions {
  perGroup: number;
  seed: number;
  /** Whether the data set is generated (its masks are exact regions). */
  synthetic: boolean;
}

export async function selectCamImages(test: ImageBatchSource, manifest: Manifest, options: SelectOptions): Promise<CamImageSet> {
  if (!(Number.isInteger(options.perGroup) && options.perGroup >= 1)) throw new Error(`CAM images: perGroup must be a positive integer, got ${options.perGroup}`);
  const size = test.size;
  const byGroup = new Map<string, number[]>();
  for (let i = 0; i < test.length; i++) {
    const g = groupOf(manifest.rows[test.rows[i]].magnification);
    const list = byGroup.get(g);
    if (list) list.push(i);
    else byGroup.set(g, [i]);
  }
  const groups = [...byGroup.keys()].sort(compareGroups);
  const images: CamImage[] = [];
  let skipped = 0;
  for (const group of groups) {
    const items = byGroup.get(group)!;
    const order = interleaveByClass(items, items.map((i) => test.labels[i]), deriveSeed(options.seed, "cam-images", group));
    let taken = 0;
    for (const i of order) {
      if (taken === options.perGroup) break;
      const row = test.rows[i];
      const rgb = test.image(i);
      const truth = await groundTruth(manifest, row, rgb, size, options.synthetic);
      if (!truth || !hasRegion(truth.mask)) {
        skipped++;
        continue;
      }
      images.push({ row, path: manifest.rows[row].path, labelIndex: test.labels[i], group, rgb, truth: truth.mask, truthKind: truth.kind });
      taken++;
    }
  }
  if (images.length === 0) throw new Error(`${manifest.dataset}: no test image has a ground-truth region to evaluate CAMs against`);
  return {
    dataset: manifest.dataset,
    classNames: test.classNames,
    size,
    scaling: test.opts.scaling ?? "paper",
    images,
    groups: groups.filter((g) => images.some((im) => im.group === g)),
    skippedWithoutRegion: skipped,
  };
}

/** The images as one model input batch, scaled as the run was trained. */
export function camInput(set: Pick<CamImageSet, "images" | "size" | "scaling">, indices?: readonly number[]): tf.Tensor4D {
  const chosen = indices ? indices.map((i) => set.images[i]) : set.images;
  return toBatchTensor(chosen.map((im) => im.rgb), set.size, set.scaling);
}

/** Ground-truth masks of the images concatenated [n, size, size]. */
export function truthMasks(set: Pick<CamImageSet, "images" | "size">, indices?: readonly number[]): Uint8Array {
  const chosen = indices ? indices.map((i) => set.images[i]) : set.images;
  const out = new Uint8Array(chosen.length * set.size * set.size);
  chosen.forEach((im, k) => out.set(im.truth, k * set.size * set.size));
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
