/**
 * Writes one table as `<resultsDir>/tables/<name>.{csv,md,html,json}`. Markdown and HTML carry the
 * title, caption and a provenance footer; the JSON sidecar carries the full provenance. Results from
 * synthetic data say so in every format (a `data` column in the CSV, a notice elsewhere).
 */
import * as path from "node:path";
import type { DataFrame } from "danfojs-node";
import { ReportContext, SYNTHETIC_NOTICE, provenanceLine } from "../context";
import { ComparisonRecordRow, ResultRecord, checkResultName, writeRecord } from "../result-record";
import { writeFileAtomic } from "../../io/atomic-write";
import type { FormatOptions } from "./format";
import { renderCsv } from "./render-csv";
import { htmlPage, renderHtmlTable } from "./render-html";
import { DocumentText, renderMarkdown } from "./render-markdown";
import { TableData, toTableData } from "./table-data";

export interface TableOptions extends FormatOptions {
  title: string;
  caption?: string[];
  /** Set by the comparison writer: rows the results index ranks by |delta|. */
  comparison?: ComparisonRecordRow[];
}

export interface WrittenTable {
  record: ResultRecord;
  /** Absolute paths by format. */
  paths: Record<"csv" | "md" | "html" | "json", string>;
}

export function tablesDir(ctx: ReportContext): string {
  return path.join(ctx.resultsDir, "tables");
}

/** Adds the synthetic-data marker as the CSV's first column, so the label survives any spreadsheet. */
export function labelSynthetic(t: TableData, synthetic: boolean): TableData {
  if (!synthetic || t.columns.includes("data")) return t;
  return { columns: ["data", ...t.columns], rows: t.rows.map((r) => ["synthetic data", ...r]) };
}

export function writeTable(ctx: ReportContext, name: string, table: DataFrame | TableData, options: TableOptions): WrittenTable {
  checkResultName(name);
  const data = toTableData(table);
  const prov = ctx.provenance;
  const text: DocumentText = {
    title: ctx.synthetic ? `${options.title} (synthetic data)` : options.title,
    notice: ctx.synthetic ? SYNTHETIC_NOTICE : undefined,
    caption: options.caption,
    footer: [`Provenance: ${provenanceLine(prov, ctx.synthetic)}${ctx.notebook ? ` · notebook ${ctx.notebook}` : ""}`],
  };
  const dir = tablesDir(ctx);
  const paths = {
    csv: path.join(dir, `${name}.csv`),
    md: path.join(dir, `${name}.md`),
    html: path.join(dir, `${name}.html`),
    json: path.join(dir, `${name}.json`),
  };
  writeFileAtomic(paths.csv, renderCsv(labelSynthetic(data, ctx.synthetic)));
  writeFileAtomic(paths.md, renderMarkdown(data, text, options));
  writeFileAtomic(paths.html, htmlPage(text.title, renderHtmlTable(data, text, options)));
  const record: ResultRecord = {
    kind: "table",
    name,
    title: text.title,
    notebook: ctx.notebook,
    profile: ctx.profile,
    dataset: ctx.dataset,
    synthetic: ctx.synthetic,
    files: { csv: `${name}.csv`, md: `${name}.md`, html: `${name}.html` },
    provenance: prov,
    ...(options.comparison ? { comparison: { rows: options.comparison } } : {}),
  };
  writeRecord(dir, record);
  return { record, paths };
}
