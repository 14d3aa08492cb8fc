/** Every confusion matrix with given row sums, for tiny test sets: the ground truth the search is checked against. */
function compositions(total: number, parts: number): number[][] {
  if (parts === 1) return [[total]];
  const out: number[][] = [];
  for (let first = 0; first <= total; first++) for (const rest of compositions(total - first, parts - 1)) out.push([first, ...rest]);
  return out;
}

export function allMatrices(counts: readonly number[]): number[][][] {
  let out: number[][][] = [[]];
  for (const c of counts) {
    const rows = compositions(c, counts.length);
    out = out.flatMap((m) => rows.map((r) => [...m, r]));
  }
  return out;
}
