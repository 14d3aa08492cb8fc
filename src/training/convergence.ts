/**
 * Convergence time, which the paper reports (Tables 9-10) without defining. The kit's definition:
 * the training wall time from the start of epoch 1 to the end of the epoch with the lowest validation
 * loss (the first such epoch on ties), i.e. the sum of the per-epoch wall times up to that epoch. An
 * epoch's wall time covers its training pass and its validation pass; checkpoint writes (disk speed,
 * not model speed) and time outside training (start-up, a killed run's downtime before `--resume`)
 * are not counted.
 */

export const CONVERGENCE_DEFINITION =
  "wall time from the start of training to the end of the epoch with the lowest validation loss " +
  "(sum of per-epoch wall times, each = training pass + validation pass; first epoch on ties; " +
  "checkpoint writes and the downtime between a killed run and its resume excluded)";

export interface EpochTiming {
  epoch: number;
  valLoss: number;
  epochSeconds: number;
}

export interface Convergence {
  definition: string;
  bestEpoch: number;
  bestValLoss: number;
  seconds: number;
}

/** Index of the first epoch with the lowest validation loss (NaN losses never win). */
export function bestEpochIndex(history: readonly { valLoss: number }[]): number {
  let best = -1;
  history.forEach((h, i) => {
    if (Number.isFinite(h.valLoss) && (best < 0 || h.valLoss < history[best].valLoss)) best = i;
  });
  return best;
}

export function convergence(history: readonly EpochTiming[]): Convergence {
  const i = bestEpochIndex(history);
  if (i < 0) throw new Error("convergence: no epoch has a finite validation loss");
  const seconds = history.slice(0, i + 1).reduce((s, h) => s + h.epochSeconds, 0);
  return { definition: CONVERGENCE_DEFINITION, bestEpoch: history[i].epoch, bestValLoss: history[i].valLoss, seconds };
}
