/**
 * The paper's published tables (Tables 2-14: numbers, and Table 13's qualitative text cells),
 * transcribed once into `tables.json`, with lookups by meaning (data set, model, metric,
 * magnification, ...) rather than by position.
 *
 * A value's keys are the union of its table's, column's and row's keys, so
 * `paperValue({ table: 7, model: "DALAResNet50", magnification: "40X", metric: "accuracy" })` finds
 * one cell, and every value carries the line, row label and column header it was read from.
 */
import { CellType, CellValue, F1Pair, isF1Pair, parseCell, printedDecimals } from "./cell-value";

export { MAGNIFICATIONS, type Magnification } from "../data/datasets";
export type PaperDataset = "BreakHis" | "BACH" | "Mini-DDSM";

/** Model keys in the order of Tables 7-12 (row labels keep the paper's spelling, e.g. "DensNet121"). */
export const PAPER_MODELS = [
  "SEResNet50",
  "DenseNet121",
  "VGG16",
  "VGG16Inception",
  "ViT",
  "Swin-Transformer",
  "Dinov2_Vitb14",
  "ResNet50",
  "DALAResNet50",
] as const;
export const PAPER_CAMS = ["Grad-CAM", "Score-CAM", "Eigen-CAM", "DT Grad-CAM"] as const;
export const PAPER_TABLE_IDS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] as const;
export type PaperTableId = (typeof PAPER_TABLE_IDS)[number];

/** The dimensions a paper value can be looked up by. */
export interface PaperKeys {
  dataset?: string;
  magnification?: string;
  model?: string;
  metric?: string;
  /** Table 2: the residual stage after which the attention module sits ("layer1".."layer4"). */
  attentionAfter?: string;
  /** Tables 3-5: "benign", "malignant", "normal", "inSitu", "invasive" or "all". */
  class?: string;
  /** Table 6: "all", "train", "val" or "test". */
  split?: string;
  /** Tables 13-14: the CAM method. */
  cam?: string;
  /** Table 13: the comparison aspect ("adaptiveThresholding", "visualizationClarity", ...). */
  aspect?: string;
}
const KEY_NAMES: (keyof PaperKeys)[] = ["dataset", "magnification", "model", "attentionAfter", "cam", "aspect", "class", "split", "metric"];

export interface PaperQuery extends PaperKeys {
  table?: number;
}

export interface PaperSource {
  table: number;
  /** 1-based line of the row in the paper's text. */
  line: number;
  rowLabel: string;
  columnGroup?: string;
  columnHeader: string;
}

export interface PaperValue {
  table: number;
  keys: PaperKeys;
  value: CellValue;
  /** The cell as printed. */
  text: string;
  source: PaperSource;
}

export interface PaperInconsistency {
  id: string;
  kind: "inconsistency" | "suspicious" | "observation" | "note";
  tables: number[];
  where: string;
  summary: string;
  details: Record<string, any>;
}

interface RawColumn {
  group?: string;
  header: string;
  type: CellType;
  keys: PaperKeys;
}
interface RawRow {
  line: number;
  label: string;
  keys: PaperKeys;
  cells: string[];
}
interface RawTable {
  id: number;
  title: string;
  section: string;
  keys: PaperKeys;
  rowKey: keyof PaperKeys;
  blocks: { headerLines: number[]; columns: RawColumn[]; rows: RawRow[] }[];
}
interface RawPaperTables {
  paper: { title: string; doi: string; text: string };
  tables: RawTable[];
  inconsistencies: PaperInconsistency[];
}

// require, not import: tslab compiles src/ for notebooks and JSON imports depend on compiler options there.
const RAW: RawPaperTables = require("./tables.json");

export const PAPER = RAW.paper;

let valuesCache: PaperValue[] | undefined;

/** Every value of every transcribed table, parsed. */
export function allPaperValues(): PaperValue[] {
  if (valuesCache) return valuesCache;
  const out: PaperValue[] = [];
  for (const t of RAW.tables) {
    for (const b of t.blocks) {
      for (const r of b.rows) {
        b.columns.forEach((c, i) => {
          const where = `tables.json: Table ${t.id}, line ${r.line} '${r.label}', column '${c.group ? c.group + " " : ""}${c.header}'`;
          out.push({
            table: t.id,
            keys: { ...t.keys, ...c.keys, ...r.keys },
            value: parseCell(r.cells[i], c.type, where),
            text: r.cells[i],
            source: { table: t.id, line: r.line, rowLabel: r.label, columnGroup: c.group, columnHeader: c.header },
          });
        });
      }
    }
  }
  valuesCache = out;
  return out;
}

