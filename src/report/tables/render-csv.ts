/** RFC 4180 CSV: fields with a comma, quote, line break or edge space are quoted, quotes doubled. */
import { formatForMachines } from "./format";
import type { TableData } from "./table-data";

export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(t: TableData): string {
  const lines = [t.columns.map(csvField).join(",")];
  for (const r of t.rows) lines.push(r.map((c) => csvField(formatForMachines(c))).join(","));
  return lines.join("\r\n") + "\r\n";
}
