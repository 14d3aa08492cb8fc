/**
 * Area under the ROC curve, scikit-learn 1.2's `roc_auc_score(y_true, y_score, *, average="macro",
 * sample_weight, multi_class, labels)`.
 *
 * Binary (yTrue has two classes, yScore one score per sample): the greater label is positive.
 * A two-column matrix is also accepted and its second column used (scikit-learn raises there).
 *
 * Multiclass (yScore an n x C matrix of probabilities; rows must sum to 1 within numpy's allclose):
 * - multiClass "ovr" (default here; scikit-learn has no default and raises): each class against the
 *   rest. average "macro" (default) = mean of the per-class AUCs, "weighted" = mean weighted by class
 *   prevalence, "micro" = one AUC over all (sample, class) pairs, null = the per-class AUCs.
 * - multiClass "ovo": Hand & Till (2001), the mean over class pairs (a, b) of
 *   (AUC(a vs b on column a) + AUC(b vs a on column b)) / 2 over the samples of a or b; "weighted"
 *   weights pairs by their prevalence. No sample weights, no per-class output.
 * Columns follow `labels` (sorted, unique, one per column) or else the sorted classes of yTrue.
 *
 * Errors (as scikit-learn): a class (or, for ovr, a column) without both positives and negatives
 * ("Only one class present in y_true"), NaN or infinite scores, mismatched lengths, empty input.
 */
import { checkIntegerLabels, checkSampleWeight, uniqueLabels, type Labels } from "./targets";
import { toScoreMatrix, scoreColumn, type ScoreInput } from "./scores";
import { rocCurve, auc } from "./roc-curve";
import { npAverage, sum } from "./average";

export type RocAverage = "macro" | "weighted" | "micro" | null;

export interface RocAucOptions {
  average?: RocAverage;
  multiClass?: "ovr" | "ovo";
  /** The class of each score column (multiclass only). */
  labels?: readonly number[];
  sampleWeight?: ArrayLike<number>;
}

/** AUC of 0/1 labels against scores; throws unless both classes are present. */
function binaryRocAuc(yTrue: Labels, yScore: ArrayLike<number>, sampleWeight?: ArrayLike<number>): number {
  if (uniqueLabels(yTrue).length !== 2) {
    throw new Error("rocAucScore: Only one class present in y_true. ROC AUC score is not defined in that case.");
  }
  const { fpr, tpr } = rocCurve(yTrue, yScore, { sampleWeight, posLabel: 1 });
  return auc(fpr, tpr);
}

/**
 * `rocAucScore(yTrue, yScore, { average = "macro", multiClass = "ovr", labels, sampleWeight })`: see the
 * module comment. One AUC per class for average null (ovr only).
 */
export function rocAucScore(yTrue: Labels, yScore: ScoreInput, options: RocAucOptions & { average: null }): number[];
export function rocAucScore(yTrue: Labels, yScore: ScoreInput, options?: RocAucOptions & { average?: Exclude<RocAverage, null> }): number;
export function rocAucScore(yTrue: Labels, yScore: ScoreInput, options?: RocAucOptions): number | number[];
export function rocAucScore(yTrue: Labels, yScore: ScoreInput, options?: RocAucOptions): number | number[] {
  const fn = "rocAucScore";
  const opts: RocAucOptions = options ?? {};
  if (yTrue.length === 0) throw new Error(`${fn}: empty input (no samples); the metric is undefined`);
  checkIntegerLabels(fn, "yTrue", yTrue);
  checkSampleWeight(fn, opts.sampleWeight, yTrue.length);
  const m = toScoreMatrix(fn, yScore, yTrue.length);
  const average = opts.average === undefined ? "macro" : opts.average;
  if (![null, "macro", "weighted", "micro"].includes(average)) {
    throw new Error(`${fn}: average must be one of "macro", "weighted", "micro", null; got ${JSON.stringify(average)}`);
  }
  const present = uniqueLabels(yTrue);

  if (present.length <= 2 && m.k <= 2) {
    const column = m.k === 1 ? m.data : scoreColumn(m, 1);
    const positive = present[present.length - 1];
    const binary = Array.from(yTrue, (y) => (present.length === 2 && y === positive ? 1 : 0));
    return binaryRocAuc(binary, column, opts.sampleWeight);
  }
  if (m.k === 1) throw new Error(`${fn}: yTrue has ${present.length} classes but yScore has one score per sample; pass an n x C probability matrix`);

  for (let i = 0; i < m.n; i++) {
    let s = 0;
    for (let j = 0; j < m.k; j++) s += m.data[i * m.k + j];
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new Error(`${fn}: target scores need to be probabilities for multiclass roc_auc, i.e. they should sum up to 1.0 over classes (row ${i} sums to ${s})`);
    }
  }
  const multiClass = opts.multiClass ?? "ovr";
  if (multiClass !== "ovr" && multiClass !== "ovo") throw new Error(`${fn}: multiClass must be "ovr" or "ovo"; got ${JSON.stringify(multiClass)}`);
  let classes = present;
  if (opts.labels !== undefined) {
    classes = Array.from(opts.labels);
    if (uniqueLabels(classes).length !== classes.length) throw new Error(`${fn}: labels must be unique`);
    if (classes.some((c, i) => i > 0 && c < classes[i - 1])) throw new Error(`${fn}: labels must be ordered`);
    if (classes.length !== m.k) throw new Error(`${fn}: number of given labels, ${classes.length}, not equal to the number of columns in yScore, ${m.k}`);
    if (present.some((c) => !classes.includes(c))) throw new Error(`${fn}: yTrue contains labels not in labels`);
  } else if (classes.length !== m.k) {
    throw new Error(`${fn}: number of classes in yTrue (${classes.length}) not equal to the number of columns in yScore (${m.k}); pass labels`);
  }

  if (multiClass === "ovo") {
    if (opts.sampleWeight !== undefined) throw new Error(`${fn}: sampleWeight is not supported for multiclass one-vs-one ROC AUC`);
    if (average !== "macro" && average !== "weighted") throw new Error(`${fn}: average must be "macro" or "weighted" with multiClass "ovo"`);
    return ovoRocAuc(yTrue, m, classes, average);
  }
  return ovrRocAuc(yTrue, m, classes, average, opts.sampleWeight);
}

