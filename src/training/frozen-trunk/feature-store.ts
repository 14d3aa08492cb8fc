/**
 * Frozen-trunk features on disk: for each item of a data source and each of its transforms, the trunk's
 * output as float32, one fixed-size record per (item, transform) in a single file, so an epoch reads
 * records at offsets instead of running the trunk again.
 *
 * `<dir>/features.f32` + `<dir>/index.json`. Items are filled in order and `index.json` records how many
 * are complete after each write, so an interrupted extraction continues where it stopped; records past
 * that count are never read.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../../io/atomic-write";

export const FEATURE_STORE_FORMAT = "dala-frozen-features/1";

export interface FeatureStoreIndex {
  format: typeof FEATURE_STORE_FORMAT;
  /** Hash of everything the features depend on (trunk weights, cut layer, source, transforms). */
  key: string;
  /** Shape of one record [h, w, c]. */
  shape: number[];
  items: number;
  transforms: number;
  /** Items whose records are all written. */
  filled: number;
  labels: number[];
  /** The source's manifest row of each item. */
  indices: number[];
  classNames: string[];
  /** What made the features (cut layer, trunk weights, backend, version): for people, not checked. */
  description: Record<string, unknown>;
}

export type FeatureStoreInit = Omit<FeatureStoreIndex, "format" | "filled">;

export class FeatureStore {
  private fd: number | undefined;
  readonly recordFloats: number;

  private constructor(readonly dir: string, private index: FeatureStoreIndex) {
    this.recordFloats = index.shape.reduce((a, b) => a * b, 1);
  }

  /**
   * The store in `dir` (complete or partly filled), or undefined if there is none. A store written for
   * another key is an error: the directory name is meant to be the key.
   */
  static open(dir: string, key: string): FeatureStore | undefined {
    const indexFile = path.join(dir, "index.json");
    if (!fs.existsSync(indexFile)) return undefined;
    const index = JSON.parse(fs.readFileSync(indexFile, "utf8")) as FeatureStoreIndex;
    if (index.format !== FEATURE_STORE_FORMAT || index.key !== key) {
      throw new Error(`${dir}: holds features for key ${index.key} (format ${index.format}), expected ${key}: delete the directory`);
    }
    const store = new FeatureStore(dir, index);
    const expected = store.recordBytes * index.transforms * index.filled;
    const size = fs.existsSync(store.dataFile) ? fs.statSync(store.dataFile).size : 0;
    if (size < expected) throw new Error(`${store.dataFile}: ${size} bytes, but ${index.filled} filled items need ${expected}: delete ${dir}`);
    return store;
  }

  /** A new empty store in `dir` (replacing whatever is there). */
  static create(dir: string, init: FeatureStoreInit): FeatureStore {
    for (const [name, list] of [["labels", init.labels], ["indices", init.indices]] as const) {
      if (list.length !== init.items) throw new Error(`feature store: ${list.length} ${name} for ${init.items} items`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "features.f32"), new Uint8Array(0));
    const store = new FeatureStore(dir, { format: FEATURE_STORE_FORMAT, ...init, filled: 0 });
    store.saveIndex();
    return store;
  }

  get dataFile(): string {
    return path.join(this.dir, "features.f32");
  }
  get recordBytes(): number {
    return this.recordFloats * 4;
  }
  get shape(): readonly number[] {
    return this.index.shape;
  }
  get items(): number {
    return this.index.items;
  }
  get transforms(): number {
    return this.index.transforms;
  }
  get filled(): number {
    return this.index.filled;
  }
  get complete(): boolean {
    return this.index.filled === this.index.items;
  }
  get labels(): readonly number[] {
    return this.index.labels;
  }
  get indices(): readonly number[] {
    return this.index.indices;
  }
  get classNames(): readonly string[] {
    return this.index.classNames;
  }
  /** Bytes the finished data file takes. */
  get totalBytes(): number {
    return this.recordBytes * this.index.transforms * this.index.items;
  }

  /**
   * Writes the records of the next items (`records` holds count x transforms records, item-major) and
   * then records them as filled.
   */
  append(records: Float32Array, count: number): void {
    const per = this.recordFloats * this.index.transforms;
    if (records.length !== count * per) throw new Error(`feature store: ${records.length} values for ${count} items of ${per}`);
    if (this.index.filled + count > this.index.items) throw new Error(`feature store: ${this.index.filled} + ${count} items exceed ${this.index.items}`);
    this.close();
    const fd = fs.openSync(this.dataFile, "r+");
    try {
      const bytes = new Uint8Array(records.buffer, records.byteOffset, records.byteLength);
      fs.writeSync(fd, bytes, 0, bytes.length, this.index.filled * per * 4);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.index.filled += count;
    this.saveIndex();
  }

  /** The record of `item` under transform `t`. */
  read(item: number, t: number): Float32Array {
    if (!(item >= 0 && item < this.index.filled)) throw new Error(`feature store ${this.dir}: item ${item} is not filled (${this.index.filled} of ${this.index.items})`);
    if (!(t >= 0 && t < this.index.transforms)) throw new Error(`feature store ${this.dir}: transform ${t} outside 0..${this.index.transforms - 1}`);
    this.fd ??= fs.openSync(this.dataFile, "r");
    const out = new Float32Array(this.recordFloats);
    const bytes = new Uint8Array(out.buffer);
    const n = fs.readSync(this.fd, bytes, 0, bytes.length, (item * this.index.transforms + t) * this.recordBytes);
    if (n !== bytes.length) throw new Error(`${this.dataFile} is truncated at item ${item}: delete ${this.dir}`);
    return out;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private saveIndex(): void {
    writeFileAtomic(path.join(this.dir, "index.json"), JSON.stringify(this.index) + "\n");
  }
}
