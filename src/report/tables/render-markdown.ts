/** GitHub-flavoured Markdown: a heading, an optional notice, the table, then caption and provenance. */
import { FormatOptions, formatForPeople } from "./format";
import { TableData, numericColumns } from "./table-data";

/** Pipes would end the cell and raw HTML would be interpreted; line breaks would end the row. */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, "<br>");
}

export function renderMarkdownTable(t: TableData, options: FormatOptions = {}): string {
  const numeric = numericColumns(t);
  const row = (cells: string[]) => `| ${cells.map(markdownCell).join(" | ")} |`;
  return [
    row(t.columns),
    `|${numeric.map((n) => (n ? " ---: " : " --- ")).join("|")}|`,
    ...t.rows.map((r) => row(r.map((c) => formatForPeople(c, options)))),
  ].join("\n");
}

export interface DocumentText {
  title: string;
  /** Shown first, emphasised (the synthetic-data notice). */
  notice?: string;
  caption?: string[];
  footer?: string[];
}

export function renderMarkdown(t: TableData, text: DocumentText, options: FormatOptions = {}): string {
  const out = [`### ${text.title}`, ""];
  if (text.notice) out.push(`> **${markdownCell(text.notice)}**`, "");
  out.push(renderMarkdownTable(t, options), "");
  for (const c of text.caption ?? []) out.push(markdownCell(c), "");
  for (const f of text.footer ?? []) out.push(`<sub>${markdownCell(f)}</sub>`, "");
  return out.join("\n");
}
