/**
 * The preprocessed cache: every image of a manifest decoded once at one size and stored as raw uint8
 * RGB in a single file, so later epochs and notebooks read bytes at an offset instead of decoding
 * again, and nothing but the current batch is held in memory.
 *
 * `<cacheDir>/<dataset>/<size>/<key>.u8` + `<key>.json`; the key hashes the image paths, their sizes
 * and modification times, so a changed data set gets a new cache. Files are written under a temporary
 * name and renamed when complete.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { renameDurably, tempPathFor, writeFileAtomic } from "../../io/atomic-write";
import { Manifest } from "../manifest/types";
import { ImageReadError, decodeResized } from "./decode";

export type CorruptPolicy = "skip" | "fail";

export interface CorruptImage {
  row: number;
  path: string;
  reason: string;
}

export interface CacheOptions {
  cacheDir: string;
  size: number;
  /** "fail" (default) stops at the first unreadable image; "skip" leaves it out and reports it. */
  onCorrupt?: CorruptPolicy;
  /** Where skipped images are reported (default: stderr). Never silent. */
  report?: (c: CorruptImage) => void;
  onProgress?: (done: number, total: number) => void;
  /** Images decoded in parallel (sharp works off the main thread). */
  concurrency?: number;
}

interface CacheIndex {
  dataset: string;
  size: number;
  rows: number;
  corrupt: CorruptImage[];
}

function cacheKey(m: Manifest, size: number): string {
  const h = createHash("sha256").update(`${m.dataset}\n${size}\n`);
  for (const r of m.rows) {
    const file = path.join(m.root, r.path);
    let stamp = "missing";
    try {
      const st = fs.statSync(file);
      stamp = `${st.size}:${Math.round(st.mtimeMs)}`;
    } catch {
      // a missing file is part of the key: it becomes a corrupt entry of this cache
    }
    h.update(`${r.path}\t${stamp}\n`);
  }
  return h.digest("hex").slice(0, 16);
}

export class ImageCache {
  private fd: number | undefined;
  readonly bytesPerImage: number;
  private readonly corruptRows: Set<number>;

  private constructor(readonly file: string, readonly manifest: Manifest, readonly size: number, readonly corrupt: CorruptImage[]) {
    this.bytesPerImage = size * size * 3;
    this.corruptRows = new Set(corrupt.map((c) => c.row));
  }

  /** Opens the cache for `manifest` at `size`, building it first if needed. */
  static async open(manifest: Manifest, opts: CacheOptions): Promise<ImageCache> {
    const policy = opts.onCorrupt ?? "fail";
    const dir = path.join(opts.cacheDir, manifest.dataset, String(opts.size));
    const key = cacheKey(manifest, opts.size);
    const data = path.join(dir, `${key}.u8`);
    const indexFile = path.join(dir, `${key}.json`);
    let index: CacheIndex;
    if (fs.existsSync(data) && fs.existsSync(indexFile)) {
      index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
    } else {
      index = await build(manifest, opts, dir, key, policy);
    }
    if (index.corrupt.length && policy === "fail") {
      const c = index.corrupt[0];
      throw new ImageReadError(path.join(manifest.root, c.path), `${c.reason}${index.corrupt.length > 1 ? ` (and ${index.corrupt.length - 1} more unreadable images)` : ""}`);
    }
    const report = opts.report ?? ((c: CorruptImage) => console.error(`[dala] skipping unreadable image ${c.path}: ${c.reason}`));
    index.corrupt.forEach(report);
    return new ImageCache(data, manifest, opts.size, index.corrupt);
  }

  isReadable(row: number): boolean {
    return !this.corruptRows.has(row);
  }

  /** The image of manifest row `row` (uint8 RGB, size*size*3). */
  read(row: number): Uint8Array {
    if (!this.isReadable(row)) throw new Error(`row ${row} (${this.manifest.rows[row].path}) is unreadable and not in the cache`);
    this.fd ??= fs.openSync(this.file, "r");
    const buf = new Uint8Array(this.bytesPerImage);
    const n = fs.readSync(this.fd, buf, 0, this.bytesPerImage, row * this.bytesPerImage);
    if (n !== this.bytesPerImage) throw new Error(`cache file ${this.file} is truncated at row ${row}: delete it to rebuild`);
    return buf;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

async function build(m: Manifest, opts: CacheOptions, dir: string, key: string, policy: CorruptPolicy): Promise<CacheIndex> {
  fs.mkdirSync(dir, { recursive: true });
  const per = opts.size * opts.size * 3;
  // Unique per call: two builds of one cache (two runs in one process, or two processes) never share a file.
  const tmp = tempPathFor(path.join(dir, `${key}.u8`));
  const fd = fs.openSync(tmp, "w");
  const corrupt: CorruptImage[] = [];
  let next = 0;
  let done = 0;
  let failure: unknown;
  const worker = async () => {
    // In fail mode every worker stops at the first error: decoding the rest would only delay it.
    while (next < m.rows.length && failure === undefined) {
      const row = next++;
      const file = path.join(m.root, m.rows[row].path);
      let pixels: Uint8Array;
      try {
        pixels = await decodeResized(file, opts.size);
      } catch (e) {
        if (!(e instanceof ImageReadError) || policy === "fail") {
          failure ??= e;
          return;
        }
        corrupt.push({ row, path: m.rows[row].path, reason: e.reason });
        pixels = new Uint8Array(per);
      }
      fs.writeSync(fd, pixels, 0, per, row * per);
      opts.onProgress?.(++done, m.rows.length);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  if (failure !== undefined) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw failure;
  }
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  corrupt.sort((a, b) => a.row - b.row);
  const index: CacheIndex = { dataset: m.dataset, size: opts.size, rows: m.rows.length, corrupt };
  // Pixels before index: the index is what says the cache is complete.
  renameDurably(tmp, path.join(dir, `${key}.u8`));
  writeFileAtomic(path.join(dir, `${key}.json`), JSON.stringify(index, null, 1) + "\n");
  return index;
}
