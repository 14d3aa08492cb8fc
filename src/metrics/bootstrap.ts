/**
 * Bootstrap confidence intervals for any metric on a fixed test set (percentile method, Efron &
 * Tibshirani 1993): resample the test samples with replacement, recompute the metric, and take the
 * (1 - confidence)/2 and (1 + confidence)/2 percentiles (numpy's linear method) of the values.
 * The point estimate is the metric on the full test set.
 *
 * Resampling is seeded (mulberry32), so an interval is reproducible from its recorded seed. Explicit
 * index sets (`resamples`) replace the generator, e.g. to replay a bootstrap drawn elsewhere.
 * A resample on which the metric is undefined (it throws, e.g. ROC AUC with one class, or returns
 * NaN) is left out and counted; `nValid` says how many remained. If none remain, the first error is
 * rethrown. `stratify` keeps every true class's count fixed (each position is redrawn among the
 * samples of its own class), which avoids such resamples for rare classes.
 *
 * `bootstrapDifferenceCi` answers "is 0.985 vs 0.979 a difference?": both predictions are scored on
 * the same resamples (a paired bootstrap), and the interval is for metric(A) - metric(B).
 */
import { checkIntegerLabels, type Labels } from "./targets";
import { percentile } from "./percentile";
import { createRng } from "../random";

/** Per-sample predictions a metric reads: labels, one score per sample, score rows, or flat row-major scores. */
export type SampleData = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

export interface BootstrapOptions {
  /** Number of resamples. Default 1000. */
  nResamples?: number;
  /** Coverage of the interval. Default 0.95. */
  confidence?: number;
  /** Seed of the resampling generator. Default 0. */
  seed?: number;
  /** Resample within each true class. Default false. */
  stratify?: boolean;
  /** Explicit resamples (each n indices into the test set); overrides nResamples, seed and stratify. */
  resamples?: ArrayLike<ArrayLike<number>>;
}

export interface BootstrapInterval {
  /** The metric on the full test set. */
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  nResamples: number;
  /** Resamples on which the metric was defined. */
  nValid: number;
  /** Standard deviation (n - 1) of the valid resample values. */
  standardError: number;
  /** The metric on each resample (NaN where undefined). */
  values: number[];
  seed: number | undefined;
  stratify: boolean;
}

/** `data` restricted to the samples `idx` (n = number of samples), keeping its layout. */
function take<P extends SampleData>(data: P, idx: ArrayLike<number>, n: number): P {
  const m = idx.length;
  if (data.length > 0 && typeof data[0] === "object" && data[0] !== null) {
    return Array.from({ length: m }, (_, i) => (data as ArrayLike<ArrayLike<number>>)[idx[i]]) as unknown as P;
  }
  const flat = data as ArrayLike<number>;
  const k = flat.length / n;
  if (!Number.isInteger(k) || k < 1) throw new Error(`bootstrap: predictions have ${flat.length} values for ${n} samples`);
  const Ctor = ArrayBuffer.isView(flat) ? (flat.constructor as new (len: number) => { [i: number]: number }) : null;
  const out: { [i: number]: number } = Ctor ? new Ctor(m * k) : new Array<number>(m * k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) out[i * k + j] = flat[idx[i] * k + j];
  return out as unknown as P;
}

/** Index sets for the bootstrap, from the options. */
function drawResamples(yTrue: Labels, options: BootstrapOptions): ArrayLike<number>[] {
  const n = yTrue.length;
  if (options.resamples !== undefined) {
    return Array.from(options.resamples, (r, b) => {
      if (r.length !== n) throw new Error(`bootstrap: resamples[${b}] has ${r.length} indices for ${n} samples`);
      for (let i = 0; i < r.length; i++) {
        if (!Number.isInteger(r[i]) || r[i] < 0 || r[i] >= n) throw new Error(`bootstrap: resamples[${b}][${i}] = ${r[i]} is not an index below ${n}`);
      }
      return r;
    });
  }
  const nResamples = options.nResamples ?? 1000;
  if (!Number.isInteger(nResamples) || nResamples < 1) throw new Error(`bootstrap: nResamples must be a positive integer; got ${nResamples}`);
  const random = createRng(options.seed ?? 0).next;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = options.stratify ? yTrue[i] : 0;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  const groupOf = Array.from(yTrue, (y) => groups.get(options.stratify ? y : 0)!);
  return Array.from({ length: nResamples }, () => {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const g = groupOf[i];
      idx[i] = g[Math.floor(random() * g.length)];
    }
    return idx;
  });
}

