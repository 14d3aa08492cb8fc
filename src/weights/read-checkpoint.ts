import * as fs from "node:fs";
import { parseSafetensors, type Safetensors } from "../io/safetensors";

/**
 * Reads a safetensors file as a plain Uint8Array view: `parseSafetensors` copies each tensor with
 * `subarray().slice()`, which on a Node Buffer is another view of the whole file, not a copy.
 */
export function readCheckpoint(file: string): Safetensors {
  if (!fs.existsSync(file)) throw new Error(`checkpoint ${file} not found`);
  const buf = fs.readFileSync(file);
  return parseSafetensors(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), file);
}
