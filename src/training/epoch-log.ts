/**
 * The per-epoch record and the run's `log.jsonl` (one JSON object per line, one line per epoch), which
 * notebooks read for training curves.
 */
import * as fs from "node:fs";
import { writeFileAtomic } from "../io/atomic-write";

export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Further validation metrics (macro F1, balanced accuracy, ...). */
  valMetrics: Record<string, number>;
  /** Optimizer steps taken so far. */
  step: number;
  images: number;
  imagesPerSecond: number;
  /** Wall time of this epoch: training pass + validation pass (checkpoint writes excluded). */
  epochSeconds: number;
  /** Sum of epochSeconds up to and including this one. */
  trainingSeconds: number;
  /** This epoch has the lowest validation loss so far (its weights are in best.safetensors). */
  best: boolean;
  finishedAt: string;
}

export function appendJsonl(file: string, record: unknown): void {
  fs.appendFileSync(file, JSON.stringify(record) + "\n");
}

/** Reads a JSONL file; a malformed line is an error naming the file and line. */
export function readJsonl<T = unknown>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not valid JSON: ${(e as Error).message}`);
      }
    });
}

/** Replaces a JSONL file atomically and durably. */
export function writeJsonl(file: string, records: readonly unknown[]): void {
  writeFileAtomic(file, records.map((r) => JSON.stringify(r) + "\n").join(""));
}
