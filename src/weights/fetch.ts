/**
 * `dala data fetch weights <model>`: downloads a model's published ImageNet checkpoint
 * (model.safetensors, see each builder's weights source) into `<cache>/weights/<repo>/`, and pins its
 * SHA-256 in `<cache>/weights/weights.lock.json`: the first download records the hash (or checks it
 * against the one Hugging Face announces), every later fetch or re-use must match it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { cacheDir } from "../paths";
import { modelEntry } from "../models/registry";
import type { WeightsSource } from "../models/types";
import { download, sha256File, type DownloadProgress } from "./download";

export interface LockEntry {
  url: string;
  sha256: string;
  size: number;
}
export type WeightsLock = Record<string, LockEntry>;

export interface FetchWeightsOptions {
  /** Directory for checkpoints and the lock file (default `<DALA_CACHE>/weights`). */
  dir?: string;
  /** Replace the repository's URL (a mirror, or a local server in tests). */
  url?: string;
  onProgress?: (p: DownloadProgress) => void;
  fetchImpl?: typeof fetch;
}

export interface FetchWeightsResult {
  model: string;
  source: WeightsSource;
  file: string;
  sha256: string;
  size: number;
  /** true when a verified file was already there. */
  cached: boolean;
}

export function weightsDir(): string {
  return path.join(cacheDir(), "weights");
}

/** Where a model's checkpoint lives once fetched. */
export function weightsFile(model: string, dir = weightsDir()): string {
  const source = sourceOf(model);
  return path.join(dir, ...source.repo.split("/"), "model.safetensors");
}

function sourceOf(model: string): WeightsSource {
  const source = modelEntry(model).weightsSource;
  if (!source) throw new Error(`model '${model}' has no published weights (it is trained from scratch)`);
  return source;
}

function readLock(file: string): WeightsLock {
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as WeightsLock;
  } catch (e) {
    throw new Error(`${file}: unreadable lock file: ${(e as Error).message}`);
  }
}

function writeLock(file: string, lock: WeightsLock): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(lock, null, 2) + "\n");
  fs.renameSync(tmp, file);
}

export async function fetchWeights(model: string, opts: FetchWeightsOptions = {}): Promise<FetchWeightsResult> {
  const source = sourceOf(model);
  const dir = opts.dir ?? weightsDir();
  const file = weightsFile(model, dir);
  const lockFile = path.join(dir, "weights.lock.json");
  const lock = readLock(lockFile);
  const pinned = lock[source.repo];
  if (fs.existsSync(file)) {
    const sha256 = await sha256File(file);
    if (pinned && pinned.sha256 !== sha256) {
      throw new Error(`${file}: SHA-256 ${sha256} differs from ${pinned.sha256} pinned in ${lockFile}; delete the file to download it again`);
    }
    if (!pinned) writeLock(lockFile, { ...lock, [source.repo]: { url: source.url, sha256, size: fs.statSync(file).size } });
    return { model, source, file, sha256, size: fs.statSync(file).size, cached: true };
  }
  const result = await download(opts.url ?? source.url, file, { sha256: pinned?.sha256, onProgress: opts.onProgress, fetchImpl: opts.fetchImpl });
  writeLock(lockFile, { ...readLock(lockFile), [source.repo]: { url: source.url, sha256: result.sha256, size: result.size } });
  return { model, source, file, sha256: result.sha256, size: result.size, cached: false };
}
