/**
 * Archive checksums. BACH publishes an md5 (Zenodo); BreakHis and Mini-DDSM publish none, so the
 * sha256 of the first good download is recorded in a lock file and later downloads must match it,
 * which catches a changed or tampered archive and a corrupt re-download.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileDigest } from "../../io/checksum";
import { FetchError } from "../../io/fetch-error";
import { writeFileAtomic } from "../../io/atomic-write";
import { withLock } from "../../io/pid-lock";

export interface LockEntry {
  file: string;
  bytes: number;
  sha256: string;
  url: string;
  recordedAt: string;
}

export function readLock(lockFile: string): Record<string, LockEntry> {
  if (!fs.existsSync(lockFile)) return {};
  try {
    return JSON.parse(fs.readFileSync(lockFile, "utf8"));
  } catch (e) {
    throw new Error(`${lockFile} is not valid JSON (${(e as Error).message}): fix or delete it`);
  }
}

/**
 * Verifies `file` for data set `id`: against `md5` when the source publishes one, and against the
 * lock file's sha256 when one was recorded; records the sha256 on the first good download.
 */
export async function verifyArchive(id: string, file: string, opts: { md5?: string; lockFile: string; url: string }): Promise<{ sha256: string; recorded: boolean }> {
  if (opts.md5) {
    const md5 = await fileDigest(file, "md5");
    if (md5 !== opts.md5) throw new FetchError("checksum", `${path.basename(file)}: md5 ${md5} does not match the published ${opts.md5} (corrupt or truncated download; delete it and run again)`);
  }
  const sha256 = await fileDigest(file, "sha256");
  const lock = readLock(opts.lockFile);
  const known = lock[id];
  if (known) {
    if (known.sha256 !== sha256) {
      throw new FetchError("checksum", `${path.basename(file)}: sha256 ${sha256} differs from the one recorded in ${opts.lockFile} (${known.sha256}); the download is corrupt or the archive changed`);
    }
    return { sha256, recorded: false };
  }
  const entry: LockEntry = { file: path.basename(file), bytes: fs.statSync(file).size, sha256, url: opts.url, recordedAt: new Date().toISOString() };
  // Read again under the lock: another data set fetched at the same time may have recorded its own.
  await withLock(`${opts.lockFile}.writing`, async () => writeFileAtomic(opts.lockFile, JSON.stringify({ ...readLock(opts.lockFile), [id]: entry }, null, 2) + "\n"));
  return { sha256, recorded: true };
}
