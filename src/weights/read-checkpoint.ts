import * as fs from "node:fs";
import { readSafetensors, type Safetensors } from "../io/safetensors";

/** Reads a checkpoint, with an error that says what to do when it is not there. */
export function readCheckpoint(file: string): Safetensors {
  if (!fs.existsSync(file)) throw new Error(`checkpoint ${file} not found (download published weights with 'dala data fetch weights <model>')`);
  return readSafetensors(file);
}
