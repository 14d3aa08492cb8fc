/**
 * What Mini-DDSM (Kaggle cheddad/miniddsm2) looks like to the kit's loaders, planned file by file:
 * `MINI-DDSM-Complete-PNG-16/<Benign|Cancer|Normal>/<case>/` holding the case's four views
 * `<L>_<case>_1.<LEFT|RIGHT>_<CC|MLO>.png` (grey PNGs of varying size), a lesion mask
 * `<image>_Mask.png` beside each Benign or Cancer view that shows the lesion, and the case's DDSM
 * header `<L>-<case>-1.ics` (age, density), which the kit does not read.
 *
 * What this rests on, and how sure it is:
 * - folders, the view file names and `_Mask.png`: Kaggle notebooks and loaders that read the set
 *   (e.g. `Normal/<case>/A_<case>_1.RIGHT_MLO`, `Benign\0029\C_0029_1.LEFT_CC_Mask.png` in
 *   DataWMask.xlsx's Tumour_Contour column); the `.ics` beside the images: a loader that reads it;
 * - cases per class: DDSM's own counts (695 normal, 870 benign, 914 cancer; the DDSM README), four
 *   views each, 9,916 images. The real archive has about 9,700 (some views are missing); its exact
 *   per-class counts were not found. The paper's subset (500 / 700 / 800) fits either;
 * - image sizes (800-1,800 px high, 45-65 % as wide) and the share of 8-bit PNGs among the 16-bit
 *   ones (one case in eight): the real set has both depths and varying sizes, in proportions not checked;
 * - masks on both views of the lesion's breast (and both breasts for one lesion case in ten): DDSM
 *   outlines a lesion on each view that shows it. A second lesion's mask (Tumour_Contour2), the
 *   `DataWMask.xlsx` sheet and the JPEG-8 copy of the set are left out: the kit reads none of them.
 */
import { createRng, deriveSeed } from "../../random";

export const MINIDDSM_TOP = "MINI-DDSM-Complete-PNG-16";

/** Class folders in archive order, with their number of cases. */
export const MINIDDSM_FOLDERS = [
  { folder: "Benign", cases: 870 },
  { folder: "Cancer", cases: 914 },
  { folder: "Normal", cases: 695 },
] as const;

export const MINIDDSM_VIEWS = ["LEFT_CC", "LEFT_MLO", "RIGHT_CC", "RIGHT_MLO"] as const;

export interface PlannedMammogram {
  /** Path inside the archive. */
  path: string;
  label: (typeof MINIDDSM_FOLDERS)[number]["folder"];
  /** The case folder, which the scanner takes as the patient. */
  case: string;
  view: (typeof MINIDDSM_VIEWS)[number];
  width: number;
  height: number;
  bitDepth: 8 | 16;
  /** The lesion mask beside the image, when the view shows a lesion. */
  mask?: string;
  /** Seeds the image's content. */
  seed: number;
}

export interface PlannedCase {
  label: PlannedMammogram["label"];
  case: string;
  /** The DDSM header's path inside the archive. */
  ics: string;
  age: number;
  density: number;
  images: PlannedMammogram[];
}

/** Every case, in archive order; `perFolder` keeps the first that many cases of each class folder. */
export function planMiniddsm(opts: { seed: number; perFolder?: number }): PlannedCase[] {
  const total = MINIDDSM_FOLDERS.reduce((n, f) => n + f.cases, 0);
  // DDSM numbers its cases across the whole database, so a number names one case in one class.
  const numbers = createRng(deriveSeed(opts.seed, "miniddsm stand-in case numbers")).shuffle(Array.from({ length: 4999 }, (_, i) => i + 1)).slice(0, total);
  const out: PlannedCase[] = [];
  let next = 0;
  for (const { folder, cases } of MINIDDSM_FOLDERS) {
    const mine = numbers.slice(next, next + cases).sort((a, b) => a - b);
    next += cases;
    for (const number of mine.slice(0, opts.perFolder ?? Infinity)) {
      const id = String(number).padStart(4, "0");
      // Drawn per case, so a cut stand-in (perFolder) holds exactly the full one's first cases.
      const rng = createRng(deriveSeed(opts.seed, "miniddsm stand-in case", id));
      const letter = rng.pick(["A", "B", "C", "D"]);
      const bitDepth = rng.bernoulli(1 / 8) ? 8 : 16;
      const lesionSides = folder === "Normal" ? [] : rng.bernoulli(0.1) ? ["LEFT", "RIGHT"] : [rng.pick(["LEFT", "RIGHT"])];
      const dir = `${MINIDDSM_TOP}/${folder}/${id}`;
      const images = MINIDDSM_VIEWS.map((view): PlannedMammogram => {
        const height = Math.round(rng.uniform(800, 1800));
        const stem = `${dir}/${letter}_${id}_1.${view}`;
        return {
          path: `${stem}.png`,
          label: folder,
          case: id,
          view,
          width: Math.round(height * rng.uniform(0.45, 0.65)),
          height,
          bitDepth,
          mask: lesionSides.includes(view.split("_")[0]) ? `${stem}_Mask.png` : undefined,
          seed: deriveSeed(opts.seed, "miniddsm stand-in image", id, view),
        };
      });
      out.push({ label: folder, case: id, ics: `${dir}/${letter}-${id}-1.ics`, age: 35 + rng.int(50), density: 1 + rng.int(4), images });
    }
  }
  return out;
}

/** The case's DDSM header, with the fields loaders read from it (the image sizes are the stand-in's). */
export function icsText(c: PlannedCase): string {
  const views = c.images.map((im) => `${im.view} LINES ${im.height} PIXELS_PER_LINE ${im.width} BITS_PER_PIXEL ${im.bitDepth} ${im.mask ? "OVERLAY" : "NON_OVERLAY"}`);
  return [`ics_version 1.0`, `filename ${c.ics.split("/").pop()!.replace(/\.ics$/, "")}`, `PATIENT_AGE ${c.age}`, `DENSITY ${c.density}`, ...views].join("\n") + "\n";
}
