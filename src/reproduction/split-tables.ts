/**
 * Table 6 regenerated, and the paper's image-level split set beside a patient-level one.
 *
 * - The Table 6 comparison runs the kit's stratified split on label vectors with the class counts of
 *   Tables 3-5: it needs no images, so it checks the split rule against the paper on any machine.
 * - The split of the data at hand is compared with Table 6 when the data set is the real one, and
 *   checked against the 6:1:3 rule when it is a (smaller) synthetic stand-in.
 * - The balance-and-leakage table shows, per Table 6 row, both split kinds: sizes, class shares per
 *   part and how many patients (and test images) sit on both sides.
 */
import { byMagnification, type Manifest } from "../data/manifest/types";
import { makeSplit } from "../data/split/io";
import { leakageReport } from "../data/split/leakage";
import { paperSplit, paperSplitSizes } from "../data/split/paper-split";
import { PARTS, type Part, type Split } from "../data/split/types";
import { paperNumber } from "../paper/paper-tables";
import { getProfile } from "../profiles";
import type { ReportContext } from "../report/context";
import { notebookContext } from "./notebook-context";
import { comparePaper, type KitEntry } from "../report/tables/comparison";
import type { Cell } from "../report/tables/table-data";
import type { LoadedDataset } from "./load-dataset";
import { PAPER_DATASET_IDS, PAPER_DATASETS, type PaperDatasetInfo } from "./paper-datasets";
import type { ComparisonReportTable, PlainReportTable } from "./publish";

/** One row of Table 6: a data set, or one BreakHis magnification (the paper trains on each apart). */
export interface SplitSubset {
  /** As Table 6 labels it, e.g. "BreakHis 40X". */
  label: string;
  info: PaperDatasetInfo;
  magnification?: string;
  manifest: Manifest;
  synthetic: boolean;
}

export function table6Subsets(d: LoadedDataset): SplitSubset[] {
  const { info } = d;
  if (info.magnifications.length === 0) return [{ label: info.paperName, info, manifest: d.manifest, synthetic: d.synthetic }];
  return info.magnifications.map((magnification) => ({
    label: `${info.paperName} ${magnification}`,
    info,
    magnification,
    manifest: byMagnification(d.manifest, magnification),
    synthetic: d.synthetic,
  }));
}

const table6Keys = (info: PaperDatasetInfo, magnification?: string) => ({ table: 6, dataset: info.paperName, ...(magnification ? { magnification } : {}), metric: "images" });

/** Table 6's four columns for one row: the total and the three parts. */
function sizeEntries(info: PaperDatasetInfo, magnification: string | undefined, sizes: Record<Part | "all", number>): KitEntry[] {
  return (["all", ...PARTS] as const).map((split) => ({ ...table6Keys(info, magnification), split, kit: sizes[split] }));
}

const partSizes = (s: Pick<Split, Part>): Record<Part | "all", number> => ({ all: s.train.length + s.val.length + s.test.length, train: s.train.length, val: s.val.length, test: s.test.length });

/** The class counts the paper gives for one Table 6 row (Tables 3, 4, 5), in class-index order. */
export function paperClassCounts(info: PaperDatasetInfo, magnification?: string): number[] {
  return info.paperClasses.map((cls) => paperNumber({ table: info.countTable, dataset: info.paperName, ...(magnification ? { magnification } : {}), class: cls, metric: "images" }));
}

/** Table 6 from the kit's paper split run on labels with the paper's class counts; every delta should be 0. */
export function table6FromPaperCounts(seed: number): ComparisonReportTable {
  const entries: KitEntry[] = [];
  for (const id of PAPER_DATASET_IDS) {
    const info = PAPER_DATASETS[id];
    for (const magnification of info.magnifications.length ? info.magnifications : [undefined]) {
      const labels = paperClassCounts(info, magnification).flatMap((k, c) => new Array<number>(k).fill(c));
      entries.push(...sizeEntries(info, magnification, partSizes(paperSplit(labels, seed))));
    }
  }
  return {
    name: "table6-split-sizes",
    title: "Table 6 · Training / validation / test sizes (6:1:3) of the kit's paper split",
    caption: [
      `The kit's stratified split (seed ${seed}) applied to label vectors with the class counts of Tables 3-5: it needs no images, so this table is the same with or without the data sets.`,
      "Sizes follow train = round(0.6 n), val = floor(0.1 n), test = n - train - val; a delta of 0 everywhere means the rule reproduces every row of Table 6.",
    ],
    comparison: comparePaper(entries),
    ranked: true,
  };
}

/**
 * The paper split of the data at hand, per Table 6 row: compared with Table 6 for a real data set;
 * for a synthetic stand-in, its sizes beside the 6:1:3 rule for its own size and the paper's row.
 */
