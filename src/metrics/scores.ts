/**
 * Score inputs for ranking metrics (ROC AUC): one score per sample for binary problems, or an n x C
 * matrix of class probabilities. A matrix can be nested (`number[][]`) or flat row-major (what
 * `tensor.dataSync()` returns for an [n, C] tensor, e.g. a Float32Array of n*C values); a flat input of
 * exactly n values is a vector of positive-class scores.
 */

export type ScoreInput = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

export interface ScoreMatrix {
  /** Number of samples. */
  n: number;
  /** Number of columns; 1 for a vector of scores. */
  k: number;
  /** Row-major values, n * k. */
  data: Float64Array;
}

/** Normalises `scores` for `n` samples, rejecting ragged rows, wrong sizes, NaN and infinities (as scikit-learn's `check_array`). */
export function toScoreMatrix(fn: string, scores: ScoreInput, n: number): ScoreMatrix {
  let k: number;
  let data: Float64Array;
  const nested = scores.length > 0 && typeof scores[0] === "object" && scores[0] !== null;
  if (nested) {
    const rows = scores as ArrayLike<ArrayLike<number>>;
    if (rows.length !== n) throw new Error(`${fn}: inconsistent numbers of samples: yTrue has ${n}, yScore has ${rows.length} rows`);
    k = rows[0].length;
    data = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      if (rows[i].length !== k) throw new Error(`${fn}: yScore row ${i} has ${rows[i].length} columns, row 0 has ${k}`);
      for (let j = 0; j < k; j++) data[i * k + j] = rows[i][j];
    }
  } else {
    const flat = scores as ArrayLike<number>;
    if (n === 0 || flat.length % n !== 0 || flat.length === 0) {
      throw new Error(`${fn}: yScore has ${flat.length} values, which is not a whole number of scores per sample for ${n} samples`);
    }
    k = flat.length / n;
    data = Float64Array.from(flat);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new Error(`${fn}: yScore contains ${Number.isNaN(data[i]) ? "NaN" : "infinity"} (sample ${Math.floor(i / k)}, column ${i % k})`);
    }
  }
  return { n, k, data };
}

/** Column j of a score matrix. */
export function scoreColumn(m: ScoreMatrix, j: number): Float64Array {
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) out[i] = m.data[i * m.k + j];
  return out;
}
