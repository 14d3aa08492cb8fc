/**
 * `dala data fetch weights <model>`: downloads a model's published ImageNet checkpoint
 * (model.safetensors, see each builder's weights source) into `<cache>/weights/<repo>/`, and pins its
 * SHA-256 in `<cache>/weights/weights.lock.json`: the first download records the hash (or checks it
 * against the one Hugging Face announces), every later fetch or re-use must match it. The transfer
 * itself (resume, retries, disk space, one-line errors) is src/io/download, shared with the data sets.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { IncomingHttpHeaders } from "node:http";
import { cacheDir } from "../paths";
import { modelEntry } from "../models/registry";
import type { WeightsSource } from "../models/types";
import { download } from "../io/download";
import { fileDigest } from "../io/checksum";
import { writeFileAtomic } from "../io/atomic-write";
import { heldMessage, withLock } from "../io/pid-lock";

export interface DownloadProgress {
  received: number;
  /** Total size when the server says it, else undefined. */
  total?: number;
}

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
  /** Resumed attempts after a dropped connection before giving up (default 5). */
  retries?: number;
  /** Status messages: another process fetching the same file (default: stderr). */
  log?: (message: string) => void;
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

/** Pins one repository, read-modify-write under a lock so that fetches of other models at the same time keep theirs. */
async function pin(file: string, repo: string, entry: LockEntry, log: (message: string) => void): Promise<void> {
  const writing = `${file}.writing`;
  await withLock(writing, async () => writeFileAtomic(file, JSON.stringify({ ...readLock(file), [repo]: entry }, null, 2) + "\n"), {
    onWait: (h) => log(heldMessage(file, writing, h)),
  });
}

/** The SHA-256 Hugging Face announces for LFS files (X-Linked-ETag), when the response carries one. */
function announcedSha256(headers: IncomingHttpHeaders): string | undefined {
  const etag = String(headers["x-linked-etag"] ?? headers.etag ?? "");
  return /^(?:W\/)?"?([0-9a-f]{64})"?$/.exec(etag.trim())?.[1];
}

/** Two processes fetching the same checkpoint (a plan run in parallel) take turns: the second finds it fetched. */
export async function fetchWeights(model: string, opts: FetchWeightsOptions = {}): Promise<FetchWeightsResult> {
  const file = weightsFile(model, opts.dir ?? weightsDir());
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const fetching = `${file}.fetching`;
  return withLock(fetching, () => fetchUnlocked(model, file, opts, log), { onWait: (h) => log(heldMessage(file, fetching, h)) });
}

async function fetchUnlocked(model: string, file: string, opts: FetchWeightsOptions, log: (message: string) => void): Promise<FetchWeightsResult> {
  const source = sourceOf(model);
  const lockFile = path.join(opts.dir ?? weightsDir(), "weights.lock.json");
  const pinned = readLock(lockFile)[source.repo];
  const cached = fs.existsSync(file);
  let announced: string | undefined;
  if (!cached) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const url = opts.url ?? source.url;
    await download(url, file, {
      retries: opts.retries,
      onProgress: (received, total) => opts.onProgress?.({ received, total }),
      onHeaders: (h) => (announced = announcedSha256(h) ?? announced),
    });
  }
  const sha256 = await fileDigest(file, "sha256");
  for (const [what, expected] of [[`pinned in ${lockFile}`, pinned?.sha256], ["announced by the server", announced]] as const) {
    if (expected && expected !== sha256) {
      if (!cached) fs.rmSync(file);
      throw new Error(
        `${file}: SHA-256 ${sha256} differs from the one ${what} (${expected}); ` +
          (cached ? "delete the file to download it again" : "the download was discarded"),
      );
    }
  }
  const size = fs.statSync(file).size;
  if (!pinned) await pin(lockFile, source.repo, { url: source.url, sha256, size }, log);
  return { model, source, file, sha256, size, cached };
}