function matches(v: PaperValue, q: PaperQuery): boolean {
  if (q.table !== undefined && v.table !== q.table) return false;
  for (const k of KEY_NAMES) {
    if (q[k] !== undefined && v.keys[k] !== q[k]) return false;
  }
  return true;
}

/** All values matching every given key (keys left out match anything). */
export function paperValues(query: PaperQuery = {}): PaperValue[] {
  return allPaperValues().filter((v) => matches(v, query));
}

export function describeKeys(q: PaperQuery): string {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(", ") : "(no keys)";
}

/** Exactly one value; zero or several matches are errors that say what the query was. */
export function paperValue(query: PaperQuery): PaperValue {
  const found = paperValues(query);
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new Error(`no paper value matches ${describeKeys(query)}`);
  const where = found
    .slice(0, 6)
    .map((v) => `Table ${v.table} line ${v.source.line} (${describeKeys(v.keys)})`)
    .join("; ");
  throw new Error(`${found.length} paper values match ${describeKeys(query)}: ${where}${found.length > 6 ? "; ..." : ""}. Add keys to pick one.`);
}

export interface PaperNumberQuery extends PaperQuery {
  /** Which half of an F1 pair; required when the value is a pair. */
  average?: keyof F1Pair;
}

/** A value as a number; F1 pairs need `average`. */
export function paperNumber(query: PaperNumberQuery): number {
  const { average, ...rest } = query;
  const v = paperValue(rest);
  if (isF1Pair(v.value)) {
    if (!average) throw new Error(`paper value ${describeKeys(rest)} is an F1 pair '${v.text}': pass average: "macro" or "weighted"`);
    return v.value[average];
  }
  if (typeof v.value !== "number") throw new Error(`paper value ${describeKeys(rest)} is text ('${v.text}'), not a number`);
  return v.value;
}

/** The number of decimals the paper printed for a value (for an F1 pair, of the chosen half). */
export function paperDecimals(v: PaperValue, average?: keyof F1Pair): number {
  if (isF1Pair(v.value)) {
    const [macro, weighted] = v.text.split("/");
    return printedDecimals((average === "weighted" ? weighted : macro).trim());
  }
  return printedDecimals(v.text);
}

export interface PaperTableInfo {
  id: number;
  title: string;
  section: string;
  keys: PaperKeys;
  rowKey: keyof PaperKeys;
}

function rawTable(id: number): RawTable {
  const t = RAW.tables.find((x) => x.id === id);
  if (!t) throw new Error(`the paper's Table ${id} is not transcribed: known tables ${RAW.tables.map((x) => x.id).join(", ")}`);
  return t;
}

export function paperTableInfo(id: number): PaperTableInfo {
  const { title, section, keys, rowKey } = rawTable(id);
  return { id, title, section, keys, rowKey };
}

export interface PaperRow {
  label: string;
  keys: PaperKeys;
  lines: number[];
  /** The row's values from every block of the table (the paper splits wide tables in two). */
  values: PaperValue[];
}

/** A table's rows in the paper's order, with the blocks a wide table is split into joined by row. */
export function paperRows(id: number): PaperRow[] {
  const t = rawTable(id);
  const values = paperValues({ table: id });
  const rows = new Map<string, PaperRow>();
  for (const b of t.blocks) {
    for (const r of b.rows) {
      // a row is identified by all its keys: Table 6 has four BreakHis rows, one per magnification
      const key = JSON.stringify(r.keys);
      const row = rows.get(key) ?? { label: r.label, keys: { ...t.keys, ...r.keys }, lines: [], values: [] };
      row.lines.push(r.line);
      row.values.push(...values.filter((v) => v.source.line === r.line));
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

/** Where the paper contradicts itself or looks wrong, recorded rather than silently fixed. */
export function paperInconsistencies(): PaperInconsistency[] {
  return RAW.inconsistencies;
}

export function paperInconsistency(id: string): PaperInconsistency {
  const found = RAW.inconsistencies.find((x) => x.id === id);
  if (!found) throw new Error(`no recorded paper inconsistency '${id}': known ${RAW.inconsistencies.map((x) => x.id).join(", ")}`);
  return found;
}
