/**
 * A streaming reader for (gzipped) tar archives: ustar, pax extended headers and GNU long names,
 * which is what `tar` writes today. Regular files, folders and links are passed to an ExtractSink;
 * device files and FIFOs reject the archive. Header checksums are verified, so a corrupt archive is
 * reported as such instead of producing garbage files.
 */
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { FetchError } from "./errors";
import { ExtractSink } from "./extract-sink";

const BLOCK = 512;

function text(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const end = s.indexOf(0);
  return s.subarray(0, end < 0 ? s.length : end).toString("utf8");
}

function octal(b: Buffer, start: number, len: number): number {
  // GNU base-256 for sizes above 8 GiB: high bit of the first byte set.
  if (b[start] & 0x80) {
    let v = b[start] & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[start + i];
    return v;
  }
  const s = text(b, start, len).trim();
  return s ? parseInt(s, 8) : 0;
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === octal(h, 148, 8);
}

/** Pax records: "<len> key=value\n". */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(32, i);
    if (sp < 0) break;
    const len = parseInt(data.subarray(i, sp).toString(), 10);
    if (!(len > 0)) break;
    const rec = data.subarray(sp + 1, i + len - 1).toString("utf8");
    const eq = rec.indexOf("=");
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/** Push parser: feed chunks with `write`, then `end` to check the archive was complete. */
export class TarParser {
  private pending = Buffer.alloc(0);
  private remaining = 0;
  private padding = 0;
  private meta: Buffer[] | undefined;
  private metaType = "";
  private next: { path?: string; linkpath?: string } = {};
  private inFile = false;
  private ended = false;

  constructor(private sink: ExtractSink) {}

  write(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, buf.length);
        const part = buf.subarray(0, n);
        if (this.meta) this.meta.push(Buffer.from(part));
        else if (this.inFile) this.sink.write(part);
        this.remaining -= n;
        buf = buf.subarray(n);
        if (this.remaining === 0) this.finishEntry();
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, buf.length);
        this.padding -= n;
        buf = buf.subarray(n);
        continue;
      }
      if (this.ended) return;
      if (buf.length < BLOCK) break;
      this.header(buf.subarray(0, BLOCK));
      buf = buf.subarray(BLOCK);
    }
    this.pending = Buffer.from(buf);
  }

  end(): void {
    if (this.remaining > 0 || this.padding > 0 || (!this.ended && this.pending.length)) {
      throw new FetchError("corrupt-archive", "archive is truncated (it ends inside an entry)");
    }
    if (!this.ended) throw new FetchError("corrupt-archive", "archive is truncated (no end-of-archive marker)");
  }

  private header(h: Buffer): void {
    if (h.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    if (!checksumOk(h)) throw new FetchError("corrupt-archive", "archive is corrupt (tar header checksum mismatch)");
    const type = String.fromCharCode(h[156] || 48);
    const size = octal(h, 124, 12);
    const prefix = h.subarray(257, 262).toString() === "ustar" ? text(h, 345, 155) : "";
    const name = this.next.path ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
    const linkname = this.next.linkpath ?? text(h, 157, 100);
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (type === "x" || type === "g" || type === "L" || type === "K") {
      this.meta = [];
      this.metaType = type;
      if (size === 0) this.finishEntry();
      return;
    }
    this.next = {};
    switch (type) {
      case "0":
      case "7":
        this.sink.openFile(name, octal(h, 100, 8));
        this.inFile = true;
        if (size === 0) this.finishEntry();
        return;
      case "5":
        this.sink.dir(name);
        return;
      case "1":
        this.sink.link(name, linkname, "hardlink");
        return;
      case "2":
        this.sink.link(name, linkname, "symlink");
        return;
      default:
        throw new FetchError("unsafe-archive", `archive entry '${name}' has type '${type}' (device, FIFO or unknown): refusing to extract`);
    }
  }

  private finishEntry(): void {
    if (this.meta) {
      const data = Buffer.concat(this.meta);
      if (this.metaType === "x") {
        const pax = parsePax(data);
        this.next = { path: pax.path ?? this.next.path, linkpath: pax.linkpath ?? this.next.linkpath };
      } else if (this.metaType === "L") {
        this.next.path = text(data, 0, data.length);
      } else if (this.metaType === "K") {
        this.next.linkpath = text(data, 0, data.length);
      }
      this.meta = undefined;
      return;
    }
    if (this.inFile) {
      this.sink.closeFile();
      this.inFile = false;
    }
  }
}

/** Extracts a .tar or .tar.gz file into the sink's folder. */
export async function extractTar(archive: string, sink: ExtractSink, gzipped: boolean, onProgress?: (bytes: number) => void): Promise<void> {
  const parser = new TarParser(sink);
  const input = fs.createReadStream(archive);
  let read = 0;
  input.on("data", (c) => onProgress?.((read += c.length)));
  const stream = gzipped ? input.pipe(zlib.createGunzip()) : input;
  try {
    for await (const chunk of stream) parser.write(chunk as Buffer);
  } catch (e) {
    if (e instanceof FetchError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "Z_BUF_ERROR" || code === "Z_DATA_ERROR" || /unexpected end/i.test((e as Error).message)) {
      throw new FetchError("corrupt-archive", `archive ${archive} is truncated or corrupt (${(e as Error).message})`);
    }
    throw e;
  } finally {
    input.destroy();
  }
  parser.end();
}
