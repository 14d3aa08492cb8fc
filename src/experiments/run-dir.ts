/**
 * The results tree: `<results>/runs/<key>/` per experiment, holding
 *   config.json                    the spec, what the registry resolved, data description, provenance
 *   log.jsonl                      one line per epoch (training curves)
 *   last.safetensors               weights + Adam state + position (for --resume)
 *   best.safetensors               weights of the epoch with the lowest validation loss
 *   test-predictions.safetensors   logits, probabilities, predictions, labels, manifest rows (best weights)
 *   metrics.json                   test metrics, convergence time, per-epoch times, parameter count
 *   DONE                           written last; a run without it is unfinished
 *   LOCK                           while a process runs it: that process's PID, host and start
 * Runs are plain files keyed by hash, so a results directory shared between machines (or copied
 * together from several) is simply read: whoever finds `DONE` uses the run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../io/atomic-write";
import { buildSpec, experimentKey, type ExperimentSpec, type TrainRequest } from "./spec";

export const RESULT_FILES = {
  config: "config.json",
  metrics: "metrics.json",
  testPredictions: "test-predictions.safetensors",
  done: "DONE",
  lock: "LOCK",
} as const;

export function runDirectory(resultsRoot: string, key: string): string {
  return path.join(resultsRoot, "runs", key);
}

export function isDone(resultsRoot: string, key: string): boolean {
  return fs.existsSync(path.join(runDirectory(resultsRoot, key), RESULT_FILES.done));
}

/** Writes JSON atomically and durably, so readers never see half a file. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n");
}

export function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

export interface FinishedRun<M = unknown> {
  key: string;
  dir: string;
  spec: ExperimentSpec;
  metrics: M;
}

/** Every finished run under a results directory (unfinished ones are skipped). */
export function finishedRuns<M = unknown>(resultsRoot: string): FinishedRun<M>[] {
  const runs = path.join(resultsRoot, "runs");
  if (!fs.existsSync(runs)) return [];
  return fs
    .readdirSync(runs)
    .sort()
    .filter((key) => fs.existsSync(path.join(runs, key, RESULT_FILES.done)))
    .map((key) => {
      const dir = path.join(runs, key);
      const config = readJson<{ spec: ExperimentSpec }>(path.join(dir, RESULT_FILES.config));
      return { key, dir, spec: config.spec, metrics: readJson<M>(path.join(dir, RESULT_FILES.metrics)) };
    });
}

/**
 * The finished run of a request (what a notebook asks for), or undefined if nobody ran it yet. A request
 * that names no micro-batch is the paper's batch in whatever passes the machine that trained it needed:
 * the whole batch in one pass (a GPU) is taken first, then micro-batches from the largest down (wasm's 8
 * at 224 px), so runs trained elsewhere are found whatever backend the notebook runs on.
 */
export function findFinishedRun<M = unknown>(resultsRoot: string, request: TrainRequest): FinishedRun<M> | undefined {
  for (const microBatchSize of microBatchCandidates(request)) {
    const key = experimentKey(buildSpec({ ...request, microBatchSize }));
    if (!isDone(resultsRoot, key)) continue;
    const dir = runDirectory(resultsRoot, key);
    const config = readJson<{ spec: ExperimentSpec }>(path.join(dir, RESULT_FILES.config));
    return { key, dir, spec: config.spec, metrics: readJson<M>(path.join(dir, RESULT_FILES.metrics)) };
  }
  return undefined;
}

function microBatchCandidates(request: TrainRequest): (number | undefined)[] {
  if (request.microBatchSize !== undefined || request.frozenTrunk) return [request.microBatchSize];
  const batch = buildSpec(request).training.batchSize;
  const divisors = Array.from({ length: batch - 1 }, (_, i) => batch - 1 - i).filter((d) => batch % d === 0);
  return [undefined, ...divisors];
}

/**
 * The profile's finished runs under `<resultsDir>/runs/`, split by when they finished (the time their DONE
 * file holds) against `startedAt`, with their summed training time: what `dala reproduce` records.
 */
export function countTrainingRuns(resultsDir: string, profile: string, startedAt: Date): { trainedNow: number; reused: number; trainingSeconds: number } {
  const counts = { trainedNow: 0, reused: 0, trainingSeconds: 0 };
  for (const run of finishedRuns<{ trainingSeconds?: number }>(resultsDir)) {
    if (run.spec.profile !== profile) continue;
    // DONE holds the finishing time; a DONE without one (written by hand, say) is dated by the file
    const done = path.join(run.dir, RESULT_FILES.done);
    const written = new Date(fs.readFileSync(done, "utf8").trim());
    const finished = Number.isNaN(written.getTime()) ? fs.statSync(done).mtime : written;
    if (finished >= startedAt) counts.trainedNow++;
    else counts.reused++;
    counts.trainingSeconds += run.metrics.trainingSeconds ?? 0;
  }
  return counts;
}
