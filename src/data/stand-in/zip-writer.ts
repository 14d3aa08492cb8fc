/**
 * Packs files into a zip as the real downloads are (BACH from Zenodo, Mini-DDSM from Kaggle): deflated
 * entries, with zip64 records where a size, an offset or the entry count outgrows the classic fields
 * (the real BACH archive is ~10 GB), so a full-size stand-in goes through the same zip64 reading as the
 * real one. Each file is compressed whole before its header is written, so sizes and CRC sit in the
 * local header and no data descriptors are needed; the stand-ins' files are at most ~10 MB.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { promisify } from "node:util";

const deflateRaw = promisify(zlib.deflateRaw);

const U16 = 0xffff;
const U32 = 0xffffffff;
/** MS-DOS date of 1980-01-01, the format's earliest: every entry gets it, so equal seeds give equal bytes. */
const DOS_DATE = (1 << 5) | 1;
/** "Version needed": 2.0 for deflate, 4.5 for zip64. */
const needs = (zip64: boolean) => (zip64 ? 45 : 20);

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** The zip64 extended-information extra field holding the given 64-bit values, in the order the spec fixes. */
function zip64Extra(values: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

function localHeader(e: Written, zip64: boolean): Buffer {
  const extra = zip64 ? zip64Extra([e.size, e.compressed]) : Buffer.alloc(0);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(needs(zip64), 4);
  h.writeUInt16LE(0x0800, 6); // names are UTF-8
  h.writeUInt16LE(8, 8); // deflate
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(zip64 ? U32 : e.compressed, 18);
  h.writeUInt32LE(zip64 ? U32 : e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  h.writeUInt16LE(extra.length, 28);
  return Buffer.concat([h, e.name, extra]);
}

function centralHeader(e: Written, limit: number): Buffer {
  const big = [e.size, e.compressed, e.offset].map((v) => v >= limit);
  const extra = big.some(Boolean) ? zip64Extra([e.size, e.compressed, e.offset].filter((_, i) => big[i])) : Buffer.alloc(0);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE((3 << 8) | 45, 4); // made by Unix, spec 4.5
  h.writeUInt16LE(needs(extra.length > 0), 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(8, 10);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(big[1] ? U32 : e.compressed, 20);
  h.writeUInt32LE(big[0] ? U32 : e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
  h.writeUInt32LE(big[2] ? U32 : e.offset, 42);
  return Buffer.concat([h, e.name, extra]);
}

function endRecords(count: number, cdOffset: number, cdSize: number, limit: number): Buffer {
  const zip64 = count >= Math.min(limit, U16) || cdOffset >= limit || cdSize >= limit;
  const parts: Buffer[] = [];
  if (zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE((3 << 8) | 45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(rec, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? U16 : count, 8);
  end.writeUInt16LE(zip64 ? U16 : count, 10);
  end.writeUInt32LE(zip64 ? U32 : cdSize, 12);
  end.writeUInt32LE(zip64 ? U32 : cdOffset, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

/**
 * Writes `out` holding `names` (paths relative to `root`, forward slashes) in that order. `limit` is
 * the value from which a field needs zip64 (2^32 - 1, as the format fixes it); tests lower it to
 * reach the zip64 records without writing gigabytes.
 */
export async function writeZip(out: string, root: string, names: string[], opts: { limit?: number } = {}): Promise<void> {
  const limit = opts.limit ?? U32;
  const fd = fs.openSync(out, "w");
  try {
    let offset = 0;
    const write = (b: Buffer) => {
      for (let done = 0; done < b.length; ) done += fs.writeSync(fd, b, done, b.length - done);
      offset += b.length;
    };
    const entries: Written[] = [];
    for (const name of names) {
      const raw = fs.readFileSync(path.join(root, ...name.split("/")));
      const data = await deflateRaw(raw);
      const e: Written = { name: Buffer.from(name), crc: zlib.crc32(raw), compressed: data.length, size: raw.length, offset };
      write(localHeader(e, raw.length >= limit || data.length >= limit));
      write(data);
      entries.push(e);
    }
    const cdOffset = offset;
    for (const e of entries) write(centralHeader(e, limit));
    write(endRecords(entries.length, cdOffset, offset - cdOffset, limit));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
