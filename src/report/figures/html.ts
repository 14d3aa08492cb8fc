/**
 * Figure pages that work offline: plotly.js comes from node_modules, either inlined (a notebook output
 * that must stand alone) or as one copy beside the pages that each page loads by a relative path
 * (Python plotly's `include_plotlyjs="directory"`), so a folder of figures carries the bundle once.
 * The bundle is plotly's official cartesian distribution (1.5 MB instead of the full 4.8 MB minified):
 * every kit figure is bars, heat maps, images or lines, and a trace it cannot draw is refused up front.
 */
import * as fs from "node:fs";
import { escapeHtml } from "../tables/render-html";
import type { FigureSpec } from "./spec";

export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-cartesian-dist-min/plotly-cartesian.min.js");
}

/** The bundle's file name beside the pages, as Python plotly names it. */
export const PLOTLY_FILE = "plotly.min.js";

/** The trace types of the cartesian bundle (its README). */
export const BUNDLED_TRACES = ["bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image", "pie", "scatter", "scatterternary", "violin"];

/** A figure the bundle cannot draw is an error naming the trace type, not a blank page. */
export function checkTraceTypes(spec: FigureSpec): void {
  for (const trace of spec.data as { type?: string }[]) {
    const type = trace.type ?? "scatter";
    if (!BUNDLED_TRACES.includes(type)) throw new Error(`figure trace type '${type}' is not in the kit's plotly bundle (${BUNDLED_TRACES.join(", ")})`);
  }
}

let bundleCache: string | undefined;
export function plotlyBundle(): string {
  bundleCache ??= fs.readFileSync(plotlyBundlePath(), "utf8");
  return bundleCache;
}

/** JSON safe inside a <script> element: no "</script>", no "<!--", no JS-breaking line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A div and the script that draws the figure into it; needs window.Plotly. */
export function figureDiv(spec: FigureSpec, id: string): string {
  const config = { responsive: true, displaylogo: false, ...(spec.config ?? {}) };
  return `<div id="${escapeHtml(id)}" class="dala-figure"></div>
<script>(function () {
  var el = document.getElementById(${scriptJson(id)});
  if (!window.Plotly) { el.textContent = "plotly.js is not loaded: open the standalone HTML file instead."; return; }
  window.Plotly.newPlot(el, ${scriptJson(spec.data)}, ${scriptJson(spec.layout)}, ${scriptJson(config)});
})();</script>`;
}

export interface FigurePageOptions {
  title: string;
  notice?: string;
  footer?: string[];
  /** "inline": plotly.js inside the page (4.8 MB; the page works alone); otherwise the relative URL of a copy. */
  plotly: "inline" | { src: string };
}

export function figurePage(spec: FigureSpec, options: FigurePageOptions): string {
  const plotly = options.plotly;
  const script =
    plotly === "inline" ? `<script>${plotlyBundle().replace(/<\/script/gi, "<\\/script")}</script>` : `<script src="${escapeHtml(plotly.src)}"></script>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title>
<style>body { font-family: system-ui, sans-serif; margin: 1rem; } .notice { background: #fff3cd; border: 1px solid #e0c060; padding: 0.4rem 0.6rem; font-weight: 600; display: inline-block; } .provenance { color: #666; font-size: 0.8rem; }</style>
${script}
</head><body>
${options.notice ? `<p class="notice">${escapeHtml(options.notice)}</p>` : ""}
${figureDiv(spec, "figure")}
${(options.footer ?? []).map((f) => `<p class="provenance">${escapeHtml(f)}</p>`).join("\n")}
</body></html>
`;
}
