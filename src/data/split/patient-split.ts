/**
 * Patient-level split: whole patients go to one side, so no patient's tissue is both trained and
 * tested on (the leakage Bussola et al. measured on BreakHis). Patients are grouped by their majority
 * class and, within each class, assigned greedily (largest patient first, ties in seeded random order)
 * to the part furthest below its 6:1:3 share of that class's images, which keeps class ratios close.
 */
import { createRng } from "../../random";
import { PARTS, Part } from "./types";

const SHARES: Record<Part, number> = { train: 0.6, val: 0.1, test: 0.3 };

export function patientSplit(labels: ArrayLike<number>, patients: readonly string[], seed: number): Record<Part, number[]> {
  if (labels.length !== patients.length) throw new Error(`patientSplit: ${labels.length} labels but ${patients.length} patient ids`);
  const rowsOf = new Map<string, number[]>();
  patients.forEach((p, i) => {
    if (!rowsOf.has(p)) rowsOf.set(p, []);
    rowsOf.get(p)!.push(i);
  });
  const majority = (rows: number[]): number => {
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(labels[r], (counts.get(labels[r]) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  };
  const byClass = new Map<number, string[]>();
  for (const [p, rows] of rowsOf) {
    const c = majority(rows);
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(p);
  }
  const rng = createRng(seed);
  const out: Record<Part, number[]> = { train: [], val: [], test: [] };
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const group = rng.shuffle([...byClass.get(c)!].sort());
    // Stable sort keeps the shuffled order among patients of equal size.
    group.sort((a, b) => rowsOf.get(b)!.length - rowsOf.get(a)!.length);
    const total = group.reduce((a, p) => a + rowsOf.get(p)!.length, 0);
    const have: Record<Part, number> = { train: 0, val: 0, test: 0 };
    for (const p of group) {
      const rows = rowsOf.get(p)!;
      let best: Part = "train";
      let bestDeficit = -Infinity;
      for (const part of PARTS) {
        const deficit = (SHARES[part] * total - have[part]) / SHARES[part];
        if (deficit > bestDeficit) [best, bestDeficit] = [part, deficit];
      }
      have[best] += rows.length;
      out[best].push(...rows);
    }
  }
  for (const part of PARTS) out[part].sort((a, b) => a - b);
  return out;
}
