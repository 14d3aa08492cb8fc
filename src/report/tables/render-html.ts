/** Self-contained HTML: a table fragment (for notebooks and the index) and a whole page around it. */
import { FormatOptions, formatForPeople } from "./format";
import type { DocumentText } from "./render-markdown";
import { TableData, numericColumns } from "./table-data";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export const TABLE_CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem; color: #222; }
table.dala { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; }
table.dala caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
table.dala th, table.dala td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; }
table.dala th { background: #f3f3f3; }
table.dala td.num { text-align: right; font-variant-numeric: tabular-nums; }
.notice { background: #fff3cd; border: 1px solid #e0c060; padding: 0.4rem 0.6rem; font-weight: 600; display: inline-block; }
.caption { max-width: 60rem; }
.provenance { color: #666; font-size: 0.8rem; }
`;

export function renderHtmlTable(t: TableData, text: DocumentText, options: FormatOptions = {}): string {
  const numeric = numericColumns(t);
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows
    .map((r) => `<tr>${r.map((c, j) => `<td${numeric[j] ? ' class="num"' : ""}>${escapeHtml(formatForPeople(c, options))}</td>`).join("")}</tr>`)
    .join("\n");
  const parts = [`<div class="dala-table">`];
  if (text.notice) parts.push(`<p class="notice">${escapeHtml(text.notice)}</p>`);
  parts.push(`<table class="dala"><caption>${escapeHtml(text.title)}</caption>`, `<thead><tr>${head}</tr></thead>`, `<tbody>\n${body}\n</tbody></table>`);
  for (const c of text.caption ?? []) parts.push(`<p class="caption">${escapeHtml(c)}</p>`);
  for (const f of text.footer ?? []) parts.push(`<p class="provenance">${escapeHtml(f)}</p>`);
  parts.push(`</div>`);
  return parts.join("\n");
}

export function htmlPage(title: string, body: string, css = TABLE_CSS): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${css}</style></head>
<body>
${body}
</body></html>
`;
}
