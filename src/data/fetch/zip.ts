/**
 * A zip reader for extraction: the central directory (with zip64, since BACH's archive is ~10 GB) is
 * read and every entry checked before anything is written; entries are then inflated one by one and
 * their CRC-32 verified. Encrypted entries and methods other than stored/deflate reject the archive.
 */
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { FetchError } from "./errors";
import { ExtractSink } from "./extract-sink";
import { checkLinkTarget, safeEntryPath } from "./safe-path";

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  kind: "file" | "dir" | "symlink";
  mode: number;
  encrypted: boolean;
}

const corrupt = (why: string) => new FetchError("corrupt-archive", `zip archive is truncated or corrupt (${why})`);

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  const n = fs.readSync(fd, b, 0, len, pos);
  if (n !== len) throw corrupt(`cannot read ${len} bytes at offset ${pos}`);
  return b;
}

const u64 = (b: Buffer, o: number) => Number(b.readBigUInt64LE(o));

/** The central directory's entries. */
export function readZipEntries(file: string): ZipEntry[] {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const tailLen = Math.min(size, 65557);
    const tail = readAt(fd, size - tailLen, tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw corrupt("no end-of-central-directory record");
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locPos = size - tailLen + eocd - 20;
      const loc = readAt(fd, locPos, 20);
      if (loc.readUInt32LE(0) !== 0x07064b50) throw corrupt("zip64 locator missing");
      const z = readAt(fd, u64(loc, 8), 56);
      if (z.readUInt32LE(0) !== 0x06064b50) throw corrupt("zip64 end record missing");
      count = u64(z, 32);
      cdSize = u64(z, 40);
      cdOffset = u64(z, 48);
    }
    if (cdOffset + cdSize > size) throw corrupt("central directory lies beyond the end of the file");
    const cd = readAt(fd, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw corrupt(`bad central directory entry ${i}`);
      const madeBy = cd.readUInt16LE(p + 4) >> 8;
      const flags = cd.readUInt16LE(p + 8);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const external = cd.readUInt32LE(p + 38);
      const name = cd.subarray(p + 46, p + 46 + nameLen).toString("utf8");
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      let localOffset = cd.readUInt32LE(p + 42);
      // zip64 extra field: the 64-bit values of the fields that were saturated, in this order.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const take = () => {
            const v = u64(cd, q);
            q += 8;
            return v;
          };
          if (uncompressed === 0xffffffff) uncompressed = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localOffset === 0xffffffff) localOffset = take();
        }
        e += 4 + len;
      }
      const unixMode = madeBy === 3 ? external >>> 16 : 0;
      const kind = name.endsWith("/") ? "dir" : (unixMode & 0o170000) === 0o120000 ? "symlink" : "file";
      entries.push({ name, method: cd.readUInt16LE(p + 10), crc: cd.readUInt32LE(p + 16), compressedSize, size: uncompressed, localOffset, kind, mode: unixMode & 0o777 || 0o644, encrypted: (flags & 1) === 1 });
      p = extraEnd + commentLen;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** Inflates one entry's data, handing chunks to `onChunk`; verifies size and CRC-32. */
async function entryData(file: string, fd: number, e: ZipEntry, onChunk: (b: Buffer) => void): Promise<void> {
  const local = readAt(fd, e.localOffset, 30);
  if (local.readUInt32LE(0) !== 0x04034b50) throw corrupt(`bad local header for '${e.name}'`);
  const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (e.compressedSize === 0) {
    if (e.size !== 0) throw corrupt(`'${e.name}' has no data`);
    return;
  }
  const raw = fs.createReadStream(file, { start, end: start + e.compressedSize - 1 });
  const stream = e.method === 8 ? raw.pipe(zlib.createInflateRaw()) : raw;
  let crc = 0;
  let n = 0;
  try {
    for await (const chunk of stream) {
      crc = zlib.crc32(chunk as Buffer, crc);
      n += (chunk as Buffer).length;
      onChunk(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if ((err as NodeJS.ErrnoException).code?.startsWith("Z_") || /unexpected end/i.test((err as Error).message)) throw corrupt(`'${e.name}': ${(err as Error).message}`);
    throw err;
  } finally {
    raw.destroy();
  }
  if (n !== e.size || crc >>> 0 !== e.crc) throw corrupt(`'${e.name}' fails its size/CRC-32 check`);
}

/** Checks every entry first (names, link targets, encryption, methods), then extracts them into the sink. */
export async function extractZip(file: string, sink: ExtractSink, onProgress?: (bytes: number) => void): Promise<void> {
  const entries = readZipEntries(file);
  const fd = fs.openSync(file, "r");
  try {
    const linkTargets = new Map<ZipEntry, string>();
    for (const e of entries) {
      const rel = safeEntryPath(e.name);
      if (e.encrypted) throw new FetchError("unsafe-archive", `zip entry '${e.name}' is encrypted: cannot extract`);
      if (e.kind !== "dir" && e.method !== 0 && e.method !== 8) throw new FetchError("corrupt-archive", `zip entry '${e.name}' uses compression method ${e.method} (only stored and deflate are supported)`);
      if (e.kind === "symlink") {
        if (e.size > 4096) throw new FetchError("unsafe-archive", `zip symlink '${e.name}' has an implausible target length`);
        const parts: Buffer[] = [];
        await entryData(file, fd, e, (b) => parts.push(b));
        const target = Buffer.concat(parts).toString("utf8");
        checkLinkTarget(rel, target, "symlink");
        linkTargets.set(e, target);
      }
    }
    let done = 0;
    for (const e of entries) {
      if (e.kind === "dir") {
        sink.dir(e.name);
      } else if (e.kind === "symlink") {
        sink.link(e.name, linkTargets.get(e)!, "symlink");
      } else {
        sink.openFile(e.name, e.mode);
        await entryData(file, fd, e, (b) => sink.write(b));
        sink.closeFile();
      }
      onProgress?.((done += e.compressedSize));
    }
  } finally {
    fs.closeSync(fd);
  }
}
