/**
 * BreakHis v1 as extracted from BreaKHis_v1.tar.gz:
 * `BreaKHis_v1/histology_slides/breast/{benign,malignant}/SOB/<type>/SOB_<B|M>_<type>_<year>-<slide>/<mag>/
 *  SOB_<B|M>_<type>-<year>-<slide>-<mag>-<seq>.png`.
 * The patient is the `<year>-<slide>` part of the file name. Slide 14-13412 has images filed under
 * both ductal and lobular carcinoma; since the tumour type is not part of the id it is one patient.
 */
import * as path from "node:path";
import { Manifest, ManifestProblem, ManifestRow } from "./types";
import { checkClasses, findDir, listFiles, withSizes } from "./scan";
import { MAGNIFICATIONS } from "../datasets";

export const BREAKHIS_CLASSES = ["benign", "malignant"];
export const BREAKHIS_MAGNIFICATIONS = MAGNIFICATIONS;

const NAME = /^SOB_([BM])_([A-Z]+)-(\d+)-([A-Za-z0-9]+)-(\d+)-(\d+)\.png$/;

export interface BreakhisName {
  benign: boolean;
  tumourType: string;
  patient: string;
  magnification: string;
  sequence: number;
}

/** Parses a BreakHis file name; undefined when it does not follow the pattern. */
export function parseBreakhisName(file: string): BreakhisName | undefined {
  const m = NAME.exec(path.basename(file));
  if (!m) return undefined;
  return { benign: m[1] === "B", tumourType: m[2], patient: `${m[3]}-${m[4]}`, magnification: `${m[5]}X`, sequence: Number(m[6]) };
}

export async function scanBreakhis(root: string): Promise<Manifest> {
  const breast = findDir(root, ["BreaKHis_v1/histology_slides/breast", "histology_slides/breast", "breast"], "BreakHis");
  const problems: ManifestProblem[] = [];
  const rows: Omit<ManifestRow, "width" | "height">[] = [];
  for (const rel of listFiles(breast)) {
    if (!rel.toLowerCase().endsWith(".png")) continue;
    const parts = rel.split("/");
    const name = parseBreakhisName(rel);
    const shown = path.relative(root, path.join(breast, rel));
    if (!name) {
      problems.push({ path: shown, reason: "file name does not follow SOB_<B|M>_<type>-<year>-<slide>-<mag>-<seq>.png" });
      continue;
    }
    const classIndex = BREAKHIS_CLASSES.indexOf(parts[0]);
    if (classIndex < 0 || classIndex !== (name.benign ? 0 : 1)) {
      problems.push({ path: shown, reason: `class folder '${parts[0]}' disagrees with the file name (${name.benign ? "B" : "M"})` });
      continue;
    }
    const magFolder = parts[parts.length - 2];
    if (magFolder !== name.magnification) {
      problems.push({ path: shown, reason: `magnification folder '${magFolder}' disagrees with the file name (${name.magnification})` });
      continue;
    }
    rows.push({ path: shown.split(path.sep).join("/"), label: parts[0], labelIndex: classIndex, patient: name.patient, magnification: name.magnification, mask: "" });
  }
  const sized = await withSizes(root, rows, problems);
  checkClasses(BREAKHIS_CLASSES, sized, problems, path.relative(root, breast) || ".");
  return { dataset: "breakhis", root: path.resolve(root), classNames: BREAKHIS_CLASSES, rows: sized, problems };
}
