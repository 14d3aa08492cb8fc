/** How much a split leaks: patients (and their images) that sit on more than one side. */
import { PARTS, Part } from "./types";

export interface LeakageReport {
  patients: number;
  /** Patients with images in more than one part. */
  sharedPatients: number;
  /** Images belonging to those patients. */
  imagesOfSharedPatients: number;
  /** Per pair of parts ("train/test" ...): patients on both sides and the images of those patients in either. */
  pairs: Record<string, { patients: number; images: number }>;
}

export function leakageReport(split: Record<Part, readonly number[]>, patients: readonly string[]): LeakageReport {
  const partsOf = new Map<string, Set<Part>>();
  const imagesOf = new Map<string, Record<Part, number>>();
  for (const part of PARTS) {
    for (const row of split[part]) {
      const p = patients[row];
      if (p === undefined) throw new Error(`leakageReport: row ${row} has no patient id`);
      if (!partsOf.has(p)) {
        partsOf.set(p, new Set());
        imagesOf.set(p, { train: 0, val: 0, test: 0 });
      }
      partsOf.get(p)!.add(part);
      imagesOf.get(p)![part]++;
    }
  }
  const pairs: LeakageReport["pairs"] = {};
  for (let i = 0; i < PARTS.length; i++) {
    for (let j = i + 1; j < PARTS.length; j++) {
      const [a, b] = [PARTS[i], PARTS[j]];
      let n = 0;
      let images = 0;
      for (const [p, parts] of partsOf) {
        if (parts.has(a) && parts.has(b)) {
          n++;
          images += imagesOf.get(p)![a] + imagesOf.get(p)![b];
        }
      }
      pairs[`${a}/${b}`] = { patients: n, images };
    }
  }
  let shared = 0;
  let images = 0;
  for (const [p, parts] of partsOf) {
    if (parts.size > 1) {
      shared++;
      const c = imagesOf.get(p)!;
      images += c.train + c.val + c.test;
    }
  }
  return { patients: partsOf.size, sharedPatients: shared, imagesOfSharedPatients: images, pairs };
}
