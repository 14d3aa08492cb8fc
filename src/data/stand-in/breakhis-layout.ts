/**
 * What BreaKHis v1 looks like to the kit's loaders, planned file by file: the eight tumour types with
 * their patient and per-magnification image counts as the data set's paper gives them (Spanhol et al.,
 * IEEE TBME 2016, Table 1; per class they are the DALA paper's Table 3: 625/644/623/588 benign and
 * 1370/1437/1390/1232 malignant), folders and file names as in the archive, 700 x 460 RGB PNGs. Patient
 * ids have the real format (`<year>-<slide>[letters]`) but are made up, except slide 14-13412, whose
 * images the real set files under both ductal and lobular carcinoma.
 */
import { apportion } from "../apportion";
import { createRng, deriveSeed } from "../../random";

export const BREAKHIS_IMAGE = { width: 700, height: 460 } as const;
export const BREAKHIS_MAGS = ["40X", "100X", "200X", "400X"] as const;

interface TumourType {
  benign: boolean;
  /** The type code in folder and file names. */
  code: string;
  folder: string;
  patients: number;
  /** Images at 40X, 100X, 200X, 400X. */
  images: [number, number, number, number];
}

export const BREAKHIS_TYPES: readonly TumourType[] = [
  { benign: true, code: "A", folder: "adenosis", patients: 4, images: [114, 113, 111, 106] },
  { benign: true, code: "F", folder: "fibroadenoma", patients: 10, images: [253, 260, 264, 237] },
  { benign: true, code: "PT", folder: "phyllodes_tumor", patients: 3, images: [109, 121, 108, 115] },
  { benign: true, code: "TA", folder: "tubular_adenoma", patients: 7, images: [149, 150, 140, 130] },
  { benign: false, code: "DC", folder: "ductal_carcinoma", patients: 38, images: [864, 903, 896, 788] },
  { benign: false, code: "LC", folder: "lobular_carcinoma", patients: 5, images: [156, 170, 163, 137] },
  { benign: false, code: "MC", folder: "mucinous_carcinoma", patients: 9, images: [205, 222, 196, 169] },
  { benign: false, code: "PC", folder: "papillary_carcinoma", patients: 6, images: [145, 142, 135, 138] },
];

/** The slide the real set files under two tumour types. */
export const SHARED_SLIDE = "14-13412";
const SHARED_BY = ["DC", "LC"];

export interface PlannedImage {
  /** Path inside the archive. */
  path: string;
  patient: string;
  benign: boolean;
  magnification: (typeof BREAKHIS_MAGS)[number];
  /** Seeds the image's content. */
  seed: number;
}

const SUFFIXES = ["", "", "", "AB", "CD", "EF", "G", "DE", "CDEF"];

function patientIds(seed: number): Map<string, string[]> {
  const rng = createRng(deriveSeed(seed, "breakhis stand-in patients"));
  const used = new Set([SHARED_SLIDE]);
  const ids = new Map<string, string[]>();
  for (const t of BREAKHIS_TYPES) {
    const list = SHARED_BY.includes(t.code) ? [SHARED_SLIDE] : [];
    while (list.length < t.patients) {
      const year = rng.next() < 0.9 ? 14 : 15;
      const id = `${year}-${100 + rng.int(29900)}${SUFFIXES[rng.int(SUFFIXES.length)]}`;
      if (used.has(id)) continue;
      list.push(id);
      used.add(id);
    }
    ids.set(t.code, list);
  }
  return ids;
}

/**
 * Every image of the stand-in, in archive order. `perFolder` keeps at most that many images in each
 * patient's magnification folder (the first ones), for tests that need the tree but not 7,909 files.
 */
export function planBreakhis(opts: { seed: number; perFolder?: number }): PlannedImage[] {
  const ids = patientIds(opts.seed);
  const out: PlannedImage[] = [];
  for (const t of BREAKHIS_TYPES) {
    const cls = t.benign ? "benign" : "malignant";
    const bm = t.benign ? "B" : "M";
    const patients = ids.get(t.code)!;
    BREAKHIS_MAGS.forEach((mag, m) => {
      const perPatient = apportion(t.images[m], patients.map(() => 1));
      patients.forEach((patient, p) => {
        const n = Math.min(perPatient[p], opts.perFolder ?? Infinity);
        const [year, slide] = patient.split("-");
        for (let seq = 1; seq <= n; seq++) {
          const file = `SOB_${bm}_${t.code}-${year}-${slide}-${mag.slice(0, -1)}-${String(seq).padStart(3, "0")}.png`;
          out.push({
            path: `BreaKHis_v1/histology_slides/breast/${cls}/SOB/${t.folder}/SOB_${bm}_${t.code}_${patient}/${mag}/${file}`,
            patient,
            benign: t.benign,
            magnification: mag,
            seed: deriveSeed(opts.seed, "breakhis stand-in image", t.code, patient, mag, seq),
          });
        }
      });
    });
  }
  return out;
}
