/**
 * A seeded subset with given class counts. The paper uses about 2,000 Mini-DDSM images (500 normal,
 * 700 benign, 800 malignant; Table 5) out of the ~9,700 in the archive without saying which: this
 * draws such a subset reproducibly, so Table 6's Mini-DDSM row can be matched on the real data.
 */
import { createRng } from "../../random";
import { Manifest } from "./types";

export const PAPER_MINIDDSM_COUNTS: Record<string, number> = { Normal: 500, Benign: 700, Cancer: 800 };

export function subsampleByClass(m: Manifest, counts: Record<string, number>, seed: number, suffix = "subset"): Manifest {
  const rng = createRng(seed);
  const keep = new Set<number>();
  for (const [label, n] of Object.entries(counts)) {
    const idx = m.classNames.indexOf(label);
    if (idx < 0) throw new Error(`${m.dataset} has no class '${label}' (classes: ${m.classNames.join(", ")})`);
    const rows = m.rows.flatMap((r, i) => (r.labelIndex === idx ? [i] : []));
    if (rows.length < n) throw new Error(`${m.dataset} has ${rows.length} '${label}' images, fewer than the ${n} asked for`);
    for (const i of rng.shuffle(rows).slice(0, n)) keep.add(i);
  }
  return { ...m, dataset: `${m.dataset}-${suffix}`, rows: m.rows.filter((_, i) => keep.has(i)) };
}
