/**
 * The paper's printed rows as audit rows: each row of Tables 2, 7, 8, 11 and 12, and each pair of
 * rows the paper prints for the same model on the same data (Tables 7 + 11, Tables 8 + 12), which
 * must come from one confusion matrix if they come from one run.
 *
 * Test sets follow the paper's stated split: the class counts of Tables 3-5, split 6:1:3 stratified
 * (src/data/split/paper-split.ts, which reproduces Table 6's sizes). The paper never lists its test
 * class counts, so for the binary rows the split of Table 6's test size between benign and malignant
 * is scanned over +-SCAN_WIDTH around the stratified one. AUC (Table 2) depends on scores, not on
 * a confusion matrix, and is not audited.
 */
import { paperDecimals, paperRows, paperValue, type PaperRow, type PaperValue } from "../paper/paper-tables";
import { isF1Pair } from "../paper/cell-value";
import { stratifiedSizes } from "../data/split/paper-split";
import { MAGNIFICATIONS } from "../data/datasets";
import type { PrintedMetric, PrintedScore } from "./printed";
import type { AuditRowSpec } from "./row-audit";

export const SCAN_WIDTH = 4;

export interface PaperDataCell {
  /** "BreakHis 40X", "BACH", "Mini-DDSM". */
  label: string;
  dataset: string;
  magnification?: string;
  classes: string[];
  /** Class counts of the whole data set (Tables 3-5). */
  counts: number[];
  /** The stratified test split of those counts. */
  test: number[];
}

const CLASS_KEYS: Record<string, string[]> = { BreakHis: ["benign", "malignant"], BACH: ["normal", "benign", "inSitu", "invasive"], "Mini-DDSM": ["normal", "benign", "malignant"] };
const COUNT_TABLE: Record<string, number> = { BreakHis: 3, BACH: 4, "Mini-DDSM": 5 };

export function paperDataCell(dataset: string, magnification?: string): PaperDataCell {
  const classes = CLASS_KEYS[dataset];
  if (!classes) throw new Error(`no class list for data set '${dataset}'`);
  const counts = classes.map((c) => paperValue({ table: COUNT_TABLE[dataset], dataset, class: c, metric: "images", ...(magnification ? { magnification } : {}) }).value as number);
  const test = stratifiedSizes(counts).map((s) => s.test);
  return { label: magnification ? `${dataset} ${magnification}` : dataset, dataset, magnification, classes, counts, test };
}

export function paperDataCells(): PaperDataCell[] {
  return [...MAGNIFICATIONS.map((m) => paperDataCell("BreakHis", m)), paperDataCell("BACH"), paperDataCell("Mini-DDSM")];
}

/** The scores of one paper value: an F1 pair is two (macro and weighted, as paper-facts.md reads it). */
function scoresOf(v: PaperValue): PrintedScore[] {
  const where = `Table ${v.table} line ${v.source.line}, ${v.source.rowLabel.replace(/\s*\[\d+\]$/, "")}${v.keys.magnification ? ` ${v.keys.magnification}` : ""}`;
  const metric = v.keys.metric!;
  if (isF1Pair(v.value)) {
    return (["macro", "weighted"] as const).map((average) => ({
      metric: (average === "macro" ? "f1Macro" : "f1Weighted") as PrintedMetric,
      value: (v.value as { macro: number; weighted: number })[average],
      decimals: paperDecimals(v, average),
      label: `${where}, F1 (${average === "macro" ? "first" : "second"})`,
    }));
  }
  return [{ metric: metric as PrintedMetric, value: v.value as number, decimals: paperDecimals(v), label: `${where}, ${metric}` }];
}

/** Binary class splits of the same test size, the stratified one excluded, nearest first. */
function scan(test: readonly number[]): number[][] {
  if (test.length !== 2) return [];
  const n = test[0] + test[1];
  const out: number[][] = [];
  for (let w = 1; w <= SCAN_WIDTH; w++) for (const p of [test[1] - w, test[1] + w]) if (p > 0 && p < n) out.push([n - p, p]);
  return out;
}

const AUDITED = new Set(["accuracy", "f1", "iba", "gmean", "sensitivity", "specificity", "ppv", "npv"]);

function rowValues(row: PaperRow, cell: PaperDataCell): PaperValue[] {
  return row.values.filter((v) => AUDITED.has(v.keys.metric!) && v.keys.dataset === cell.dataset && v.keys.magnification === cell.magnification);
}

export interface PaperAuditRow {
  spec: AuditRowSpec;
  tables: number[];
  model: string;
  cell: PaperDataCell;
  /** The paper's row label (or labels, for joint rows). */
  source: string;
}

function makeRow(tables: number[], model: string, cell: PaperDataCell, values: PaperValue[]): PaperAuditRow {
  const k = cell.classes.length;
  const id = `T${tables.join("+T")} ${model} ${cell.label}`;
  return {
    spec: {
      id,
      classes: cell.classes,
      expected: cell.test,
      alternatives: scan(cell.test),
      // binary: malignant then benign. Multiclass rows print one number per metric and name no class,
      // so only class-symmetric readings (macro, weighted, micro) are tried there
      positives: k === 2 ? [1, 0] : [null],
      scores: values.flatMap(scoresOf),
    },
    tables,
    model,
    cell,
    source: [...new Set(values.map((v) => `Table ${v.table} line ${v.source.line}`))].join(", "),
  };
}

const rowModel = (r: PaperRow) => (r.keys.attentionAfter ? `DALAResNet50 ${r.keys.attentionAfter}` : r.keys.model!);

/** Every single-table row of Tables 2, 7, 8, 11, 12, per data cell. */
export function paperTableRows(): PaperAuditRow[] {
  const out: PaperAuditRow[] = [];
  for (const table of [2, 7, 11, 8, 12]) {
    for (const row of paperRows(table)) {
      for (const cell of paperDataCells()) {
        const values = rowValues(row, cell);
        if (values.length) out.push(makeRow([table], rowModel(row), cell, values));
      }
    }
  }
  return out;
}

/** Tables 7 + 11 and 8 + 12 joined by model and data cell: one run's predictions, one matrix. */
export function paperJointRows(): PaperAuditRow[] {
  const out: PaperAuditRow[] = [];
  for (const [a, b] of [[7, 11], [8, 12]]) {
    const rowsB = paperRows(b);
    for (const ra of paperRows(a)) {
      const rb = rowsB.find((r) => r.keys.model === ra.keys.model);
      if (!rb) continue;
      for (const cell of paperDataCells()) {
        const values = [...rowValues(ra, cell), ...rowValues(rb, cell)];
        if (rowValues(ra, cell).length && rowValues(rb, cell).length) out.push(makeRow([a, b], ra.keys.model!, cell, values));
      }
    }
  }
  return out;
}
