/**
 * The sidecar `<name>.json` written beside every table and figure: what it is, which notebook made
 * it, from which profile and data, its files, and the full provenance. The results index reads only
 * these, so anything a reader should find in the index must be recorded here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Provenance } from "../provenance";
import { writeFileAtomic } from "../io/atomic-write";

export interface ComparisonRecordRow {
  /** The row's keys joined for people, e.g. "DALAResNet50 · 40X · accuracy". */
  label: string;
  paper: number;
  kit: number | null;
  delta: number | null;
  /** Where the paper's value is printed, e.g. "Table 7, line 131". */
  source: string;
}

export interface ResultRecord {
  kind: "table" | "figure";
  name: string;
  title: string;
  notebook?: string;
  profile: string;
  dataset: string;
  synthetic: boolean;
  /** File names relative to the sidecar's directory, by format (csv, md, html, png). */
  files: Record<string, string>;
  provenance: Provenance;
  comparison?: { rows: ComparisonRecordRow[] };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Result names become file names: letters, digits, '.', '_' and '-' only. */
export function checkResultName(name: string): string {
  if (!NAME.test(name) || name.endsWith(".json")) {
    throw new Error(`result name '${name}' must start with a letter or digit and contain only letters, digits, '.', '_' and '-'`);
  }
  return name;
}

export function writeRecord(dir: string, record: ResultRecord): string {
  const file = path.join(dir, `${record.name}.json`);
  writeFileAtomic(file, JSON.stringify(record, null, 2) + "\n");
  return file;
}

function isRecord(x: any): x is ResultRecord {
  return x && (x.kind === "table" || x.kind === "figure") && typeof x.name === "string" && typeof x.files === "object";
}

/** All sidecars in a directory, sorted by name; JSON files that are not sidecars are skipped. */
export function readRecords(dir: string): ResultRecord[] {
  if (!fs.existsSync(dir)) return [];
  const out: ResultRecord[] = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const file = path.join(dir, f);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
    }
    if (isRecord(parsed)) out.push(parsed);
  }
  return out;
}
