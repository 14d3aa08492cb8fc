/**
 * Finds sentences in a notebook's markdown that look like a stated result: a measured number (a
 * decimal, a percentage, "4x", "2 points") or a comparison ("better", "faster", "smaller", "enough
 * to"). Such a sentence belongs in generated output, where it is computed from result files; the few
 * that are about the paper's text or are method constants are listed, with the reason, in the allow-list
 * the test keeps. Code spans and LaTeX are not prose and are skipped; table rows count as sentences.
 */

export interface ProseClaim {
  /** Index of the markdown cell. */
  cell: number;
  sentence: string;
  /** What made it a claim. */
  because: string;
}

/** Decimals (not the 2.5th percentile), percentages, "4x" (not a size "32 x 32"), "2 points". */
const NUMBER = /(?<![\w.])(\d+\.\d+(?!\s?th\b)|\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?x\b(?!\s?\d)|\d+(?:\.\d+)?\s(?:points?|pp)\b)/;
const COMPARATIVE = /\b(better|worse|faster|slower|higher(?!-order)|lower|smaller|larger|more accurate|less accurate|outperforms?|beats?|best(?! (?:validation|epoch))|worst|enough (?:to|for)|converges? first|wins)\b/i;

/** The prose of a markdown cell: without code, math or HTML; a table row becomes a sentence of its cells. */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\$\$[\s\S]*?\$\$/g, " ")
    .replace(/\$[^$\n]*\$/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/<[^>]+>/g, " ")
    .split("\n")
    .filter((line) => !/^\s*\|[\s|:-]*$/.test(line))
    .map((line) => (/^\s*\|/.test(line) ? `${line.replace(/\|/g, " ; ").trim()}.` : line))
    .join("\n");
}

export function sentencesOf(prose: string): string[] {
  return prose
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+(?=[A-Z*(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function proseClaims(markdownCells: readonly string[]): ProseClaim[] {
  const out: ProseClaim[] = [];
  markdownCells.forEach((md, cell) => {
    for (const sentence of sentencesOf(proseOf(md))) {
      const n = NUMBER.exec(sentence);
      const c = COMPARATIVE.exec(sentence);
      if (n || c) out.push({ cell, sentence, because: n ? `number '${n[1]}'` : `comparison '${c![1]}'` });
    }
  });
  return out;
}
