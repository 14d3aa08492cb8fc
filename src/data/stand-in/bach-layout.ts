/**
 * What BACH (ICIAR 2018, part A) looks like to the kit's loaders, planned file by file: the extracted
 * `ICIAR2018_BACH_Challenge.zip` holds `ICIAR2018_BACH_Challenge/Photos/<class>/<prefix><nnn>.tif`,
 * 100 images of 2048 x 1536 RGB per class (the DALA paper's Table 4), named b001-b100 (Benign),
 * is001 (InSitu), iv001 (Invasive) and n001 (Normal), and `Photos/microscopy_ground_truth.csv` with one
 * header-less `<file>,<class>` line per image, which the scanner checks every folder against.
 * (Layout as the Zenodo record, the eva and thunder loaders and the BACH paper describe it; the WSI
 * folder of the real archive, which the kit does not read, is left out.)
 */
import { deriveSeed } from "../../random";

export const BACH_IMAGE = { width: 2048, height: 1536 } as const;
export const BACH_PER_CLASS = 100;

/** Class folders in the archive's (alphabetical) order, with each one's file prefix. */
export const BACH_FOLDERS = [
  { folder: "Benign", prefix: "b" },
  { folder: "InSitu", prefix: "is" },
  { folder: "Invasive", prefix: "iv" },
  { folder: "Normal", prefix: "n" },
] as const;

export const BACH_PHOTOS = "ICIAR2018_BACH_Challenge/Photos";
export const BACH_GROUND_TRUTH = `${BACH_PHOTOS}/microscopy_ground_truth.csv`;

export interface PlannedBachImage {
  /** Path inside the archive. */
  path: string;
  file: string;
  label: (typeof BACH_FOLDERS)[number]["folder"];
  /** Seeds the image's content. */
  seed: number;
}

/** Every image, in archive order; `perFolder` keeps the first that many of each class. */
export function planBach(opts: { seed: number; perFolder?: number }): PlannedBachImage[] {
  const n = Math.min(BACH_PER_CLASS, opts.perFolder ?? Infinity);
  return BACH_FOLDERS.flatMap(({ folder, prefix }) =>
    Array.from({ length: n }, (_, i) => {
      const file = `${prefix}${String(i + 1).padStart(3, "0")}.tif`;
      return { path: `${BACH_PHOTOS}/${folder}/${file}`, file, label: folder, seed: deriveSeed(opts.seed, "bach stand-in image", file) };
    }),
  );
}

/** The ground-truth file for the planned images, as the real one is written (no header). */
export function bachGroundTruth(plan: PlannedBachImage[]): string {
  return plan.map((p) => `${p.file},${p.label}\n`).join("");
}
