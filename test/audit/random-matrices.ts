/** Seeded random confusion matrices for the audit's tests: none of them uses the paper's numbers. */
import { createRng, type Rng } from "../../src/random";

export interface MatrixCase {
  name: string;
  matrix: number[][];
}

/** A k x k matrix with `n` samples split by `shares`, each row right with probability `skill`, its errors spread at random. */
export function randomMatrix(rng: Rng, n: number, shares: readonly number[], skill: number): number[][] {
  const k = shares.length;
  const sum = shares.reduce((a, b) => a + b, 0);
  const counts = shares.map((s) => Math.max(1, Math.round((n * s) / sum)));
  return counts.map((c, i) => {
    const row = new Array<number>(k).fill(0);
    const weights = Array.from({ length: k }, () => rng.next() + 0.05);
    for (let s = 0; s < c; s++) {
      if (rng.next() < skill) row[i]++;
      else {
        let u = rng.next() * weights.reduce((a, b, j) => a + (j === i ? 0 : b), 0);
        let j = 0;
        for (; j < k; j++) {
          if (j === i) continue;
          u -= weights[j];
          if (u <= 0) break;
        }
        row[Math.min(j, k - 1) === i ? (i + 1) % k : Math.min(j, k - 1)]++;
      }
    }
    return row;
  });
}

/** Binary and k-class cases: balanced and imbalanced, tiny and large test sets. */
export function matrixCases(seed: number): MatrixCase[] {
  const rng = createRng(seed);
  const specs: [string, number, number[], number][] = [
    ["binary tiny balanced", 12, [1, 1], 0.8],
    ["binary tiny imbalanced", 20, [1, 4], 0.85],
    ["binary large imbalanced", 600, [189, 411], 0.93],
    ["binary large balanced", 900, [1, 1], 0.75],
    ["3-class small imbalanced", 40, [1, 2, 5], 0.7],
    ["3-class large", 600, [150, 210, 240], 0.8],
    ["4-class balanced", 120, [1, 1, 1, 1], 0.8],
    ["4-class tiny imbalanced", 24, [1, 2, 3, 6], 0.75],
  ];
  return specs.map(([name, n, shares, skill]) => ({ name, matrix: randomMatrix(rng, n, shares, skill) }));
}

export const rowSums = (m: readonly (readonly number[])[]) => m.map((r) => r.reduce((a, b) => a + b, 0));
