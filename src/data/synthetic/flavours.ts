/**
 * The three synthetic data sets and their classes. Each mirrors the class structure of one of the
 * paper's data sets (Tables 3-5). A class is defined only by what sits inside its lesion region:
 * the nuclei's size, shape and arrangement, and the region's outline. Everything a shortcut could use
 * (stain colour, total amount of nuclear material, background nuclei) is drawn from the same
 * distribution for every class.
 *
 * Calibration: the recipes below were not retuned for the study profile. Whether they leave room on both
 * sides (no model near chance, none at ceiling) is checked on every run, not asserted here: notebook 04
 * writes the calibration-check table (src/reproduction/calibration-check.ts), and the study's committed
 * copy is results/study/tables/calibration-check.md. A probe before the study (dala_resnet50, 40X, 1440
 * images, 4 epochs) scored 0.94-0.96 test accuracy against a majority share of about 0.69; DALAResNet50 at
 * 224 px on 320 images per magnification reached 1.0 on the 96 test images, which is fine for explaining it
 * (notebook 06) but would be a ceiling for comparing classifiers.
 */

/** How nuclei are placed inside the region (radial coordinate: 0 = centre, 1 = outline). */
export type Arrangement = "annulus" | "uniform" | "clusters";

export interface ClassRecipe {
  name: string;
  /** Share of the data set (sums to 1 over a flavour's classes). */
  share: number;
  /** "none": no lesion; the image is background only and its mask is empty. */
  region: "none" | "ellipse" | "blob";
  /** Outline irregularity of blob regions (relative amplitude of the radial harmonics). */
  irregularity: number;
  arrangement: Arrangement;
  /** Mean nucleus radius as a fraction of the image side, at magnification scale 1. */
  nucleusRadius: number;
  /** Coefficient of variation of the radius (pleomorphism). */
  radiusSpread: number;
  /** Minor/major axis ratio range (1 = round). */
  roundness: [number, number];
}

export interface Flavour {
  id: "synthetic-breakhis" | "synthetic-bach" | "synthetic-miniddsm";
  /** The paper's data set this one stands in for. */
  mirrors: string;
  classes: ClassRecipe[];
  /** Magnifications with the image share and nucleus scale of each (BreakHis only). */
  magnifications: { name: string; share: number; scale: number }[];
  /** Images per patient/case: images of a patient share its stain, as slides of one patient do. */
  imagesPerPatient: number;
}

const SMALL = 0.02;
const MEDIUM = 0.034;
const LARGE = 0.055;

// Every class's region is drawn with the same size distribution, so region size says nothing.
const base = { irregularity: 0 };

export const FLAVOURS: Record<Flavour["id"], Flavour> = {
  "synthetic-breakhis": {
    id: "synthetic-breakhis",
    mirrors: "BreakHis (benign / malignant, 4 magnifications, ~31% benign)",
    classes: [
      { ...base, name: "benign", share: 2480 / 7909, region: "ellipse", arrangement: "annulus", nucleusRadius: SMALL, radiusSpread: 0.08, roundness: [0.8, 1] },
      { ...base, name: "malignant", share: 5429 / 7909, region: "blob", irregularity: 0.22, arrangement: "uniform", nucleusRadius: LARGE, radiusSpread: 0.3, roundness: [0.45, 0.9] },
    ],
    // Shares follow Table 3's totals per magnification; higher magnification shows bigger nuclei.
    magnifications: [
      { name: "40X", share: 1995 / 7909, scale: 0.75 },
      { name: "100X", share: 2081 / 7909, scale: 0.9 },
      { name: "200X", share: 2013 / 7909, scale: 1.05 },
      { name: "400X", share: 1820 / 7909, scale: 1.2 },
    ],
    imagesPerPatient: 6,
  },
  "synthetic-bach": {
    id: "synthetic-bach",
    mirrors: "BACH (Normal / Benign / InSitu / Invasive, 100 each)",
    classes: [
      { ...base, name: "Normal", share: 0.25, region: "ellipse", arrangement: "annulus", nucleusRadius: SMALL, radiusSpread: 0.08, roundness: [0.8, 1] },
      { ...base, name: "Benign", share: 0.25, region: "ellipse", arrangement: "clusters", nucleusRadius: MEDIUM, radiusSpread: 0.1, roundness: [0.8, 1] },
      { ...base, name: "InSitu", share: 0.25, region: "ellipse", arrangement: "annulus", nucleusRadius: LARGE, radiusSpread: 0.12, roundness: [0.75, 1] },
      { ...base, name: "Invasive", share: 0.25, region: "blob", irregularity: 0.25, arrangement: "uniform", nucleusRadius: LARGE, radiusSpread: 0.3, roundness: [0.4, 0.8] },
    ],
    magnifications: [],
    imagesPerPatient: 1,
  },
  "synthetic-miniddsm": {
    id: "synthetic-miniddsm",
    mirrors: "Mini-DDSM (Normal / Benign / Cancer, 500 / 700 / 800)",
    classes: [
      { ...base, name: "Normal", share: 0.25, region: "none", arrangement: "uniform", nucleusRadius: SMALL, radiusSpread: 0.1, roundness: [0.5, 0.9] },
      { ...base, name: "Benign", share: 0.35, region: "ellipse", arrangement: "uniform", nucleusRadius: MEDIUM, radiusSpread: 0.08, roundness: [0.85, 1] },
      { ...base, name: "Cancer", share: 0.4, region: "blob", irregularity: 0.3, arrangement: "uniform", nucleusRadius: LARGE, radiusSpread: 0.3, roundness: [0.45, 0.85] },
    ],
    magnifications: [],
    imagesPerPatient: 3,
  },
};

export const FLAVOUR_IDS = Object.keys(FLAVOURS) as Flavour["id"][];

export function getFlavour(id: string): Flavour {
  const f = (FLAVOURS as Record<string, Flavour>)[id];
  if (!f) throw new Error(`unknown synthetic data set '${id}': choose one of ${FLAVOUR_IDS.join(", ")}`);
  return f;
}
