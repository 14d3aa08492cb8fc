/** In-memory BatchSource of seeded random images and tiny seeded models, for fast trainer tests. */
import * as tf from "@tensorflow/tfjs";
import type { Batch, BatchOptions, BatchSource } from "../../src/data/batch-source";
import { createRng, deriveSeed } from "../../src/random";

const uniforms = (seed: number) => createRng(seed).next;

export class MemorySource implements BatchSource {
  readonly classNames: readonly string[];
  readonly labels: Int32Array;
  private readonly pixels: Float32Array;

  /** Images whose class shifts the mean of one channel, so a tiny model can learn something. */
  constructor(readonly length: number, readonly numClasses: number, readonly size = 8, seed = 1) {
    const rand = uniforms(seed);
    this.classNames = Array.from({ length: numClasses }, (_, i) => `class${i}`);
    this.labels = Int32Array.from({ length }, (_, i) => i % numClasses);
    const per = size * size * 3;
    this.pixels = new Float32Array(length * per);
    for (let i = 0; i < length; i++) {
      for (let j = 0; j < per; j++) {
        const channel = j % 3;
        const shift = channel === this.labels[i] % 3 ? 0.5 : 0;
        this.pixels[i * per + j] = rand() * 2 - 1 + shift;
      }
    }
  }

  private order(shuffleSeed?: number): number[] {
    const idx = Array.from({ length: this.length }, (_, i) => i);
    if (shuffleSeed === undefined) return idx;
    const rand = uniforms(shuffleSeed);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx;
  }

  async *batches(opts: BatchOptions): AsyncIterable<Batch> {
    const order = this.order(opts.shuffleSeed);
    const { size } = this;
    const per = size * size * 3;
    for (let start = 0; start < order.length; start += opts.batchSize) {
      const rows = order.slice(start, start + opts.batchSize);
      const data = new Float32Array(rows.length * per);
      rows.forEach((row, k) => {
        // Per-item flip decided by (augmentSeed, row): independent of batch size, like a real pipeline should be.
        const flip = opts.augment && uniforms(deriveSeed(opts.augmentSeed ?? 0, row))() < 0.5;
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            const sx = flip ? size - 1 - x : x;
            for (let c = 0; c < 3; c++) data[k * per + (y * size + x) * 3 + c] = this.pixels[row * per + (y * size + sx) * 3 + c];
          }
        }
      });
      yield {
        x: tf.tensor4d(data, [rows.length, size, size, 3]),
        labels: Int32Array.from(rows, (r) => this.labels[r]),
        indices: Int32Array.from(rows),
      };
    }
  }
}

/** A few conv/dense layers with seeded initialisers; optional batch norm and dropout. */
export function tinyModel(opts: { classes: number; size?: number; seed?: number; batchNorm?: boolean; dropout?: number; dropoutSeed?: number }): tf.LayersModel {
  const size = opts.size ?? 8;
  const seed = opts.seed ?? 7;
  const input = tf.input({ shape: [size, size, 3] });
  let h = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: "same", kernelInitializer: tf.initializers.glorotUniform({ seed }), biasInitializer: "zeros" })
    .apply(input) as tf.SymbolicTensor;
  if (opts.batchNorm) h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
  h = tf.layers.activation({ activation: "relu" }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.globalAveragePooling2d({}).apply(h) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 6, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }).apply(h) as tf.SymbolicTensor;
  if (opts.dropout) h = tf.layers.dropout({ rate: opts.dropout, seed: opts.dropoutSeed }).apply(h) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: opts.classes, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits });
}

export function weightsOf(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

export function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let m = 0;
  a.forEach((x, i) => x.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}
