/** Hand-made finished runs (what `loadRunResult` returns) for the Table 2, 7-12 tests: no training. */
import type { ExperimentMetrics } from "../../src/experiments/run";
import type { TrainRequest } from "../../src/experiments/spec";
import { testMetrics, type TestMetrics } from "../../src/experiments/test-metrics";
import type { EpochRecord } from "../../src/training/epoch-log";
import type { RunResult } from "../../src/reproduction/run-results";

export interface FixtureRun {
  request: Partial<TrainRequest> & Pick<TrainRequest, "model" | "dataset">;
  labels: number[];
  predictions: number[];
  /** Row-major [n, C]; default: one-hot of the predictions. */
  probabilities?: number[];
  classNames?: string[];
  /** Per-epoch validation losses and wall times (convergence = sum of times up to the lowest loss). */
  valLoss?: number[];
  epochSeconds?: number[];
  parameters?: number;
  leakage?: RunResult["data"]["leakage"];
}

export function fixtureRun(f: FixtureRun): RunResult {
  const C = f.classNames?.length ?? Math.max(...f.labels, ...f.predictions) + 1;
  const n = f.labels.length;
  const probabilities = f.probabilities ?? f.predictions.flatMap((p) => Array.from({ length: C }, (_, j) => (j === p ? 1 : 0)));
  const classNames = f.classNames ?? Array.from({ length: C }, (_, i) => `class${i}`);
  const valLoss = f.valLoss ?? [0.5];
  const epochSeconds = f.epochSeconds ?? valLoss.map(() => 10);
  const best = valLoss.indexOf(Math.min(...valLoss));
  const history: EpochRecord[] = valLoss.map((v, i) => ({
    epoch: i + 1,
    trainLoss: 1 / (i + 1),
    trainAccuracy: 0.5,
    valLoss: v,
    valAccuracy: 0.5,
    valMetrics: {},
    step: (i + 1) * 10,
    images: 100,
    imagesPerSecond: 100 / epochSeconds[i],
    epochSeconds: epochSeconds[i],
    trainingSeconds: epochSeconds.slice(0, i + 1).reduce((a, b) => a + b, 0),
    best: i === best,
    finishedAt: "2026-01-01T00:00:00.000Z",
  }));
  const request: TrainRequest = { split: "paper", profile: "ci", seed: 0, ...f.request };
  const test = testMetrics({
    numClasses: C,
    classNames,
    logits: Float32Array.from(probabilities),
    probabilities: Float32Array.from(probabilities),
    predictions: Int32Array.from(f.predictions),
    labels: Int32Array.from(f.labels),
    indices: Int32Array.from(f.labels.map((_, i) => i)),
    loss: 0.5,
  });
  const metrics = {
    key: `fixture-${request.model}-${request.dataset}-${request.magnification ?? ""}-${request.split}-${request.attentionAfter ?? ""}`,
    label: "fixture",
    evaluatedEpoch: best + 1,
    testLoss: 0.5,
    test,
    convergence: { definition: "fixture", bestEpoch: best + 1, bestValLoss: valLoss[best], seconds: epochSeconds.slice(0, best + 1).reduce((a, b) => a + b, 0) },
    epochSeconds,
    trainingSeconds: epochSeconds.reduce((a, b) => a + b, 0),
    epochs: valLoss.length,
    parameters: f.parameters ?? 1000,
  } as unknown as ExperimentMetrics<TestMetrics>;
  return {
    request,
    key: metrics.key,
    metrics,
    predictions: { numClasses: C, classNames, labels: f.labels, predictions: f.predictions, probabilities, indices: f.labels.map((_, i) => i) },
    history,
    data: { split: { kind: request.split, train: 6 * n, val: n, test: n }, ...(f.leakage ? { leakage: f.leakage } : {}) },
    parameters: f.parameters ?? 1000,
  };
}

/** The hand-computed binary case used across the tests (class 1 = malignant). */
export const BINARY = {
  labels: [0, 0, 0, 1, 1, 1, 1, 1],
  predictions: [0, 0, 1, 1, 1, 1, 1, 0],
  // malignant probabilities 0.1 0.2 0.6 | 0.9 0.8 0.7 0.65 0.4: 14 of the 15 (positive, negative) pairs ordered right
  probabilities: [0.9, 0.1, 0.8, 0.2, 0.4, 0.6, 0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.35, 0.65, 0.6, 0.4],
};
