/**
 * Zip archives (zip64 included: BACH's is ~10 GB), read with yauzl and written through the kit's
 * ExtractSink. Every central-directory entry is checked (name, link target, encryption, method)
 * before anything is written; entries are then inflated one by one with their sizes (yauzl) and
 * CRC-32 (here: yauzl does not check it) verified.
 */
import * as zlib from "node:zlib";
import * as yauzl from "yauzl";
import { FetchError } from "../../io/fetch-error";
import { ExtractSink } from "./extract-sink";
import { checkLinkTarget, safeEntryPath } from "./safe-path";

interface Checked {
  entry: yauzl.Entry;
  name: string;
  kind: "file" | "dir" | "symlink";
  mode: number;
  target?: string;
}

const corrupt = (archive: string, why: string) => new FetchError("corrupt-archive", `zip archive ${archive} is truncated or corrupt (${why})`);

/** yauzl reports a damaged archive with plain Errors (and zlib's Z_ codes); file-system errors keep their code. */
function asFetchError(archive: string, e: unknown, entry?: string): unknown {
  if (e instanceof FetchError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code && !code.startsWith("Z_")) return e;
  return corrupt(archive, entry === undefined ? (e as Error).message : `'${entry}': ${(e as Error).message}`);
}

async function entryData(archive: string, zip: yauzl.ZipFile, c: Checked, onChunk: (b: Buffer) => void): Promise<void> {
  // An empty entry may be marked deflated with no deflate stream at all, which zlib would reject.
  if (c.entry.compressedSize === 0 && c.entry.uncompressedSize === 0) return;
  let crc = 0;
  try {
    for await (const chunk of await zip.openReadStreamPromise(c.entry)) {
      crc = zlib.crc32(chunk as Buffer, crc);
      onChunk(chunk as Buffer);
    }
  } catch (e) {
    throw asFetchError(archive, e, c.name);
  }
  if (crc >>> 0 !== c.entry.crc32) throw corrupt(archive, `'${c.name}' fails its CRC-32 check`);
}

async function checkEntries(archive: string, zip: yauzl.ZipFile): Promise<Checked[]> {
  const checked: Checked[] = [];
  for await (const entry of zip.eachEntry()) {
    // Names are decoded here (UTF-8 flag, Info-ZIP unicode path, else CP437) rather than by yauzl,
    // so that safeEntryPath, not yauzl's own name check, decides what is refused.
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
    const rel = safeEntryPath(name);
    if (entry.isEncrypted()) throw new FetchError("unsafe-archive", `zip entry '${name}' is encrypted: cannot extract`);
    const unixMode = entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0;
    const kind = name.endsWith("/") ? "dir" : (unixMode & 0o170000) === 0o120000 ? "symlink" : "file";
    if (kind !== "dir" && entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new FetchError("corrupt-archive", `zip entry '${name}' uses compression method ${entry.compressionMethod} (only stored and deflate are supported)`);
    }
    const c: Checked = { entry, name, kind, mode: unixMode & 0o777 || 0o644 };
    if (kind === "symlink") {
      if (entry.uncompressedSize > 4096) throw new FetchError("unsafe-archive", `zip symlink '${name}' has an implausible target length`);
      const parts: Buffer[] = [];
      await entryData(archive, zip, c, (b) => parts.push(b));
      c.target = Buffer.concat(parts).toString("utf8");
      checkLinkTarget(rel, c.target, "symlink");
    }
    checked.push(c);
  }
  return checked;
}

/** Checks every entry first, then extracts them into the sink. */
export async function extractZip(archive: string, sink: ExtractSink, onProgress?: (bytes: number) => void): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(archive, { autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (e) {
    throw asFetchError(archive, e);
  }
  try {
    let done = 0;
    for (const c of await checkEntries(archive, zip)) {
      if (c.kind === "dir") {
        sink.dir(c.name);
      } else if (c.kind === "symlink") {
        sink.link(c.name, c.target!, "symlink");
      } else {
        sink.openFile(c.name, c.mode);
        await entryData(archive, zip, c, (b) => sink.write(b));
        sink.closeFile();
      }
      onProgress?.((done += c.entry.compressedSize));
    }
  } catch (e) {
    throw asFetchError(archive, e);
  } finally {
    zip.close();
  }
}