export function splitSizeTable(d: LoadedDataset, seed: number): ComparisonReportTable | PlainReportTable {
  const subsets = table6Subsets(d);
  const splits = subsets.map((s) => makeSplit(s.manifest, "paper", seed));
  const name = `table6-${d.info.id}-split-sizes`;
  if (!d.synthetic) {
    return {
      name,
      title: `Table 6 · ${d.info.paperName}: split sizes of the downloaded data set`,
      caption: [d.source, `The kit's paper split (seed ${seed}) of the downloaded images; a delta of 0 means the paper's row is reproduced exactly.`],
      comparison: comparePaper(subsets.flatMap((s, i) => sizeEntries(s.info, s.magnification, partSizes(splits[i])))),
      ranked: true,
    };
  }
  const columns = ["Table 6 row", "images", "train", "val", "test", "6:1:3 rule for these images", "follows the rule", "paper (images / train / val / test)"];
  const rows: Cell[][] = subsets.map((s, i) => {
    const got = partSizes(splits[i]);
    const rule = paperSplitSizes(got.all);
    const paper = (["all", ...PARTS] as const).map((split) => paperNumber({ ...table6Keys(s.info, s.magnification), split }));
    return [s.label, got.all, got.train, got.val, got.test, `${rule.train} / ${rule.val} / ${rule.test}`, rule.train === got.train && rule.val === got.val && rule.test === got.test ? "yes" : "no", paper.join(" / ")];
  });
  return {
    name,
    title: `Table 6 · ${d.info.paperName}: split sizes of the synthetic stand-in`,
    caption: [d.source, `The kit's paper split (seed ${seed}) of the synthetic images follows the same 6:1:3 rule as Table 6, at the stand-in's smaller size.`],
    table: { columns, rows },
  };
}

/** Test images whose patient also has images in the training part: what a model may simply recognise. */
export function testImagesSeenInTraining(split: Pick<Split, Part>, patients: readonly string[]): number {
  const trained = new Set(split.train.map((r) => patients[r]));
  return split.test.filter((r) => trained.has(patients[r])).length;
}

/** Class shares of one part in percent, "31.3 / 68.7" in class-index order. */
export function classSharesText(rows: readonly number[], labels: readonly number[], classes: number): string {
  const counts = new Array<number>(classes).fill(0);
  for (const r of rows) counts[labels[r]]++;
  return counts.map((k) => (rows.length ? (100 * k) / rows.length : 0).toFixed(1)).join(" / ");
}

/** Per Table 6 row, the paper split and the patient-level split: sizes, class balance, leakage. */
export function splitBalanceTable(datasets: readonly LoadedDataset[], seed: number): PlainReportTable {
  const columns = [
    "Table 6 row",
    "split",
    "train",
    "val",
    "test",
    "class shares train (%)",
    "class shares test (%)",
    "patients",
    "patients in more than one part",
    "patients in train and test",
    "test images of patients seen in training",
    "share of test set (%)",
  ];
  const rows: Cell[][] = [];
  for (const d of datasets) {
    for (const s of table6Subsets(d)) {
      const labels = s.manifest.rows.map((r) => r.labelIndex);
      const patients = s.manifest.rows.map((r) => r.patient);
      for (const kind of ["paper", "patient"] as const) {
        const split = makeSplit(s.manifest, kind, seed);
        const leak = leakageReport(split, patients);
        const seen = testImagesSeenInTraining(split, patients);
        rows.push([
          `${s.label}${s.synthetic ? ` (${d.manifest.dataset})` : ""}`,
          kind === "paper" ? "paper (image-level)" : "patient-level",
          split.train.length,
          split.val.length,
          split.test.length,
          classSharesText(split.train, labels, s.manifest.classNames.length),
          classSharesText(split.test, labels, s.manifest.classNames.length),
          leak.patients,
          leak.sharedPatients,
          leak.pairs["train/test"].patients,
          seen,
          split.test.length ? (100 * seen) / split.test.length : 0,
        ]);
      }
    }
  }
  return {
    name: "split-paper-vs-patient",
    title: "The paper's image-level split beside a patient-level split: sizes, class balance and leakage",
    caption: [
      ...datasets.map((d) => d.source),
      `Both splits use seed ${seed}. Class shares are in class-index order (${datasets.map((d) => `${d.info.paperName}: ${d.info.classNames.join(" / ")}`).join("; ")}).`,
      "BACH publishes no patient ids, so its images count as their own patients and neither split can leak; Mini-DDSM's patients are its cases.",
    ],
    table: { columns, rows },
    digits: 1,
  };
}

/**
 * The context of results that use only the paper's published counts (the Table 6 comparison): no
 * data set is read, so they are not synthetic whatever the profile.
 */
export function paperCountsContext(profileName: string, resultsDir?: string): ReportContext {
  return notebookContext({ profile: profileName, dataset: "class counts of Tables 3-5", synthetic: false, seed: getProfile(profileName).dataSeed, ...(resultsDir ? { resultsDir } : {}) });
}
