/**
 * Wall-clock timing of an async workload: warm-up runs first (tfjs compiles kernels and XNNPACK
 * builds operators on first use), then timed runs until both a minimum count and a minimum time are
 * reached. The median is reported because a shared machine adds one-sided noise.
 */
export interface TimingOptions {
  warmup: number;
  minRuns: number;
  /** Keep running until this much time was measured (bounded by maxRuns). */
  minSeconds: number;
  maxRuns: number;
}

export interface Timing {
  runs: number;
  medianMs: number;
  minMs: number;
  meanMs: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function timeRuns(run: () => Promise<void>, opts: TimingOptions): Promise<Timing> {
  for (let i = 0; i < opts.warmup; i++) await run();
  const times: number[] = [];
  let total = 0;
  while (times.length < opts.minRuns || (total < opts.minSeconds * 1000 && times.length < opts.maxRuns)) {
    const t0 = performance.now();
    await run();
    const dt = performance.now() - t0;
    times.push(dt);
    total += dt;
  }
  return {
    runs: times.length,
    medianMs: median(times),
    minMs: Math.min(...times),
    meanMs: total / times.length,
  };
}