function standardDeviation(values: number[]): number {
  if (values.length < 2) return NaN;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
}

/** Runs `statistic` on every resample and forms the percentile interval around `estimate`. */
function interval(
  estimate: number,
  resamples: ArrayLike<number>[],
  statistic: (idx: ArrayLike<number>) => number,
  options: BootstrapOptions,
): BootstrapInterval {
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new Error(`bootstrap: confidence must be in (0, 1); got ${confidence}`);
  let firstError: unknown;
  const values = resamples.map((idx) => {
    try {
      return statistic(idx);
    } catch (e) {
      firstError ??= e;
      return NaN;
    }
  });
  const valid = values.filter((v) => !Number.isNaN(v));
  if (valid.length === 0) {
    if (firstError !== undefined) throw firstError;
    throw new Error("bootstrap: the metric is NaN on every resample");
  }
  return {
    estimate,
    low: percentile(valid, (100 * (1 - confidence)) / 2),
    high: percentile(valid, (100 * (1 + confidence)) / 2),
    confidence,
    nResamples: resamples.length,
    nValid: valid.length,
    standardError: standardDeviation(valid),
    values,
    seed: options.resamples === undefined ? options.seed ?? 0 : undefined,
    stratify: options.resamples === undefined && options.stratify === true,
  };
}

function checkInputs(fn: string, yTrue: Labels, predictions: SampleData[]): void {
  if (yTrue.length === 0) throw new Error(`${fn}: empty test set`);
  checkIntegerLabels(fn, "yTrue", yTrue);
  for (const p of predictions) {
    const nested = p.length > 0 && typeof p[0] === "object";
    if (nested ? p.length !== yTrue.length : p.length % yTrue.length !== 0 || p.length === 0) {
      throw new Error(`${fn}: predictions of length ${p.length} do not match ${yTrue.length} test samples`);
    }
  }
}

/**
 * Percentile bootstrap interval of `metric(yTrue, predictions)`, e.g.
 * `bootstrapCi((t, p) => f1Score(t, p, { average: "macro" }), yTrue, yPred, { seed: 1 })`.
 */
export function bootstrapCi<P extends SampleData>(
  metric: (yTrue: number[], predictions: P) => number,
  yTrue: Labels,
  predictions: P,
  options: BootstrapOptions = {},
): BootstrapInterval {
  checkInputs("bootstrapCi", yTrue, [predictions]);
  const n = yTrue.length;
  const truth = Array.from(yTrue);
  const estimate = metric(truth, predictions);
  const resamples = drawResamples(yTrue, options);
  return interval(estimate, resamples, (idx) => metric(Array.from(idx, (i) => truth[i]), take(predictions, idx, n)), options);
}

/** Paired bootstrap interval of metric(yTrue, a) - metric(yTrue, b) over shared resamples. */
export function bootstrapDifferenceCi<P extends SampleData>(
  metric: (yTrue: number[], predictions: P) => number,
  yTrue: Labels,
  a: P,
  b: P,
  options: BootstrapOptions = {},
): BootstrapInterval {
  checkInputs("bootstrapDifferenceCi", yTrue, [a, b]);
  const n = yTrue.length;
  const truth = Array.from(yTrue);
  const estimate = metric(truth, a) - metric(truth, b);
  const resamples = drawResamples(yTrue, options);
  return interval(estimate, resamples, (idx) => {
    const t = Array.from(idx, (i) => truth[i]);
    return metric(t, take(a, idx, n)) - metric(t, take(b, idx, n));
  }, options);
}
