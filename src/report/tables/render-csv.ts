/** A result table as CSV (RFC 4180, CRLF line ends), numbers at full precision. */
import { csvDocument } from "../../io/csv";
import { formatForMachines } from "./format";
import type { TableData } from "./table-data";

export function renderCsv(t: TableData): string {
  return csvDocument(t.columns, t.rows.map((r) => r.map(formatForMachines)));
}
