/**
 * A BatchSource over stored frozen-trunk features: what the tail trains and is evaluated on. Shuffling
 * works as for images; augmentation draws one of the stored transforms per item, seeded by (pass seed,
 * manifest row) like the image augmentation, so an item's draw does not depend on the batch order.
 * Without augmentation every item is read under transform 0 (the image as it is).
 */
import * as tf from "@tensorflow/tfjs";
import { passOrder, type Batch, type BatchOptions, type BatchSource } from "../../data/batch-source";
import { createRng, deriveSeed } from "../../random";
import type { FeatureStore } from "./feature-store";

export class FeatureBatchSource implements BatchSource {
  readonly length: number;
  readonly numClasses: number;
  readonly classNames: readonly string[];
  readonly labels: Int32Array;

  constructor(readonly store: FeatureStore) {
    if (!store.complete) throw new Error(`feature store ${store.dir} is incomplete (${store.filled} of ${store.items} items)`);
    this.length = store.items;
    this.classNames = store.classNames;
    this.numClasses = store.classNames.length;
    this.labels = Int32Array.from(store.labels);
  }

  /** The transform item `i` gets in a pass with these options. */
  transformOf(i: number, opts: Pick<BatchOptions, "augment" | "augmentSeed">): number {
    if (!opts.augment) return 0;
    return createRng(deriveSeed(opts.augmentSeed as number, this.store.indices[i])).int(this.store.transforms);
  }

  async *batches(opts: BatchOptions): AsyncIterable<Batch> {
    const order = passOrder(this.length, opts);
    const per = this.store.recordFloats;
    for (let start = 0; start < this.length; start += opts.batchSize) {
      const items = order.subarray(start, Math.min(start + opts.batchSize, this.length));
      const data = new Float32Array(items.length * per);
      items.forEach((item, k) => data.set(this.store.read(item, this.transformOf(item, opts)), k * per));
      yield {
        x: tf.tensor4d(data, [items.length, ...this.store.shape] as [number, number, number, number]),
        labels: Int32Array.from(items, (i) => this.labels[i]),
        indices: Int32Array.from(items, (i) => this.store.indices[i]),
      };
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
