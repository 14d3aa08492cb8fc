/**
 * What a reproduction notebook does with each table and figure: write it under the results directory
 * (so the results index lists it) and show it in the notebook, from one description. Tables are
 * described as data (`ReportTable`) by the modules that compute them, so tests can check their
 * content without writing or displaying anything.
 */
import type { ReportContext } from "../report/context";
import { displayComparison, displayFigure, displayTable } from "../report/display";
import type { FigureExporter } from "../report/figures/png-exporter";
import type { FigureSpec } from "../report/figures/spec";
import { type WrittenFigure, writeFigure } from "../report/figures/write-figure";
import { type Comparison, comparisonCaption, comparisonTable } from "../report/tables/comparison";
import type { TableData } from "../report/tables/table-data";
import { writeComparison } from "../report/tables/write-comparison";
import { type WrittenTable, writeTable } from "../report/tables/write-table";

interface ReportTableText {
  /** File name under results/tables (letters, digits, '.', '_', '-'). */
  name: string;
  title: string;
  caption: string[];
  /** Decimals shown for non-integers (CSV keeps full precision). */
  digits?: number;
}

/**
 * A paper-vs-kit comparison. `ranked: false` keeps its rows out of the results index's "largest
 * differences": counts of a deliberately smaller synthetic set differ from the paper's by design and
 * would crowd out the differences that mean something.
 */
export interface ComparisonReportTable extends ReportTableText {
  comparison: Comparison;
  ranked: boolean;
}

export interface PlainReportTable extends ReportTableText {
  table: TableData;
}

export type ReportTable = ComparisonReportTable | PlainReportTable;

export function isComparisonTable(t: ReportTable): t is ComparisonReportTable {
  return "comparison" in t;
}

export function publishTable(ctx: ReportContext, t: ReportTable): WrittenTable {
  const options = { title: t.title, caption: t.caption, ...(t.digits !== undefined ? { digits: t.digits } : {}) };
  let written: WrittenTable;
  if (isComparisonTable(t)) {
    written = t.ranked
      ? writeComparison(ctx, t.name, t.comparison, options)
      : writeTable(ctx, t.name, comparisonTable(t.comparison, ctx.synthetic), { ...options, caption: [comparisonCaption(t.comparison, ctx.synthetic), ...t.caption] });
    displayComparison(t.comparison, { ...options, synthetic: ctx.synthetic });
  } else {
    written = writeTable(ctx, t.name, t.table, options);
    displayTable(t.table, { ...options, synthetic: ctx.synthetic });
  }
  return written;
}

export interface PublishFigureOptions {
  /** PNG renderer (`openFigureExporter()`); null or absent writes HTML only. */
  exporter?: FigureExporter | null;
  caption?: string[];
}

export async function publishFigure(ctx: ReportContext, name: string, spec: FigureSpec, options: PublishFigureOptions = {}): Promise<WrittenFigure> {
  const written = await writeFigure(ctx, name, spec, { exporter: options.exporter, caption: options.caption });
  displayFigure(written.spec, { ...(written.png ? { png: written.png } : {}), file: written.paths.html });
  return written;
}
