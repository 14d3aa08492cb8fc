/**
 * The plain shape every renderer reads: column names and rows of cells. DataFrames (danfojs) are the
 * notebooks' working form; renderers take this so escaping and formatting are tested without danfojs.
 */
import type { DataFrame } from "danfojs-node";

export type Cell = string | number | boolean | null | undefined;

export interface TableData {
  columns: string[];
  rows: Cell[][];
}

export function frameToTable(df: DataFrame): TableData {
  const columns = df.columns.map(String);
  const values = df.values as unknown[];
  // danfojs gives a 1-D array for a single-column frame built from a series-like input
  const rows = values.map((r) => (Array.isArray(r) ? (r as Cell[]) : [r as Cell]));
  for (const [i, r] of rows.entries()) {
    if (r.length !== columns.length) throw new Error(`DataFrame row ${i} has ${r.length} cells for ${columns.length} columns`);
  }
  return { columns, rows };
}

/** Columns whose cells are all numbers (or empty): right-aligned in Markdown and HTML. */
export function numericColumns(t: TableData): boolean[] {
  return t.columns.map((_, j) => {
    const cells = t.rows.map((r) => r[j]).filter((c) => c !== null && c !== undefined && c !== "");
    return cells.length > 0 && cells.every((c) => typeof c === "number");
  });
}

/** A danfojs DataFrame has `values`; a TableData has `rows`. Telling them apart without loading danfojs. */
export function isTableData(x: DataFrame | TableData): x is TableData {
  return !("values" in x) && Array.isArray((x as TableData).rows) && Array.isArray((x as TableData).columns);
}

export function toTableData(x: DataFrame | TableData): TableData {
  return isTableData(x) ? x : frameToTable(x);
}
