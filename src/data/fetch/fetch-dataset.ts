/**
 * `dala data fetch <id>`: download (resumable), verify, extract (safely, all or nothing) and scan
 * one real data set into `<dataDir>/<id>/` with its manifest. A set counts as present only when its
 * manifest exists, and the manifest is written last.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Manifest } from "../manifest/types";
import { MANIFEST_JSON, loadManifest, saveManifest } from "../manifest/io";
import { scanDataset } from "../manifest/index";
import { download } from "../../io/download";
import { FetchError } from "../../io/fetch-error";
import { heldMessage, withLock } from "../../io/pid-lock";
import { extractArchive } from "./extract";
import { verifyArchive } from "./verify-archive";
import { kaggleAuthHeader, kaggleCredentials } from "./kaggle";
import { Progress } from "./progress";
import { getSource, type Source } from "./sources";

export interface FetchOptions {
  dataDir: string;
  /** Another address for the archive (a mirror, or a local server in tests). */
  url?: string;
  /** The archive's md5, in place of the published one (a stand-in, or another release of the set). */
  md5?: string;
  /** Lock file with the recorded sha256 sums (default `<dataDir>/checksums.lock.json`). */
  lockFile?: string;
  force?: boolean;
  retries?: number;
  retryDelayMs?: number;
  env?: NodeJS.ProcessEnv;
  home?: string;
  progress?: (stage: "download" | "extract", label: string) => Progress;
  log?: (line: string) => void;
}

/** Two processes fetching the same set take turns: the second finds it present (unless forced). */
export async function fetchDataset(id: string, opts: FetchOptions): Promise<Manifest> {
  const src = getSource(id);
  const log = opts.log ?? ((l: string) => console.error(l));
  const fetching = path.join(opts.dataDir, `${src.id}.fetching`);
  return withLock(fetching, () => fetchUnlocked(src, opts, log), { onWait: (h) => log(`${src.id}: ${heldMessage("the fetch", fetching, h)}`) });
}

/** The URL's host; undefined for a malformed URL, which the download then reports. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

async function fetchUnlocked(src: Source, opts: FetchOptions, log: (line: string) => void): Promise<Manifest> {
  const target = path.join(opts.dataDir, src.id);
  if (!opts.force && fs.existsSync(path.join(target, MANIFEST_JSON))) {
    log(`${src.id}: already present in ${target} (use --force to fetch again)`);
    return loadManifest(target);
  }
  const url = opts.url ?? src.url;
  // Kaggle credentials go to Kaggle only, never to a mirror; they are checked before any network
  // traffic, so their absence is the error shown.
  const toKaggle = src.kaggle && hostOf(url) === hostOf(src.url);
  const headers: Record<string, string> = toKaggle ? { authorization: kaggleAuthHeader(kaggleCredentials(opts.env, opts.home)) } : {};
  const downloads = path.join(opts.dataDir, "downloads");
  fs.mkdirSync(downloads, { recursive: true });
  const archive = path.join(downloads, src.archive);
  if (!fs.existsSync(archive)) {
    const bar = opts.progress?.("download", `${src.id}: downloading`);
    await download(url, archive, { headers, retries: opts.retries, retryDelayMs: opts.retryDelayMs, onProgress: bar ? (d, t) => bar.update(d, t) : undefined });
    bar?.finish();
  }
  log(`${src.id}: verifying ${src.archive}`);
  try {
    const { sha256, recorded } = await verifyArchive(src.id, archive, { md5: opts.md5 ?? src.md5, lockFile: opts.lockFile ?? path.join(opts.dataDir, "checksums.lock.json"), url });
    if (recorded) log(`${src.id}: recorded sha256 ${sha256} (later downloads must match it)`);
  } catch (e) {
    if (e instanceof FetchError && e.kind === "checksum") {
      fs.rmSync(archive, { force: true });
      throw new FetchError("checksum", `${e.message} [the archive was deleted]`);
    }
    throw e;
  }
  const total = fs.statSync(archive).size;
  const bar = opts.progress?.("extract", `${src.id}: extracting`);
  const { files } = await extractArchive(archive, target, { onProgress: bar ? (d) => bar.update(d, total) : undefined });
  bar?.finish();
  log(`${src.id}: ${files} files extracted into ${target}; scanning`);
  const manifest = await scanDataset(src.id, target);
  saveManifest(manifest, target);
  log(`${src.id}: ${manifest.rows.length} images in the manifest${manifest.problems.length ? `, ${manifest.problems.length} problems listed in ${path.join(target, MANIFEST_JSON)}` : ""}`);
  return manifest;
}
