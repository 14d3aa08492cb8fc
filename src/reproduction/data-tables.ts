/**
 * Tables 3, 4 and 5 regenerated from a manifest: images per class (per magnification for BreakHis)
 * beside the paper's counts, and the class structure behind them (shares, patients, image sizes),
 * which is what a synthetic stand-in is built to match when its counts cannot.
 */
import { classCounts, type ManifestRow } from "../data/manifest/types";
import { paperNumber, paperValue } from "../paper/paper-tables";
import type { KitEntry } from "../report/tables/comparison";
import { comparePaper } from "../report/tables/comparison";
import type { Cell } from "../report/tables/table-data";
import type { LoadedDataset } from "./load-dataset";
import type { ComparisonReportTable, PlainReportTable } from "./publish";

interface RowGroup {
  magnification?: string;
  rows: ManifestRow[];
}

/** The manifest's rows per magnification for BreakHis (as Table 3 counts them), else all together. */
export function magnificationGroups(d: LoadedDataset): RowGroup[] {
  const mags = d.info.magnifications;
  if (mags.length === 0) return [{ rows: d.manifest.rows }];
  return mags.map((magnification) => ({ magnification, rows: d.manifest.rows.filter((r) => r.magnification === magnification) }));
}

const magKey = (g: RowGroup) => (g.magnification ? { magnification: g.magnification } : {});

/** One entry per class and one for the total ("all"), per magnification group, in the paper's keys. */
export function classCountEntries(d: LoadedDataset): KitEntry[] {
  const { info } = d;
  const entries: KitEntry[] = [];
  for (const g of magnificationGroups(d)) {
    const counts = classCounts({ classNames: d.manifest.classNames, rows: g.rows });
    const base = { table: info.countTable, dataset: info.paperName, metric: "images", ...magKey(g) };
    counts.forEach((kit, c) => entries.push({ ...base, class: info.paperClasses[c], kit }));
    entries.push({ ...base, class: "all", kit: g.rows.length });
  }
  return entries;
}

export function classCountTable(d: LoadedDataset): ComparisonReportTable {
  const { info } = d;
  const perMag = info.magnifications.length > 0;
  const why = d.synthetic
    ? `The synthetic set is deliberately far smaller than ${info.paperName}, so its counts differ from the paper's by design; ` +
      `its class shares are what it reproduces (next table). These rows are left out of the results index's largest differences.`
    : `A delta of 0 in every row means the downloaded ${info.paperName} has exactly the images the paper counted.`;
  return {
    name: `table${info.countTable}-${info.id}-class-counts`,
    title: `Table ${info.countTable} · ${info.paperName}: images per class${perMag ? " and magnification" : ""}`,
    caption: [d.source, why],
    comparison: comparePaper(classCountEntries(d)),
    ranked: !d.synthetic,
  };
}

/** "W × H" when every image has one size, else the range. */
export function imageSizeSummary(rows: readonly ManifestRow[]): string {
  if (rows.length === 0) return "";
  const sizes = new Set(rows.map((r) => `${r.width} × ${r.height}`));
  if (sizes.size === 1) return [...sizes][0];
  const range = (xs: number[]) => `${Math.min(...xs)}-${Math.max(...xs)}`;
  return `variable (${sizes.size} sizes, ${range(rows.map((r) => r.width))} × ${range(rows.map((r) => r.height))})`;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : (100 * part) / whole);

/** What "patient" means in each data set's manifest. */
const PATIENTS: Record<string, string> = {
  breakhis: "Patients are the slide ids in BreakHis's file names (slide 14-13412 counted once).",
  bach: "BACH publishes no patient ids, so every image counts as its own patient.",
  miniddsm: "Patients are Mini-DDSM's cases (a case holds several views of one patient).",
};
const SYNTHETIC_PATIENTS = "Patients are the stand-in's generated patients; the images of one share its stain, as slides of one patient do.";

/**
 * Per class: the paper's images and share, the kit's images and share, the share difference in
 * percentage points, and the kit's patients (cases) and image sizes.
 */
export function classShareTable(d: LoadedDataset): PlainReportTable {
  const { info } = d;
  const perMag = info.magnifications.length > 0;
  // Tables 4 and 5 print an image size per class; Table 3 does not (the text gives 700 x 460).
  const paperSizes = info.countTable !== 3;
  const columns = [
    ...(perMag ? ["magnification"] : []),
    "class",
    "paper images",
    "paper share (%)",
    "kit images",
    "kit share (%)",
    "share delta (points)",
    "kit patients",
    ...(paperSizes ? ["paper image size"] : []),
    "kit image size",
  ];
  const rows: Cell[][] = [];
  for (const g of magnificationGroups(d)) {
    const keys = { table: info.countTable, dataset: info.paperName, ...magKey(g) };
    const paperTotal = paperNumber({ ...keys, class: "all", metric: "images" });
    const counts = classCounts({ classNames: d.manifest.classNames, rows: g.rows });
    const classRows = [...info.paperClasses.map((cls, c) => ({ cls, label: d.manifest.classNames[c], rows: g.rows.filter((r) => r.labelIndex === c), kit: counts[c] })), { cls: "all", label: "all", rows: g.rows, kit: g.rows.length }];
    for (const r of classRows) {
      const paper = paperNumber({ ...keys, class: r.cls, metric: "images" });
      const paperShare = percent(paper, paperTotal);
      const kitShare = percent(r.kit, g.rows.length);
      rows.push([
        ...(perMag ? [g.magnification] : []),
        r.label,
        paper,
        paperShare,
        r.kit,
        kitShare,
        paperShare === null || kitShare === null ? null : kitShare - paperShare,
        new Set(r.rows.map((x) => x.patient)).size,
        ...(paperSizes ? [paperValue({ ...keys, class: r.cls, metric: "imageSize" }).text] : []),
        imageSizeSummary(r.rows),
      ]);
    }
  }
  const patients = d.synthetic ? SYNTHETIC_PATIENTS : PATIENTS[info.id];
  return {
    name: `table${info.countTable}-${info.id}-class-shares`,
    title: `Table ${info.countTable} · ${info.paperName}: class shares, patients and image sizes`,
    caption: [d.source, `Shares are within each ${perMag ? "magnification" : "data set"}. ${patients}`],
    table: { columns, rows },
    digits: 1,
  };
}

/** Which data each paper data set is represented by in this run, and how much of it there is. */
export function dataSourcesTable(datasets: readonly LoadedDataset[]): PlainReportTable {
  const columns = ["paper data set", "data used here", "images", "classes", "patients", "problems in the manifest", "location"];
  const rows: Cell[][] = datasets.map((d) => [
    d.info.paperName,
    d.synthetic ? `synthetic stand-in (${d.manifest.dataset})` : "downloaded",
    d.manifest.rows.length,
    d.manifest.classNames.join(", "),
    new Set(d.manifest.rows.map((r) => r.patient)).size,
    d.manifest.problems.length,
    d.manifest.root,
  ]);
  return {
    name: "data-sources",
    title: "Data behind Tables 3-6 in this run",
    caption: datasets.map((d) => d.source),
    table: { columns, rows },
  };
}
