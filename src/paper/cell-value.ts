/**
 * Parsing one cell of the paper's tables. The JSON keeps each cell verbatim; the column's type says
 * how to read it, so a transcription error shows up as a parse error naming the cell.
 */

export type CellType = "number" | "integer" | "f1pair" | "text";

/** The paper prints F1 as "a/b": macro / weighted (paper-facts.md). */
export interface F1Pair {
  macro: number;
  weighted: number;
}

export type CellValue = number | F1Pair | string;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Digits after the decimal point as printed: the precision at which the paper can be compared. */
export function printedDecimals(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

function parseDecimal(text: string, where: string): number {
  if (!DECIMAL.test(text)) throw new Error(`${where}: '${text}' is not a decimal number`);
  return Number(text);
}

export function parseF1Pair(text: string, where = "F1 cell"): F1Pair {
  const parts = text.split("/");
  if (parts.length !== 2) throw new Error(`${where}: '${text}' is not an F1 pair 'macro/weighted'`);
  return { macro: parseDecimal(parts[0].trim(), where), weighted: parseDecimal(parts[1].trim(), where) };
}

export function parseCell(text: string, type: CellType, where: string): CellValue {
  switch (type) {
    case "number":
      return parseDecimal(text, where);
    case "integer": {
      const n = parseDecimal(text, where);
      if (!Number.isInteger(n)) throw new Error(`${where}: '${text}' is not an integer`);
      return n;
    }
    case "f1pair":
      return parseF1Pair(text, where);
    case "text":
      return text;
    default:
      throw new Error(`${where}: unknown cell type '${type as string}'`);
  }
}

export function isF1Pair(v: CellValue): v is F1Pair {
  return typeof v === "object" && v !== null && "macro" in v && "weighted" in v;
}
