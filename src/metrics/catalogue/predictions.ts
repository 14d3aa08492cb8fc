/**
 * A classifier's predictions on a test set, as every metric of the catalogue reads them: true labels,
 * predicted labels and the softmax probabilities, image by image.
 */
export interface TestPredictions {
  numClasses: number;
  classNames: string[];
  labels: ArrayLike<number>;
  predictions: ArrayLike<number>;
  /** Row-major [n, numClasses] softmax probabilities. */
  probabilities: ArrayLike<number>;
  /** Manifest row of each test image: two runs are comparable image by image only if these agree. */
  indices?: ArrayLike<number>;
}

/** The predictions as plain arrays, with one probability row per image. */
export interface Sample {
  numClasses: number;
  labels: number[];
  predictions: number[];
  rows: number[][];
}

/** Checks the shapes (an error names what disagrees) and copies the predictions into a Sample. */
export function sampleOf(p: TestPredictions): Sample {
  const n = p.labels.length;
  const C = p.numClasses;
  if (p.predictions.length !== n) throw new Error(`test predictions: ${n} labels but ${p.predictions.length} predictions`);
  if (p.probabilities.length !== n * C) throw new Error(`test predictions: ${p.probabilities.length} probabilities for ${n} samples of ${C} classes`);
  return {
    numClasses: C,
    labels: Array.from(p.labels),
    predictions: Array.from(p.predictions),
    rows: Array.from({ length: n }, (_, i) => Array.from({ length: C }, (_, j) => p.probabilities[i * C + j])),
  };
}

/** The images `idx` of a sample (a bootstrap resample), labels from `truth`. */
export function resample(s: Sample, truth: number[], idx: readonly number[]): Sample {
  return { numClasses: s.numClasses, labels: truth, predictions: idx.map((i) => s.predictions[i]), rows: idx.map((i) => s.rows[i]) };
}

/** Whether two prediction sets are for the same test images in the same order. */
export function sameTestSet(a: TestPredictions, b: TestPredictions): boolean {
  const n = a.labels.length;
  if (n !== b.labels.length || a.numClasses !== b.numClasses) return false;
  for (let i = 0; i < n; i++) {
    if (a.labels[i] !== b.labels[i]) return false;
    if (a.indices && b.indices && a.indices[i] !== b.indices[i]) return false;
  }
  return true;
}
