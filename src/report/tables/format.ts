/** How a cell is written: full precision for machines (CSV), rounded for people (Markdown, HTML). */
import type { Cell } from "./table-data";

export interface FormatOptions {
  /** Decimals for non-integer numbers in Markdown and HTML (CSV keeps full precision). Default 4. */
  digits?: number;
}

export function isEmpty(c: Cell): boolean {
  return c === null || c === undefined || (typeof c === "number" && Number.isNaN(c));
}

export function formatForPeople(c: Cell, options: FormatOptions = {}): string {
  if (isEmpty(c)) return "";
  if (typeof c === "number") {
    if (!Number.isFinite(c)) return c > 0 ? "∞" : "-∞";
    return Number.isInteger(c) ? String(c) : c.toFixed(options.digits ?? 4);
  }
  return String(c);
}

export function formatForMachines(c: Cell): string {
  if (isEmpty(c)) return "";
  return String(c);
}
