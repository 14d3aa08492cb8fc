/**
 * Safe, all-or-nothing extraction: the archive is unpacked into `<target>.partial-<pid>` and renamed
 * to `<target>` only when every entry was checked and written, so an interrupted or refused
 * extraction never leaves a folder that looks like a complete data set.
 */
import * as fs from "node:fs";
import { FetchError, fsFailure } from "../../io/fetch-error";
import { ExtractSink } from "./extract-sink";
import { extractTar } from "./tar-reader";
import { extractZip } from "./zip-reader";

/** "tar" includes .tar.gz: node-tar recognises gzip itself. */
export type ArchiveKind = "zip" | "tar";

/** Recognises the archive by its first bytes, not its name. */
export function archiveKind(file: string): ArchiveKind {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(262);
  const n = fs.readSync(fd, head, 0, 262, 0);
  fs.closeSync(fd);
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar";
  if (n >= 4 && head.readUInt32LE(0) === 0x04034b50) return "zip";
  if (n >= 4 && head.readUInt32LE(0) === 0x06054b50) return "zip";
  if (n >= 262 && head.subarray(257, 262).toString() === "ustar") return "tar";
  throw new FetchError("corrupt-archive", `${file} is not a zip, tar or tar.gz archive (an HTML error page saved as the download?)`);
}

export async function extractArchive(archive: string, target: string, opts: { onProgress?: (bytes: number) => void } = {}): Promise<{ files: number }> {
  const kind = archiveKind(archive);
  const tmp = `${target}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const sink = new ExtractSink(tmp);
  try {
    if (kind === "zip") await extractZip(archive, sink, opts.onProgress);
    else await extractTar(archive, sink, opts.onProgress);
    sink.finish();
  } catch (e) {
    sink.abort();
    fs.rmSync(tmp, { recursive: true, force: true });
    throw fsFailure(e, `extracting ${archive}`);
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(tmp, target);
  return { files: sink.files };
}
