/**
 * BACH (ICIAR 2018) as extracted from ICIAR2018_BACH_Challenge.zip:
 * `ICIAR2018_BACH_Challenge/Photos/{Normal,Benign,InSitu,Invasive}/*.tif`, 100 each, 2048 x 1536.
 * Patients are not published, so each image is its own "patient" (a patient-level split then equals
 * an image-level one, and the leakage report says so). When `microscopy_ground_truth.csv` is present,
 * every image's folder is checked against it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Manifest, ManifestProblem, ManifestRow } from "./types";
import { checkClasses, findDir, listFiles, withSizes } from "./scan";

export const BACH_CLASSES = ["Normal", "Benign", "InSitu", "Invasive"];

function groundTruth(photos: string): Map<string, string> | undefined {
  const file = path.join(photos, "microscopy_ground_truth.csv");
  if (!fs.existsSync(file)) return undefined;
  const map = new Map<string, string>();
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const [name, label] = line.split(",").map((s) => s?.trim());
    if (name && label) map.set(name, label);
  }
  return map;
}

export async function scanBach(root: string): Promise<Manifest> {
  const photos = findDir(root, ["ICIAR2018_BACH_Challenge/Photos", "Photos"], "BACH");
  const truth = groundTruth(photos);
  const problems: ManifestProblem[] = [];
  const rows: Omit<ManifestRow, "width" | "height">[] = [];
  for (const rel of listFiles(photos)) {
    const parts = rel.split("/");
    if (parts.length !== 2 || !/\.tiff?$/i.test(rel)) continue;
    const shown = path.relative(root, path.join(photos, rel)).split(path.sep).join("/");
    const labelIndex = BACH_CLASSES.indexOf(parts[0]);
    if (labelIndex < 0) {
      problems.push({ path: shown, reason: `unknown class folder '${parts[0]}' (expected ${BACH_CLASSES.join(", ")})` });
      continue;
    }
    const expected = truth?.get(parts[1]);
    if (truth && expected !== parts[0]) {
      problems.push({ path: shown, reason: `microscopy_ground_truth.csv says '${expected ?? "(not listed)"}'` });
      continue;
    }
    rows.push({ path: shown, label: parts[0], labelIndex, patient: path.parse(parts[1]).name, magnification: "", mask: "" });
  }
  const sized = await withSizes(root, rows, problems);
  checkClasses(BACH_CLASSES, sized, problems, path.relative(root, photos) || ".");
  return { dataset: "bach", root: path.resolve(root), classNames: BACH_CLASSES, rows: sized, problems };
}