function ovrRocAuc(
  yTrue: Labels,
  m: ReturnType<typeof toScoreMatrix>,
  classes: number[],
  average: RocAverage,
  sampleWeight?: ArrayLike<number>,
): number | number[] {
  const indicator = (c: number) => Array.from(yTrue, (y) => (y === c ? 1 : 0));
  if (average === "micro") {
    const yFlat: number[] = [];
    const wFlat: number[] | undefined = sampleWeight === undefined ? undefined : [];
    for (let i = 0; i < m.n; i++) {
      for (let j = 0; j < m.k; j++) {
        yFlat.push(yTrue[i] === classes[j] ? 1 : 0);
        if (wFlat) wFlat.push(sampleWeight![i]);
      }
    }
    return binaryRocAuc(yFlat, m.data, wFlat);
  }
  let weights: number[] | undefined;
  if (average === "weighted") {
    weights = classes.map((c) => {
      let s = 0;
      for (let i = 0; i < m.n; i++) if (yTrue[i] === c) s += sampleWeight === undefined ? 1 : sampleWeight[i];
      return s;
    });
    if (Math.abs(sum(weights)) <= 1e-8) return 0;
  }
  const scores = classes.map((c, j) => binaryRocAuc(indicator(c), scoreColumn(m, j), sampleWeight));
  if (average === null) return scores;
  // scikit-learn zeroes the scores of zero-weight classes so they cannot poison the average.
  if (weights) weights.forEach((w, j) => { if (w === 0) scores[j] = 0; });
  return npAverage(scores, weights);
}

function ovoRocAuc(yTrue: Labels, m: ReturnType<typeof toScoreMatrix>, classes: number[], average: "macro" | "weighted"): number {
  const column = new Map(classes.map((c, j) => [c, j]));
  const present = uniqueLabels(yTrue);
  const pairScores: number[] = [];
  const prevalence: number[] = [];
  for (let ia = 0; ia < present.length; ia++) {
    for (let ib = ia + 1; ib < present.length; ib++) {
      const a = present[ia];
      const b = present[ib];
      const rows: number[] = [];
      for (let i = 0; i < m.n; i++) if (yTrue[i] === a || yTrue[i] === b) rows.push(i);
      prevalence.push(rows.length / m.n);
      const ca = column.get(a)!;
      const cb = column.get(b)!;
      const aTrue = rows.map((i) => (yTrue[i] === a ? 1 : 0));
      const bTrue = rows.map((i) => (yTrue[i] === b ? 1 : 0));
      const aScore = rows.map((i) => m.data[i * m.k + ca]);
      const bScore = rows.map((i) => m.data[i * m.k + cb]);
      pairScores.push((binaryRocAuc(aTrue, aScore) + binaryRocAuc(bTrue, bScore)) / 2);
    }
  }
  return npAverage(pairScores, average === "weighted" ? prevalence : undefined);
}
