/**
 * The BatchSource the trainer and evaluators consume: a subset of a manifest's rows (a split part),
 * read from the preprocessed cache one batch at a time, optionally augmented, scaled to float.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import { Batch, BatchOptions, BatchSource, passOrder } from "../batch-source";
import { Manifest } from "../manifest/types";
import { createRng, deriveSeed } from "../../random";
import { DEFAULT_ROTATION_DEGREES, augmentImage, sampleAugmentation } from "./augment";
import { CacheOptions, ImageCache } from "./cache";
import { Scaling, toBatchTensor } from "./scale";

export interface ImageSourceOptions {
  /** Manifest row indices in this source (e.g. one part of a split); default all rows. */
  rows?: readonly number[];
  /** Maximum rotation of the augmentation, in degrees. */
  rotationDegrees?: number;
  scaling?: Scaling;
}

export class ImageBatchSource implements BatchSource {
  readonly length: number;
  readonly numClasses: number;
  readonly classNames: readonly string[];
  readonly labels: Int32Array;
  /** Manifest row index of each item (unreadable rows skipped by the cache are not items). */
  readonly rows: Int32Array;

  constructor(readonly cache: ImageCache, readonly opts: ImageSourceOptions = {}) {
    const m = cache.manifest;
    const wanted = opts.rows ?? m.rows.map((_, i) => i);
    for (const r of wanted) {
      if (!Number.isInteger(r) || r < 0 || r >= m.rows.length) throw new Error(`row ${r} is outside ${m.dataset}'s manifest (0..${m.rows.length - 1})`);
    }
    this.rows = Int32Array.from(wanted.filter((r) => cache.isReadable(r)));
    this.length = this.rows.length;
    this.classNames = m.classNames;
    this.numClasses = m.classNames.length;
    this.labels = Int32Array.from(this.rows, (r) => m.rows[r].labelIndex);
  }

  /** The cache file (named by the hash of the images' paths, sizes and times), the rows and the scaling. */
  get identity(): string {
    const h = createHash("sha256").update(`${path.basename(this.cache.file)}\n${this.cache.size}\n${this.opts.scaling ?? "paper"}\n`);
    h.update(new Uint8Array(this.rows.buffer, this.rows.byteOffset, this.rows.byteLength));
    return h.digest("hex").slice(0, 32);
  }

  get size(): number {
    return this.cache.size;
  }

  /** The uint8 RGB image of item `i` (not augmented), for figures and CAM overlays. */
  image(i: number): Uint8Array {
    return this.cache.read(this.rows[i]);
  }

  async *batches(opts: BatchOptions): AsyncIterable<Batch> {
    const order = passOrder(this.length, opts);
    const size = this.cache.size;
    const m = this.cache.manifest;
    for (let start = 0; start < this.length; start += opts.batchSize) {
      const items = order.subarray(start, Math.min(start + opts.batchSize, this.length));
      const images = Array.from(items, (i) => {
        const row = this.rows[i];
        const pixels = this.cache.read(row);
        if (!opts.augment) return pixels;
        // Seeded by (pass seed, row): an image's augmentation does not depend on the batch order.
        const rng = createRng(deriveSeed(opts.augmentSeed as number, row));
        return augmentImage(pixels, size, sampleAugmentation(rng, this.opts.rotationDegrees ?? DEFAULT_ROTATION_DEGREES));
      });
      const indices = Int32Array.from(items, (i) => this.rows[i]);
      yield {
        x: toBatchTensor(images, size, this.opts.scaling),
        labels: Int32Array.from(indices, (r) => m.rows[r].labelIndex),
        indices,
      };
      // Let other work (sharp, timers) run between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/** Opens (building if needed) the cache for `manifest` and returns a source over `source.rows`. */
export async function openImageSource(manifest: Manifest, cache: CacheOptions, source: ImageSourceOptions = {}): Promise<ImageBatchSource> {
  return new ImageBatchSource(await ImageCache.open(manifest, cache), source);
}
