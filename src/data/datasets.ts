/**
 * Every data set the kit knows, by id: the paper's three real ones (and the seeded 2,000-image subset of
 * Mini-DDSM that matches the paper's counts), and their synthetic stand-ins. What the rest of the kit
 * needs to know about a data set (which paper data set it stands for, whether it is H&E histology,
 * its magnifications) is read here, never guessed from its name.
 */
export const MAGNIFICATIONS = ["40X", "100X", "200X", "400X"] as const;
export type Magnification = (typeof MAGNIFICATIONS)[number];

export type DatasetFamily = "breakhis" | "bach" | "miniddsm";

export interface DatasetInfo {
  /** The paper's data set this one is, or stands in for. */
  family: DatasetFamily;
  source: "real" | "synthetic";
  /** "H&E": stained histology, where a haematoxylin nuclei mask is a meaningful proxy ground truth. */
  imaging: "H&E" | "mammography";
  magnifications: readonly Magnification[];
}

const BREAKHIS = { family: "breakhis", imaging: "H&E", magnifications: MAGNIFICATIONS } as const;
const BACH = { family: "bach", imaging: "H&E", magnifications: [] } as const;
const MINIDDSM = { family: "miniddsm", imaging: "mammography", magnifications: [] } as const;

export const DATASETS = {
  breakhis: { ...BREAKHIS, source: "real" },
  bach: { ...BACH, source: "real" },
  miniddsm: { ...MINIDDSM, source: "real" },
  "miniddsm-paper": { ...MINIDDSM, source: "real" },
  "synthetic-breakhis": { ...BREAKHIS, source: "synthetic" },
  "synthetic-bach": { ...BACH, source: "synthetic" },
  "synthetic-miniddsm": { ...MINIDDSM, source: "synthetic" },
} as const satisfies Record<string, DatasetInfo>;

export type DatasetId = keyof typeof DATASETS;
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

export function isDatasetId(id: string): id is DatasetId {
  return Object.prototype.hasOwnProperty.call(DATASETS, id);
}

export function isMagnification(m: string): m is Magnification {
  return (MAGNIFICATIONS as readonly string[]).includes(m);
}

export function datasetInfo(id: string): DatasetInfo {
  if (!isDatasetId(id)) throw new Error(`unknown data set '${id}': choose one of ${DATASET_IDS.join(", ")}`);
  return DATASETS[id];
}

/**
 * The data set behind a manifest's name: its id, or its id with the magnification that
 * `byMagnification` appended ("breakhis-40X"); undefined for a manifest of none of the kit's data sets.
 */
export function manifestDataset(name: string): DatasetInfo | undefined {
  if (isDatasetId(name)) return DATASETS[name];
  const cut = name.lastIndexOf("-");
  const base = name.slice(0, cut);
  return cut > 0 && isMagnification(name.slice(cut + 1)) && isDatasetId(base) ? DATASETS[base] : undefined;
}
