/** Builders for small tar, tar.gz and zip archives, including malicious ones, for the fetch tests. */
import * as zlib from "node:zlib";

export interface Entry {
  name: string;
  type?: "file" | "dir" | "symlink" | "hardlink";
  data?: string | Buffer;
  target?: string;
}

function header(name: string, size: number, type: string, linkname = "", mode = 0o644): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, "utf8");
  h.write(mode.toString(8).padStart(7, "0") + "\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(size.toString(8).padStart(11, "0") + "\0", 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write(type, 156);
  h.write(linkname, 157, 100, "utf8");
  h.write("ustar\0", 257);
  h.write("00", 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return h;
}

const pad = (n: number) => Buffer.alloc((512 - (n % 512)) % 512);

export function tar(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const type = e.type ?? "file";
    if (type === "file") {
      const data = Buffer.from(e.data ?? "");
      // Names over 100 bytes go in a pax header, as GNU tar writes them.
      if (Buffer.byteLength(e.name) > 100) {
        const rec = ` path=${e.name}\n`;
        let len = rec.length + 1;
        while (String(len).length + rec.length !== len) len = String(len).length + rec.length;
        const pax = Buffer.from(`${len}${rec}`);
        parts.push(header("PaxHeader", pax.length, "x"), pax, pad(pax.length));
      }
      parts.push(header(e.name.slice(0, 100), data.length, "0"), data, pad(data.length));
    } else if (type === "dir") {
      parts.push(header(e.name, 0, "5", "", 0o755));
    } else {
      parts.push(header(e.name, 0, type === "symlink" ? "2" : "1", e.target ?? ""));
    }
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const tarGz = (entries: Entry[]) => zlib.gzipSync(tar(entries));

/** A zip (deflate; symlinks as Unix entries whose data is the target). */
export function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const type = e.type ?? "file";
    const name = Buffer.from(type === "dir" && !e.name.endsWith("/") ? e.name + "/" : e.name);
    const raw = Buffer.from(type === "symlink" ? e.target ?? "" : e.data ?? "");
    const data = zlib.deflateRawSync(raw);
    const crc = zlib.crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    const mode = type === "symlink" ? 0o120777 : type === "dir" ? 0o40755 : 0o100644;
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
