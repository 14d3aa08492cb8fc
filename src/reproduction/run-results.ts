/**
 * A finished experiment as the reproduction tables read it: what was asked (the request), its metrics,
 * its test predictions (for bootstrap intervals and confusion matrices), its per-epoch log (training
 * curves) and its data description (split sizes, patient leakage). Read from `<results>/runs/<key>/`,
 * so notebook 05 can report on runs notebook 04 trained without training anything itself.
 */
import * as path from "node:path";
import type { ExperimentMetrics } from "../experiments/run";
import { RESULT_FILES, findFinishedRun, readJson } from "../experiments/run-dir";
import type { TrainRequest } from "../experiments/spec";
import type { TestMetrics } from "../experiments/test-metrics";
import { readJsonl, type EpochRecord } from "../training/epoch-log";
import { loadPredictions } from "../training/predict";
import { RUN_FILES } from "../training/trainer";
import { getProfile, hasSyntheticPixels } from "../profiles";
import type { ReportContext } from "../report/context";
import { notebookContext } from "./notebook-context";
import type { TestPredictions } from "../metrics/index";

/** What config.json says about the data (src/experiments/kit-data.ts). */
export interface RunDataDescription {
  images?: number;
  classNames?: string[];
  split?: { kind: string; train: number; val: number; test: number };
  leakage?: { patients: number; sharedPatients: number; pairs: Record<string, { patients: number; images: number }> };
}

export interface RunResult {
  request: TrainRequest;
  key: string;
  metrics: ExperimentMetrics<TestMetrics>;
  predictions: TestPredictions;
  history: EpochRecord[];
  data: RunDataDescription;
  /** The model's parameter count as trained (at the profile's width). */
  parameters: number;
}

/** The finished run of a request, or undefined when nobody has run it yet. */
export function loadRunResult(resultsRoot: string, request: TrainRequest): RunResult | undefined {
  const run = findFinishedRun<ExperimentMetrics<TestMetrics>>(resultsRoot, request);
  if (!run) return undefined;
  const p = loadPredictions(path.join(run.dir, RESULT_FILES.testPredictions));
  const config = readJson<{ data?: RunDataDescription }>(path.join(run.dir, RESULT_FILES.config));
  return {
    request,
    key: run.key,
    metrics: run.metrics,
    predictions: { numClasses: p.numClasses, classNames: p.classNames, labels: p.labels, predictions: p.predictions, probabilities: p.probabilities, indices: p.indices },
    history: readJsonl<EpochRecord>(path.join(run.dir, RUN_FILES.log)),
    data: config.data ?? {},
    parameters: run.metrics.parameters,
  };
}

/** The finished runs among `requests`, in their order, and the requests still missing. */
export function loadRunResults(resultsRoot: string, requests: readonly TrainRequest[]): { runs: RunResult[]; missing: TrainRequest[] } {
  const runs: RunResult[] = [];
  const missing: TrainRequest[] = [];
  for (const r of requests) {
    const found = loadRunResult(resultsRoot, r);
    if (found) runs.push(found);
    else missing.push(r);
  }
  return { runs, missing };
}

/** A report context for tables and figures made from runs: their data set(s) named, synthetic or not. */
export function runsReportContext(profile: string, notebook: string, requests: readonly TrainRequest[]): ReportContext {
  const p = getProfile(profile);
  const names = [...new Set(requests.map((r) => [r.dataset, r.magnification].filter(Boolean).join(" ")))];
  return notebookContext({ profile, notebook, dataset: names.join(", ") || (p.data === "synthetic" ? "synthetic" : "none"), synthetic: hasSyntheticPixels(p), seed: p.dataSeed });
}
