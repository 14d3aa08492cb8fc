/**
 * Replacing a file so that whoever looks, even after a SIGKILL or a power cut, finds the old content or
 * the new, never a mix: the bytes go to a temporary file in the same directory (a rename across file
 * systems is a copy), reach the disk (fsync) before the rename makes them the file, and the directory is
 * synced so the rename itself survives a crash. The temporary name is unique per process and call, so
 * two processes replacing the same file (a shared cache) never write into each other's bytes: the last
 * rename wins whole.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";

/** A name beside `file` that no other process or call uses (a killed writer leaves it behind, harmless). */
export function tempPathFor(file: string): string {
  return `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** Makes a rename or a new entry in `dir` durable; where directories cannot be opened (Windows), the OS orders it. */
export function syncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EISDIR" || (e as NodeJS.ErrnoException).code === "EPERM") return;
    throw e;
  }
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Moves a complete, synced file into place and makes the move durable. */
export function renameDurably(from: string, to: string): void {
  fs.renameSync(from, to);
  syncDirectory(path.dirname(to));
}

/** Writes `data` to `file` atomically and durably; the directory is created if missing. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const tmp = tempPathFor(file);
  const fd = fs.openSync(tmp, "wx");
  try {
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    renameDurably(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
