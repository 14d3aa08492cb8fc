/**
 * A classifier that "collapsed": it predicts one class for (nearly) every test image, so its accuracy
 * is the share of that class and says nothing about what it learnt. Such a run is flagged in every
 * table and counted as a failed run by the claims ledger, never averaged in silently.
 */

export interface CollapseCheck {
  collapsed: boolean;
  /** The most often predicted class and its share of the predictions. */
  predictedClass: number;
  share: number;
}

/** Collapsed when at least `threshold` (default 95%) of the predictions are one class. */
export function collapseCheck(predictions: ArrayLike<number>, threshold = 0.95): CollapseCheck {
  if (predictions.length === 0) throw new Error("collapseCheck: no predictions");
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`collapseCheck: threshold must be in (0, 1], got ${threshold}`);
  const counts = new Map<number, number>();
  for (let i = 0; i < predictions.length; i++) counts.set(predictions[i], (counts.get(predictions[i]) ?? 0) + 1);
  let predictedClass = -1;
  let most = 0;
  for (const [k, c] of counts) if (c > most || (c === most && k < predictedClass)) [predictedClass, most] = [k, c];
  const share = most / predictions.length;
  return { collapsed: share >= threshold, predictedClass, share };
}
