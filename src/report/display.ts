/**
 * Showing tables and figures in a notebook through tslab's display channel, and as plain text
 * anywhere else (a script, a test, the CLI), so the same code runs in and out of notebooks.
 */
import type { DataFrame } from "danfojs-node";
import { SYNTHETIC_NOTICE } from "./context";
import { figureDiv, plotlyBundle } from "./figures/html";
import type { FigureSpec } from "./figures/spec";
import { Comparison, comparisonCaption, comparisonTable } from "./tables/comparison";
import type { FormatOptions } from "./tables/format";
import { TABLE_CSS, renderHtmlTable } from "./tables/render-html";
import { renderMarkdown } from "./tables/render-markdown";
import { TableData, toTableData } from "./tables/table-data";

type DisplayWriter = (msg: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** tslab's kernel (and the kit's headless runner) install this writer while a cell runs. */
function notebookWriter(): DisplayWriter | null {
  try {
    return require("tslab/dist/jupyter").lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

export function inNotebook(): boolean {
  return notebookWriter() !== null;
}

/**
 * Sends one output with several representations (the front end picks the richest it can render);
 * outside a notebook prints the plain-text one.
 */
export function displayBundle(data: Record<string, unknown>, plainText: string): void {
  const write = notebookWriter();
  if (!write) {
    console.log(plainText);
    return;
  }
  write({ data: { ...data, "text/plain": plainText }, metadata: {}, transient: {} }, false);
}

export interface DisplayTableOptions extends FormatOptions {
  title: string;
  caption?: string[];
  synthetic?: boolean;
}

export function displayTable(table: DataFrame | TableData, options: DisplayTableOptions): void {
  const t = toTableData(table);
  const text = {
    title: options.synthetic ? `${options.title} (synthetic data)` : options.title,
    notice: options.synthetic ? SYNTHETIC_NOTICE : undefined,
    caption: options.caption,
  };
  const markdown = renderMarkdown(t, text, options);
  displayBundle({ "text/html": `<style>${TABLE_CSS.replace(/^body[^\n]*\n/m, "")}</style>${renderHtmlTable(t, text, options)}`, "text/markdown": markdown }, markdown);
}

export function displayComparison(comparison: Comparison, options: DisplayTableOptions): void {
  displayTable(comparisonTable(comparison, options.synthetic ?? false), {
    ...options,
    caption: [comparisonCaption(comparison, options.synthetic ?? false), ...(options.caption ?? [])],
  });
}

export interface DisplayFigureOptions {
  /** The figure as PNG (from the exporter): shown where interactive plotly is not available. */
  png?: Uint8Array;
  /**
   * Also send an HTML version with plotly.js inlined (~10 MB per output): interactive in any
   * Jupyter front end, at the cost of the notebook's size. Off by default; front ends with a plotly
   * renderer (VS Code, JupyterLab with plotly's extension) are interactive without it.
   */
  interactiveHtml?: boolean;
  /** Mentioned in the plain-text form, e.g. the standalone HTML file. */
  file?: string;
}

let figureCount = 0;

/**
 * Above this size a figure's plotly JSON stays out of the notebook when its PNG can stand in: Fig. 7's
 * image panels (8 images x 7 panels of 224 x 224 px, as numbers) are about 8 MB per output, which made
 * notebook 06 67 MB. The interactive figure is still its figures/<name>.html.
 */
export const MAX_INLINE_FIGURE_BYTES = 1_000_000;

export function displayFigure(spec: FigureSpec, options: DisplayFigureOptions = {}): void {
  const title = typeof spec.layout?.title === "string" ? spec.layout.title : spec.layout?.title?.text ?? "figure";
  const plotly = { data: spec.data, layout: spec.layout, config: spec.config ?? {} };
  const inline = !options.png || JSON.stringify(plotly).length <= MAX_INLINE_FIGURE_BYTES;
  const data: Record<string, unknown> = inline ? { "application/vnd.plotly.v1+json": plotly } : {};
  if (options.png) data["image/png"] = Buffer.from(options.png).toString("base64");
  if (options.interactiveHtml) {
    data["text/html"] = `<script>${plotlyBundle()}</script>${figureDiv(spec, `dala-figure-${++figureCount}`)}`;
  }
  displayBundle(data, `[figure] ${title.replace(/<[^>]+>/g, "")}${options.file ? ` (${options.file})` : ""}`);
}
