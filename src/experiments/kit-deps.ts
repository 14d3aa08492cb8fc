/**
 * The kit's own experiment dependencies (model registry, data sets, src/metrics), and running a list of
 * experiments with them: what `dala train` does for one and a notebook does for the grid it reports on.
 * Finished experiments are reused, unfinished ones continued, so a notebook re-run only trains what is missing.
 */
import { activeBackend } from "../backend/index";
import { resultsDir } from "../paths";
import type { ProgressOptions } from "../training/progress";
import { openExperimentData, type DataLocations } from "./kit-data";
import { buildExperimentModel } from "./kit-model";
import { runExperiment, type ExperimentDeps, type RunOutcome } from "./run";
import { specToRun } from "./micro-batch-fit";
import { buildSpec, type TrainRequest } from "./spec";
import { testMetrics, validationMetrics, type TestMetrics } from "./test-metrics";

export function kitDeps(opts: { weightsFile?: string; data?: DataLocations } = {}): ExperimentDeps<TestMetrics> {
  return {
    data: (spec) => openExperimentData(spec, opts.data),
    model: async (spec, numClasses) => buildExperimentModel(spec, numClasses, { weightsFile: opts.weightsFile }),
    testMetrics,
    validationMetrics,
  };
}

export interface RunRequestsOptions {
  resultsRoot?: string;
  progress?: ProgressOptions | false;
  log?: (message: string) => void;
  data?: DataLocations;
}

/**
 * Runs the requests one after another (reusing finished ones, resuming unfinished ones), each in the
 * micro-batches the active backend needs, as `dala train` would (src/experiments/micro-batch-fit.ts).
 */
export async function runRequests(requests: readonly TrainRequest[], opts: RunRequestsOptions = {}): Promise<RunOutcome<TestMetrics>[]> {
  const outcomes: RunOutcome<TestMetrics>[] = [];
  const resultsRoot = opts.resultsRoot ?? resultsDir();
  const backend = activeBackend();
  for (const request of requests) {
    const { spec, note } = backend ? await specToRun(resultsRoot, request, backend) : { spec: buildSpec(request), note: undefined };
    if (note) opts.log?.(note);
    outcomes.push(
      await runExperiment(spec, {
        resultsRoot,
        resume: true,
        deps: kitDeps({ data: opts.data }),
        featureCacheDir: opts.data?.cacheDir,
        progress: opts.progress,
        log: opts.log,
      }),
    );
  }
  return outcomes;
}
