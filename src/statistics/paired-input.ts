/** The checks every paired test makes: the same test images, equal lengths, finite class labels. */

export function checkPairedPredictions(fn: string, yTrue: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (yTrue.length === 0) throw new Error(`${fn}: empty test set`);
  if (a.length !== yTrue.length || b.length !== yTrue.length) {
    throw new Error(`${fn}: ${yTrue.length} test labels but ${a.length} and ${b.length} predictions: the two classifiers must be scored on the same images`);
  }
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isInteger(yTrue[i])) throw new Error(`${fn}: label ${i} is ${yTrue[i]}, not a class index`);
  }
}

/** Two runs' image ids must be identical, in the same order, for a paired comparison. */
export function checkSameImages(fn: string, idsA: ArrayLike<number | string>, idsB: ArrayLike<number | string>): void {
  if (idsA.length !== idsB.length) throw new Error(`${fn}: different test sets (${idsA.length} vs ${idsB.length} images)`);
  for (let i = 0; i < idsA.length; i++) {
    if (idsA[i] !== idsB[i]) throw new Error(`${fn}: different test sets: image ${i} is ${idsA[i]} in one and ${idsB[i]} in the other`);
  }
}
