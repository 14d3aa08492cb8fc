/**
 * The frozen-trunk mode, a deviation from the paper's protocol for machines without a GPU: the
 * pretrained layers before a cut layer are frozen (inference mode: batch norm uses its running
 * statistics), their output is computed once per image and stored, and only the layers after the cut
 * train, on the stored features. Augmentation becomes the 8 symmetries of the square instead of the
 * paper's random rotation + flip, so that every augmented view is one of a fixed set whose features
 * can be stored (8 records per training image; validation and test images are stored as they are).
 *
 * Stores live under `<cacheDir>/features/<key>/`, the key hashing the trunk's weights, the cut layer, the
 * source and the transforms: runs that share a trunk (other seeds, reduction ratios, heads) reuse them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import * as tf from "@tensorflow/tfjs";
import type { BatchSource } from "../../data/batch-source";
import { formatBytes } from "../../data/fetch/progress";
import { DIHEDRAL_TRANSFORMS } from "../../data/pipeline/dihedral";
import { splitAtLayer, type SplitModel } from "../../models/split-at-layer";
import { foldBatchNorm } from "../../models/fold-batch-norm";
import { extractFeatures } from "./extract";
import { FeatureBatchSource } from "./feature-source";
import { FeatureStore } from "./feature-store";
import { acquireLock, heldMessage, type HeldLock } from "../../io/pid-lock";

export interface FrozenTrunkOptions {
  /** Layer whose output is stored; the layers after it train. */
  cutLayer: string;
  cacheDir: string;
  /** Images per trunk pass while extracting. */
  batchSize: number;
  /** Whether training batches are augmented (8 stored transforms per training image) or not (1). */
  augment: boolean;
  /** Status lines (default: stderr). */
  log?: (message: string) => void;
  onProgress?: (part: string, filled: number, items: number) => void;
}

export interface FrozenTrunk {
  split: SplitModel;
  train: FeatureBatchSource;
  val: FeatureBatchSource;
  test: FeatureBatchSource;
  /** For config.json: where the features are, their size and what made them. */
  description: Record<string, unknown>;
}

/** Hash of the trunk's weights (values and shapes, in order): the features' dependence on the model. */
export async function trunkWeightsHash(trunk: tf.LayersModel): Promise<string> {
  const h = createHash("sha256");
  for (const w of trunk.weights) {
    const values = (await w.read().data()) as Float32Array;
    h.update(`${w.shape.join("x")}\n`).update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  return h.digest("hex");
}

/** The manifest row of every item, in source order. */
async function sourceIndices(source: BatchSource): Promise<number[]> {
  const indices: number[] = [];
  for await (const b of source.batches({ batchSize: 64 })) {
    indices.push(...b.indices);
    b.x.dispose();
  }
  return indices;
}

function freeBytes(dir: string): number | undefined {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

export async function prepareFrozenTrunk(model: tf.LayersModel, parts: { train: BatchSource; val: BatchSource; test: BatchSource }, opts: FrozenTrunkOptions): Promise<FrozenTrunk> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const split = splitAtLayer(model, opts.cutLayer);
  try {
    const weights = await trunkWeightsHash(split.trunk);
    const shape = split.trunk.outputs[0].shape.slice(1) as number[];
    const root = path.join(opts.cacheDir, "features");
    const planned: Record<string, PlannedStore> = {};
    for (const [name, source] of Object.entries(parts)) {
      if (!source.identity) throw new Error(`frozen trunk: the ${name} data has no identity, so its features cannot be stored`);
      const transforms = name === "train" && opts.augment ? DIHEDRAL_TRANSFORMS : 1;
      const key = createHash("sha256").update(JSON.stringify({ weights, cut: opts.cutLayer, shape, transforms, source: source.identity })).digest("hex").slice(0, 24);
      planned[name] = { key, transforms };
    }
    // One filler per store (runs of other seeds share them); locks in a fixed order, so two runs cannot deadlock.
    const locks: HeldLock[] = [];
    try {
      for (const key of [...new Set(Object.values(planned).map((p) => p.key))].sort()) {
        const file = path.join(root, `${key}.filling`);
        locks.push(await acquireLock(file, { onWait: (h) => log(`[dala] frozen trunk: ${heldMessage(`features ${key}`, file, h)}`) }));
      }
      return await fillStores(split, parts, { planned, weights, shape, root }, opts, log);
    } finally {
      for (const lock of locks) lock.release();
    }
  } catch (e) {
    split.dispose();
    throw e;
  }
}

interface PlannedStore {
  key: string;
  transforms: number;
}

/** Opens each part's store, creating and filling what is missing; the caller holds the stores' locks. */
async function fillStores(
  split: SplitModel,
  parts: { train: BatchSource; val: BatchSource; test: BatchSource },
  { planned, weights, shape, root }: { planned: Record<string, PlannedStore>; weights: string; shape: number[]; root: string },
  opts: FrozenTrunkOptions,
  log: (message: string) => void,
): Promise<FrozenTrunk> {
  const stores: Record<string, FeatureStore> = {};
  for (const [name, source] of Object.entries(parts)) {
    const { key, transforms } = planned[name];
    const dir = path.join(root, key);
    stores[name] = FeatureStore.open(dir, key) ?? FeatureStore.create(dir, {
      key,
      shape,
      items: source.length,
      transforms,
      labels: Array.from(source.labels),
      indices: await sourceIndices(source),
      classNames: [...source.classNames],
      // Backends round differently, so the numbers say where they were computed; a store made on one serves all.
      description: { part: name, cutLayer: opts.cutLayer, trunkWeightsSha256: weights, backend: tf.getBackend(), tfjs: tf.version.tfjs, createdAt: new Date().toISOString() },
    });
  }
  const missing = Object.values(stores).reduce((s, st) => s + (st.totalBytes * (st.items - st.filled)) / st.items, 0);
  if (missing > 0) {
    const free = freeBytes(root);
    if (free !== undefined && free < missing * 1.05) {
      throw new Error(`frozen trunk: the features need ${formatBytes(missing)} more under ${root}, only ${formatBytes(free)} are free (set DALA_CACHE to another disk)`);
    }
    log(`[dala] frozen trunk: storing features after '${opts.cutLayer}' (${formatBytes(missing)} to write under ${root})`);
    const folded = foldBatchNorm(split.trunk);
    try {
      for (const [name, source] of Object.entries(parts)) {
        const store = stores[name];
        if (store.complete) continue;
        await extractFeatures((x) => folded.predict(x), source, store, {
          batchSize: opts.batchSize,
          onProgress: (filled, items) => opts.onProgress?.(name, filled, items),
        });
      }
    } finally {
      folded.dispose();
    }
  }
  return {
    split,
    train: new FeatureBatchSource(stores.train),
    val: new FeatureBatchSource(stores.val),
    test: new FeatureBatchSource(stores.test),
    description: {
      cutLayer: opts.cutLayer,
      featureShape: shape,
      trunkWeightsSha256: weights,
      stores: Object.fromEntries(Object.entries(stores).map(([n, s]) => [n, { dir: s.dir, items: s.items, transforms: s.transforms, bytes: s.totalBytes }])),
    },
  };
}
