/** One measured thing in `dala bench`: what was run, on what, and how fast. */
export type WorkloadKind = "forward" | "forward-folded-bn" | "train-step" | "train-step-frozen-trunk" | "dt-gradcam" | "score-cam" | "data-pipeline";

export interface BenchRecord {
  /** `pytorch` for the reference runs, else the kit's backend name. */
  backend: string;
  threads: number;
  kind: WorkloadKind;
  model?: string;
  size: number;
  /** Images per timed run. */
  batch: number;
  runs: number;
  medianMs: number;
  msPerImage: number;
  imagesPerSecond: number;
  note?: string;
}

export interface SkippedWorkload {
  backend: string;
  kind: WorkloadKind;
  model?: string;
  size?: number;
  reason: string;
}

export function recordFrom(
  base: Omit<BenchRecord, "msPerImage" | "imagesPerSecond" | "runs" | "medianMs">,
  timing: { runs: number; medianMs: number },
): BenchRecord {
  const msPerImage = timing.medianMs / base.batch;
  return { ...base, runs: timing.runs, medianMs: timing.medianMs, msPerImage, imagesPerSecond: 1000 / msPerImage };
}
