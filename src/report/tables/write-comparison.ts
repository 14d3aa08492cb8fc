/** A paper-vs-kit comparison written like any table, with its rows kept in the sidecar for the index. */
import type { ReportContext } from "../context";
import { Comparison, comparisonCaption, comparisonRecordRows, comparisonTable } from "./comparison";
import { TableOptions, WrittenTable, writeTable } from "./write-table";

export function writeComparison(ctx: ReportContext, name: string, comparison: Comparison, options: TableOptions): WrittenTable {
  return writeTable(ctx, name, comparisonTable(comparison, ctx.synthetic), {
    ...options,
    caption: [comparisonCaption(comparison, ctx.synthetic), ...(options.caption ?? [])],
    comparison: comparisonRecordRows(comparison),
  });
}
