/**
 * Writes one figure as `<resultsDir>/figures/<name>.html` (standalone, interactive), `<name>.png`
 * when an exporter is given, and the sidecar `<name>.json` with the spec's provenance. Figures from
 * synthetic data carry the label in their title and on the page.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ReportContext, SYNTHETIC_NOTICE, contextProvenance, provenanceLine } from "../context";
import { ResultRecord, checkResultName, writeFileAtomic, writeRecord } from "../result-record";
import { FigurePageOptions, figurePage, plotlyBundle } from "./html";
import { FigureExporter, PngOptions, showPngHintOnce } from "./png-exporter";
import { FigureSpec, figureTitle, labelSyntheticFigure } from "./spec";

export interface WriteFigureOptions {
  /** Renders the PNG; without one only HTML is written (and a one-time hint says how to get PNGs). */
  exporter?: FigureExporter | null;
  png?: PngOptions;
  caption?: string[];
  /**
   * "inline" (default): each page carries plotly.js (~10 MB) and works alone. "shared": one copy
   * `figures/plotly.js` beside the pages, which then work offline as long as the folder stays together.
   */
  plotly?: "inline" | "shared";
}

export interface WrittenFigure {
  record: ResultRecord;
  spec: FigureSpec;
  paths: { html: string; json: string; png?: string };
  png?: Buffer;
}

export function figuresDir(ctx: ReportContext): string {
  return path.join(ctx.resultsDir, "figures");
}

export async function writeFigure(ctx: ReportContext, name: string, figure: FigureSpec, options: WriteFigureOptions = {}): Promise<WrittenFigure> {
  checkResultName(name);
  const spec = labelSyntheticFigure(figure, ctx.synthetic);
  const title = figureTitle(spec) || name;
  const prov = contextProvenance(ctx);
  const dir = figuresDir(ctx);
  const paths: WrittenFigure["paths"] = { html: path.join(dir, `${name}.html`), json: path.join(dir, `${name}.json`) };
  const footer = [...(options.caption ?? []), `Provenance: ${provenanceLine(prov, ctx.synthetic)}${ctx.notebook ? ` · notebook ${ctx.notebook}` : ""}`];
  let plotly: FigurePageOptions["plotly"] = "inline";
  if (options.plotly === "shared") {
    const shared = path.join(dir, "plotly.js");
    if (!fs.existsSync(shared)) writeFileAtomic(shared, plotlyBundle());
    plotly = { src: "plotly.js" };
  }
  writeFileAtomic(paths.html, figurePage(spec, { title, notice: ctx.synthetic ? SYNTHETIC_NOTICE : undefined, footer, plotly }));
  let png: Buffer | undefined;
  if (options.exporter) {
    png = await options.exporter.png(spec, options.png);
    paths.png = path.join(dir, `${name}.png`);
    writeFileAtomic(paths.png, png);
  } else {
    showPngHintOnce();
  }
  const record: ResultRecord = {
    kind: "figure",
    name,
    title,
    notebook: ctx.notebook,
    profile: ctx.profile,
    dataset: ctx.dataset,
    synthetic: ctx.synthetic,
    files: { html: `${name}.html`, ...(png ? { png: `${name}.png` } : {}) },
    provenance: prov,
  };
  writeRecord(dir, record);
  return { record, spec, paths, png };
}
