/** Standalone figure pages: plotly.js inlined from node_modules, so a page works offline, alone. */
import * as fs from "node:fs";
import { escapeHtml } from "../tables/render-html";
import type { FigureSpec } from "./spec";

export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist/plotly.js");
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
  /**
   * "inline" (default): plotly.js inside the page (~10 MB; the page works alone).
   * Otherwise a relative URL of a plotly.js copy next to the pages (the folder works offline).
   */
  plotly?: "inline" | { src: string };
}

export function figurePage(spec: FigureSpec, options: FigurePageOptions): string {
  const plotly = options.plotly ?? "inline";
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
