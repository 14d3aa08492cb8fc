/**
 * A manifest lists one row per image of a data set. Every data set, real or synthetic, produces the
 * same row shape, so splits, the image pipeline and the notebooks never care where the images came from.
 */

export interface ManifestRow {
  /** Image path relative to the manifest's root (forward slashes). */
  path: string;
  label: string;
  labelIndex: number;
  /** Patient (BreakHis), case (Mini-DDSM) or image id when the source does not know the patient. */
  patient: string;
  /** BreakHis magnification ("40X" ...); "" for other data sets. */
  magnification: string;
  /** Mask of the class-deciding region relative to the root; "" when the source has none. */
  mask: string;
  width: number;
  height: number;
}

/** A file the scan found but could not use, with the reason (never silently dropped). */
export interface ManifestProblem {
  path: string;
  reason: string;
}

export interface Manifest {
  /** Data set id, e.g. "breakhis", "bach", "miniddsm", "synthetic-bach". */
  dataset: string;
  /** Absolute directory the row paths are relative to. */
  root: string;
  classNames: string[];
  rows: ManifestRow[];
  problems: ManifestProblem[];
}

export const MANIFEST_COLUMNS: readonly (keyof ManifestRow)[] = [
  "path",
  "label",
  "labelIndex",
  "patient",
  "magnification",
  "mask",
  "width",
  "height",
];

/** Class counts in class-index order. */
export function classCounts(m: Pick<Manifest, "classNames" | "rows">): number[] {
  const counts = new Array<number>(m.classNames.length).fill(0);
  for (const r of m.rows) counts[r.labelIndex]++;
  return counts;
}

/** The rows of one magnification (BreakHis trains one model per magnification, as the paper does). */
export function byMagnification(m: Manifest, magnification: string): Manifest {
  const rows = m.rows.filter((r) => r.magnification === magnification);
  if (rows.length === 0) {
    const known = [...new Set(m.rows.map((r) => r.magnification).filter(Boolean))];
    throw new Error(`${m.dataset} has no images at magnification '${magnification}' (known: ${known.join(", ") || "none"})`);
  }
  return { ...m, dataset: `${m.dataset}-${magnification}`, rows };
}
