/**
 * The paper's three data sets as the reproduction notebooks see them: the real data set's id, the
 * kit's synthetic stand-in, the paper table that counts its classes and the figure that shows samples,
 * and how the manifest's class names map onto the paper's row keys (Tables 3-5 name classes their own
 * way, e.g. Mini-DDSM's "Cancer" folder is Table 5's "Malignant Images").
 */
import { BACH_CLASSES } from "../data/manifest/bach";
import { BREAKHIS_CLASSES, BREAKHIS_MAGNIFICATIONS } from "../data/manifest/breakhis";
import { MINIDDSM_CLASSES } from "../data/manifest/miniddsm";
import type { RealDatasetId } from "../data/manifest/index";
import type { Flavour } from "../data/synthetic/flavours";
import type { PaperDataset } from "../paper/paper-tables";

export interface PaperDatasetInfo {
  id: RealDatasetId;
  /** The name the paper's tables use (their `dataset` key). */
  paperName: PaperDataset;
  synthetic: Flavour["id"];
  /** The paper table with its images per class (3, 4 or 5). */
  countTable: number;
  /** The paper figure with its sample images (3, 4 or 5). */
  figure: number;
  /** Class names in manifest (class-index) order; the synthetic stand-in uses the same names. */
  classNames: readonly string[];
  /** The paper's `class` key of each class, in the same order. */
  paperClasses: readonly string[];
  /** BreakHis's magnifications: the paper counts, splits and trains per magnification. Empty otherwise. */
  magnifications: readonly string[];
}

export const PAPER_DATASETS: Record<RealDatasetId, PaperDatasetInfo> = {
  breakhis: {
    id: "breakhis",
    paperName: "BreakHis",
    synthetic: "synthetic-breakhis",
    countTable: 3,
    figure: 3,
    classNames: BREAKHIS_CLASSES,
    paperClasses: ["benign", "malignant"],
    magnifications: BREAKHIS_MAGNIFICATIONS,
  },
  bach: {
    id: "bach",
    paperName: "BACH",
    synthetic: "synthetic-bach",
    countTable: 4,
    figure: 4,
    classNames: BACH_CLASSES,
    paperClasses: ["normal", "benign", "inSitu", "invasive"],
    magnifications: [],
  },
  miniddsm: {
    id: "miniddsm",
    paperName: "Mini-DDSM",
    synthetic: "synthetic-miniddsm",
    countTable: 5,
    figure: 5,
    classNames: MINIDDSM_CLASSES,
    paperClasses: ["normal", "benign", "malignant"],
    magnifications: [],
  },
};

/** In the paper's order (Tables 3, 4, 5 and the rows of Table 6). */
export const PAPER_DATASET_IDS: readonly RealDatasetId[] = ["breakhis", "bach", "miniddsm"];

export function paperDatasetInfo(id: string): PaperDatasetInfo {
  const info = (PAPER_DATASETS as Record<string, PaperDatasetInfo>)[id];
  if (!info) throw new Error(`unknown data set '${id}': choose one of ${PAPER_DATASET_IDS.join(", ")}`);
  return info;
}
