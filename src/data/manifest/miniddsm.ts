/**
 * Mini-DDSM as downloaded from Kaggle (cheddad/miniddsm2):
 * `MINI-DDSM-Complete-PNG-16/{Benign,Cancer,Normal}/<case>/<image>.png` with lesion masks
 * `<image>_Mask.png` beside the images of Benign and Cancer cases (Normal cases have none).
 * The patient is the case folder. A mask without its image is listed as a problem.
 */
import * as path from "node:path";
import { Manifest, ManifestProblem, ManifestRow } from "./types";
import { checkClasses, findDir, listFiles, withSizes } from "./scan";

/** In the paper's order (Table 5: normal, benign, malignant). */
export const MINIDDSM_CLASSES = ["Normal", "Benign", "Cancer"];

const MASK = /_Mask\d*\.png$/i;

export async function scanMiniddsm(root: string): Promise<Manifest> {
  const top = findDir(root, ["MINI-DDSM-Complete-PNG-16", "miniddsm2/MINI-DDSM-Complete-PNG-16"], "Mini-DDSM");
  const problems: ManifestProblem[] = [];
  const rows: Omit<ManifestRow, "width" | "height">[] = [];
  const files = listFiles(top);
  const fileSet = new Set(files);
  const rel = (f: string) => path.relative(root, path.join(top, f)).split(path.sep).join("/");
  for (const f of files) {
    const parts = f.split("/");
    if (!/\.png$/i.test(f) || parts.length !== 3) continue;
    if (MASK.test(f)) {
      const image = f.replace(MASK, ".png");
      if (!fileSet.has(image)) problems.push({ path: rel(f), reason: `mask without its image ${rel(image)}` });
      continue;
    }
    const labelIndex = MINIDDSM_CLASSES.indexOf(parts[0]);
    if (labelIndex < 0) {
      problems.push({ path: rel(f), reason: `unknown class folder '${parts[0]}' (expected ${MINIDDSM_CLASSES.join(", ")})` });
      continue;
    }
    const mask = f.replace(/\.png$/i, "_Mask.png");
    rows.push({ path: rel(f), label: parts[0], labelIndex, patient: parts[1], magnification: "", mask: fileSet.has(mask) ? rel(mask) : "" });
  }
  const sized = await withSizes(root, rows, problems);
  checkClasses(MINIDDSM_CLASSES, sized, problems, path.relative(root, top) || ".");
  return { dataset: "miniddsm", root: path.resolve(root), classNames: MINIDDSM_CLASSES, rows: sized, problems };
}
