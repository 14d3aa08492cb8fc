import type * as tf from "@tensorflow/tfjs";
import { createRng, permutation } from "../random";

/** One batch of images (NHWC, float in [-1, 1] unless the source says otherwise) and their class indices. */
export interface Batch {
  x: tf.Tensor4D;
  labels: Int32Array;
  /** Row indices into the source's manifest, so predictions can be traced back to files. */
  indices: Int32Array;
}

export interface BatchOptions {
  batchSize: number;
  /** Shuffle order for this pass (seeded); omitted = manifest order. */
  shuffleSeed?: number;
  /** Apply the paper's augmentation (random rotation + horizontal flip), seeded by `augmentSeed`. */
  augment?: boolean;
  augmentSeed?: number;
}

/**
 * What the trainer and evaluators consume: a finite, re-iterable set of labelled images that yields
 * batches without holding the whole data set in memory. The consumer disposes each batch's tensor.
 */
export interface BatchSource {
  readonly length: number;
  readonly numClasses: number;
  readonly classNames: readonly string[];
  /** Class index of every item, in manifest order (for stratification and metrics). */
  readonly labels: Int32Array;
  /**
   * Changes whenever the items or their pixels could: lets caches derived from a source (frozen-trunk
   * features) be found again by another run. Sources without one cannot feed such caches.
   */
  readonly identity?: string;
  batches(opts: BatchOptions): AsyncIterable<Batch>;
}

/**
 * The item order of one pass over `length` items (seeded shuffle, or 0..length-1), after checking the
 * options every source needs: a positive batch size, and a seed for augmentation.
 */
export function passOrder(length: number, opts: BatchOptions): Int32Array {
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${opts.batchSize}`);
  if (opts.augment && opts.augmentSeed === undefined) throw new Error("augment needs an augmentSeed (augmentation is seeded)");
  return opts.shuffleSeed === undefined ? Int32Array.from({ length }, (_, i) => i) : permutation(length, createRng(opts.shuffleSeed));
}
