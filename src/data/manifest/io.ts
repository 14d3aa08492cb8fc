/**
 * Saving and loading manifests: `manifest.json` is the complete record (classes, rows, problems);
 * `manifest.csv` holds the same rows for spreadsheets and pandas/danfo users.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { DataFrame } from "danfojs-node";
import { MANIFEST_COLUMNS, Manifest, ManifestRow } from "./types";
import { csvDocument } from "../../io/csv";
import { writeFileAtomic } from "../../io/atomic-write";

export const MANIFEST_JSON = "manifest.json";
export const MANIFEST_CSV = "manifest.csv";

export function manifestCsv(rows: readonly ManifestRow[]): string {
  return csvDocument(MANIFEST_COLUMNS, rows.map((r) => MANIFEST_COLUMNS.map((c) => String(r[c]))), "\n");
}

/** Writes both files into `dir` (created if needed); the root is stored relative to `dir`, so the data folder can move. */
export function saveManifest(m: Manifest, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const rel = path.relative(dir, m.root);
  const stored = { ...m, root: path.isAbsolute(rel) ? m.root : rel.split(path.sep).join("/") || "." };
  writeFileAtomic(path.join(dir, MANIFEST_JSON), JSON.stringify(stored, null, 1) + "\n");
  writeFileAtomic(path.join(dir, MANIFEST_CSV), manifestCsv(m.rows));
}

function checkRow(r: any, i: number, file: string, classes: number): ManifestRow {
  for (const c of MANIFEST_COLUMNS) {
    if (r[c] === undefined) throw new Error(`${file}: row ${i} has no '${c}'`);
  }
  if (!Number.isInteger(r.labelIndex) || r.labelIndex < 0 || r.labelIndex >= classes) {
    throw new Error(`${file}: row ${i} (${r.path}) has labelIndex ${r.labelIndex}, outside 0..${classes - 1}`);
  }
  return r as ManifestRow;
}

/** Loads `manifest.json` from a directory (or the file itself); the root becomes absolute. */
export function loadManifest(dirOrFile: string): Manifest {
  const file = dirOrFile.endsWith(".json") ? dirOrFile : path.join(dirOrFile, MANIFEST_JSON);
  if (!fs.existsSync(file)) throw new Error(`no manifest at ${file}: run 'dala data manifest' (or 'dala data synth') first`);
  let raw: any;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  for (const k of ["dataset", "root", "classNames", "rows"]) {
    if (raw[k] === undefined) throw new Error(`${file}: missing '${k}'`);
  }
  const rows = (raw.rows as any[]).map((r, i) => checkRow(r, i, file, raw.classNames.length));
  return {
    dataset: raw.dataset,
    root: path.resolve(path.dirname(file), raw.root),
    classNames: raw.classNames,
    rows,
    problems: raw.problems ?? [],
  };
}

/** The rows as a danfojs DataFrame (danfo is loaded on first use: it takes about a second). */
export function manifestDataFrame(m: Manifest): DataFrame {
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  const columns: Record<string, (string | number)[]> = {};
  for (const c of MANIFEST_COLUMNS) columns[c] = m.rows.map((r) => r[c]);
  return new dfd.DataFrame(columns, { columns: [...MANIFEST_COLUMNS] });
}
