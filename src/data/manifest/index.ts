/** The real data sets by id, each with the scanner that builds its manifest from the extracted archive. */
import { Manifest } from "./types";
import { scanBach } from "./bach";
import { scanBreakhis } from "./breakhis";
import { scanMiniddsm } from "./miniddsm";

export const REAL_DATASETS = {
  breakhis: scanBreakhis,
  bach: scanBach,
  miniddsm: scanMiniddsm,
} as const;

export type RealDatasetId = keyof typeof REAL_DATASETS;

export function scanDataset(id: string, root: string): Promise<Manifest> {
  const scan = (REAL_DATASETS as Record<string, (root: string) => Promise<Manifest>>)[id];
  if (!scan) throw new Error(`unknown data set '${id}': choose one of ${Object.keys(REAL_DATASETS).join(", ")}`);
  return scan(root);
}
