/**
 * Fills a FeatureStore: every item of a source through the frozen trunk under each transform, in
 * source order, one batch at a time. Continues a partly filled store after the items it already holds.
 */
import * as tf from "@tensorflow/tfjs";
import type { BatchSource } from "../../data/batch-source";
import { dihedralTransform } from "../../data/pipeline/dihedral";
import type { FeatureStore } from "./feature-store";

export interface ExtractOptions {
  batchSize: number;
  /** Called after each written batch. */
  onProgress?: (filled: number, items: number) => void;
}

/** Trunk features of transform `t` of each image: `trunk` maps NHWC images to NHWC features. */
export async function extractFeatures(trunk: (x: tf.Tensor4D) => tf.Tensor, source: BatchSource, store: FeatureStore, opts: ExtractOptions): Promise<void> {
  if (source.length !== store.items) throw new Error(`feature extraction: the source has ${source.length} items, the store ${store.items}`);
  const per = store.recordFloats;
  const T = store.transforms;
  let position = 0;
  for await (const batch of source.batches({ batchSize: opts.batchSize })) {
    const count = batch.labels.length;
    const skip = Math.max(0, Math.min(count, store.filled - position));
    for (let k = skip; k < count; k++) {
      if (batch.indices[k] !== store.indices[position + k] || batch.labels[k] !== store.labels[position + k]) {
        throw new Error(`feature extraction: item ${position + k} of the source is row ${batch.indices[k]}, the store expects row ${store.indices[position + k]}: the source changed order`);
      }
    }
    if (skip < count) {
      const x = skip > 0 ? tf.slice(batch.x, [skip, 0, 0, 0], [count - skip, -1, -1, -1]) : batch.x;
      const records = new Float32Array((count - skip) * T * per);
      for (let t = 0; t < T; t++) {
        const f = tf.tidy(() => trunk(dihedralTransform(x, t)));
        if (f.size !== (count - skip) * per) throw new Error(`feature extraction: the trunk gave shape [${f.shape}], the store holds records of [${store.shape}]`);
        const values = (await f.data()) as Float32Array;
        f.dispose();
        for (let k = 0; k < count - skip; k++) records.set(values.subarray(k * per, (k + 1) * per), (k * T + t) * per);
      }
      if (x !== batch.x) x.dispose();
      store.append(records, count - skip);
      opts.onProgress?.(store.filled, store.items);
    }
    batch.x.dispose();
    position += count;
  }
  if (!store.complete) throw new Error(`feature extraction: the source yielded ${position} items, the store expects ${store.items}`);
}
