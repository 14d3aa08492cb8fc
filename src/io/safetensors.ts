/**
 * The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header
 * length, a JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian
 * data. Used for published PyTorch weights, the conformance fixtures and the kit's own checkpoints.
 */
import * as fs from "node:fs";
import { writeFileAtomic } from "./atomic-write";

export type SafetensorsDtype = "F32" | "F64" | "F16" | "BF16" | "I64" | "I32" | "I16" | "I8" | "U8" | "BOOL";
export type TypedData = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | BigInt64Array;

export interface NamedTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: TypedData;
}

export interface Safetensors {
  tensors: Record<string, NamedTensor>;
  metadata: Record<string, string>;
}

const BYTES: Record<SafetensorsDtype, number> = { F64: 8, I64: 8, F32: 4, I32: 4, F16: 2, BF16: 2, I16: 2, I8: 1, U8: 1, BOOL: 1 };

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function decode(dtype: SafetensorsDtype, bytes: Uint8Array): TypedData {
  // Copy so the result is aligned and independent of the (possibly huge) file buffer. (`Buffer#slice`
  // returns a view, so copy through the Uint8Array constructor.)
  const buf = new Uint8Array(bytes).buffer;
  switch (dtype) {
    case "F32": return new Float32Array(buf);
    case "F64": return new Float64Array(buf);
    case "I64": return new BigInt64Array(buf);
    case "I32": return new Int32Array(buf);
    case "I16": return new Int16Array(buf);
    case "I8": return new Int8Array(buf);
    case "U8": case "BOOL": return new Uint8Array(buf);
    case "F16": {
      const u16 = new Uint16Array(buf);
      return Float32Array.from(u16, halfToFloat);
    }
    case "BF16": {
      const u16 = new Uint16Array(buf);
      const out = new Uint32Array(u16.length);
      for (let i = 0; i < u16.length; i++) out[i] = u16[i] << 16;
      return new Float32Array(out.buffer);
    }
  }
}

interface HeaderEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

/** The reference implementation's limit on the JSON header (safetensors' MAX_HEADER_SIZE). */
const MAX_HEADER_BYTES = 100_000_000;

function headerEntry(name: string, entry: any, source: string): HeaderEntry {
  const { dtype, shape, data_offsets } = (entry ?? {}) as { dtype: SafetensorsDtype; shape: number[]; data_offsets: [number, number] };
  if (!(dtype in BYTES)) throw new Error(`${source}: tensor '${name}' has unsupported dtype ${dtype}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new Error(`${source}: tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
  }
  const [begin, end] = Array.isArray(data_offsets) ? data_offsets : [NaN, NaN];
  if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || begin < 0 || end < begin) {
    throw new Error(`${source}: tensor '${name}' has invalid data_offsets ${JSON.stringify(data_offsets)}`);
  }
  return { name, dtype, shape, begin, end };
}

/**
 * The byte ranges must tile the data section exactly, as the reference implementation's
 * `Metadata::validate` demands: sorted by offset, each tensor starts where the previous one ended
 * (no shared bytes, no gaps), holds exactly product(shape) * dtype size bytes, and the last one ends
 * at the end of the file.
 */
function checkLayout(entries: HeaderEntry[], dataBytes: number, source: string): void {
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  let previous: HeaderEntry | undefined;
  for (const e of entries) {
    const after = previous ? ` (after tensor '${previous.name}', which ends at ${expected})` : "";
    if (e.begin < expected) throw new Error(`${source}: tensor '${e.name}' byte range [${e.begin}, ${e.end}) overlaps the bytes of tensor '${previous!.name}' [${previous!.begin}, ${previous!.end})`);
    if (e.begin > expected) throw new Error(`${source}: tensor '${e.name}' starts at byte ${e.begin}, leaving ${e.begin - expected} unused bytes before it${after}`);
    const size = e.shape.reduce((a, b) => a * b, 1) * BYTES[e.dtype];
    if (e.end - e.begin !== size) throw new Error(`${source}: tensor '${e.name}' byte range [${e.begin}, ${e.end}) holds ${e.end - e.begin} bytes; shape [${e.shape}] of ${e.dtype} needs ${size}`);
    if (e.end > dataBytes) throw new Error(`${source}: tensor '${e.name}' byte range [${e.begin}, ${e.end}) runs past the end of the file (${dataBytes} data bytes): truncated?`);
    expected = e.end;
    previous = e;
  }
  if (expected !== dataBytes) {
    throw new Error(`${source}: ${dataBytes - expected} bytes after the last tensor${previous ? ` ('${previous.name}', ending at ${expected})` : ""} belong to no tensor`);
  }
}

/**
 * Parses a safetensors byte buffer. F16/BF16 are widened to Float32Array. Malformed files throw with
 * the tensor named: the same files the reference implementation refuses.
 */
export function parseSafetensors(bytes: Uint8Array, source = "<buffer>"): Safetensors {
  if (bytes.length < 8) throw new Error(`${source}: not a safetensors file (shorter than its 8-byte header length)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > MAX_HEADER_BYTES) throw new Error(`${source}: header length ${headerLen} exceeds the ${MAX_HEADER_BYTES}-byte limit (not a safetensors file?)`);
  if (8 + headerLen > bytes.length) throw new Error(`${source}: truncated safetensors file (header says ${headerLen} bytes)`);
  let header: Record<string, any>;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    throw new Error(`${source}: unreadable safetensors header: ${(e as Error).message}`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) throw new Error(`${source}: safetensors header is not a JSON object`);
  const dataStart = 8 + headerLen;
  const entries = Object.entries(header)
    .filter(([name]) => name !== "__metadata__")
    .map(([name, entry]) => headerEntry(name, entry, source));
  checkLayout([...entries], bytes.length - dataStart, source);
  const tensors: Record<string, NamedTensor> = {};
  for (const { name, dtype, shape, begin, end } of entries) {
    tensors[name] = { dtype, shape, data: decode(dtype, bytes.subarray(dataStart + begin, dataStart + end)) };
  }
  return { tensors, metadata: header.__metadata__ ?? {} };
}

export function readSafetensors(file: string): Safetensors {
  return parseSafetensors(fs.readFileSync(file), file);
}

function dtypeOf(data: TypedData): SafetensorsDtype {
  if (data instanceof Float32Array) return "F32";
  if (data instanceof Float64Array) return "F64";
  if (data instanceof BigInt64Array) return "I64";
  if (data instanceof Int32Array) return "I32";
  if (data instanceof Int16Array) return "I16";
  if (data instanceof Int8Array) return "I8";
  return "U8";
}

/** Serialises tensors (in the given key order) to safetensors bytes. */
export function serializeSafetensors(tensors: Record<string, { shape: number[]; data: TypedData }>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: dtypeOf(t.data), shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((json.length + 8) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const t of Object.values(tensors)) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    pos += t.data.byteLength;
  }
  return out;
}

/** Writes atomically and durably, so a kill or crash mid-write never leaves a truncated checkpoint. */
export function writeSafetensors(file: string, tensors: Record<string, { shape: number[]; data: TypedData }>, metadata: Record<string, string> = {}): void {
  writeFileAtomic(file, serializeSafetensors(tensors, metadata));
}
