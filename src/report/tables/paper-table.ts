/** One of the paper's tables as printed (cells verbatim), one row per row label, blocks joined. */
import { paperRows, paperTableInfo } from "../../paper/paper-tables";
import type { TableData } from "./table-data";

export function paperTableData(id: number): TableData {
  const info = paperTableInfo(id);
  const rows = paperRows(id);
  const columns: string[] = [];
  for (const v of rows[0].values) {
    columns.push(v.source.columnGroup ? `${v.source.columnGroup} ${v.source.columnHeader}` : v.source.columnHeader);
  }
  return {
    columns: [info.rowKey, ...columns],
    rows: rows.map((r) => [r.label.replace(/\s*\[\d+\]$/, ""), ...r.values.map((v) => v.text)]),
  };
}
