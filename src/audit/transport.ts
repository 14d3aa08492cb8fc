/**
 * Integer transportation by maximum flow: send row supplies to column demands along allowed cells.
 * Confusion matrices are small (k <= a handful of classes), so a dense Edmonds-Karp is plenty; what
 * matters is that it is exact, which makes it the independent witness that a per-class profile the
 * search accepts really is the profile of some integer matrix.
 */

/**
 * A matrix m >= 0 with m[i][j] > 0 only where allowed(i, j), row sums <= supply, column sums <=
 * demand and the largest total: a maximum flow.
 */
export function maxTransport(supply: readonly number[], demand: readonly number[], allowed: (i: number, j: number) => boolean): number[][] {
  const rows = supply.length;
  const cols = demand.length;
  // nodes: 0 = source, 1..rows = rows, rows+1..rows+cols = columns, last = sink
  const size = rows + cols + 2;
  const sink = size - 1;
  const cap = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  supply.forEach((s, i) => (cap[0][1 + i] = s));
  demand.forEach((d, j) => (cap[1 + rows + j][sink] = d));
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (allowed(i, j)) cap[1 + i][1 + rows + j] = Infinity;
  for (;;) {
    const prev = new Array<number>(size).fill(-1);
    prev[0] = 0;
    const queue = [0];
    while (queue.length && prev[sink] < 0) {
      const u = queue.shift()!;
      for (let v = 0; v < size; v++) {
        if (prev[v] < 0 && cap[u][v] > 0) {
          prev[v] = u;
          queue.push(v);
        }
      }
    }
    if (prev[sink] < 0) break;
    let push = Infinity;
    for (let v = sink; v !== 0; v = prev[v]) push = Math.min(push, cap[prev[v]][v]);
    for (let v = sink; v !== 0; v = prev[v]) {
      cap[prev[v]][v] -= push;
      cap[v][prev[v]] += push;
    }
  }
  // the flow on a cell is what its reverse edge has accumulated
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (allowed(i, j) ? cap[1 + rows + j][1 + i] : 0)));
}
