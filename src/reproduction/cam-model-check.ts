/**
 * Whether the models notebook 06 explains are worth explaining: a model that predicts one class for
 * (nearly) every test image is a failed run, and its maps explain a constant classifier, so scores
 * computed on them say little about the CAM methods.
 */
import { collapseCheck } from "../metrics/collapse";
import type { RunResult } from "./run-results";

/** One sentence per run whose test predictions collapsed to one class. */
export function collapsedRunSentences(runs: readonly RunResult[]): string[] {
  return runs.flatMap((run) => {
    const check = collapseCheck(run.predictions.predictions);
    if (!check.collapsed) return [];
    const name = run.predictions.classNames[check.predictedClass] ?? `class ${check.predictedClass}`;
    return [`${run.metrics.label} predicts '${name}' for ${(100 * check.share).toFixed(0)}% of its ${run.predictions.predictions.length} test images`];
  });
}
