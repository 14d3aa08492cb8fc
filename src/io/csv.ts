/**
 * RFC 4180 CSV, the one encoder the kit writes with (manifests, result tables): a field with a comma,
 * quote, line break or an edge space is quoted, quotes doubled.
 */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header and rows as CSV text, each line ended by `eol` (RFC 4180: CRLF). */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[], eol = "\r\n"): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",") + eol).join("");
}
