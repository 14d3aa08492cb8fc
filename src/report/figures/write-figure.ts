/**
 * Writes one figure as `<resultsDir>/figures/<name>.html` (interactive; it loads `plotly.min.js` from
 * the same folder, written once per folder, so the folder opens offline), `<name>.png` when an exporter
 * is given, and the sidecar `<name>.json` with the spec's provenance. Figures from synthetic data carry
 * the label in their title and on the page.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ReportContext, SYNTHETIC_NOTICE, provenanceLine } from "../context";
import { ResultRecord, checkResultName, writeRecord } from "../result-record";
import { writeFileAtomic } from "../../io/atomic-write";
import { PLOTLY_FILE, checkTraceTypes, figurePage, plotlyBundle } from "./html";
import { FigureExporter, PngOptions, showPngHintOnce } from "./png-exporter";
import { FigureSpec, figureTitle, labelSyntheticFigure } from "./spec";

export interface WriteFigureOptions {
  /** Renders the PNG; without one only HTML is written (and a one-time hint says how to get PNGs). */
  exporter?: FigureExporter | null;
  png?: PngOptions;
  caption?: string[];
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

const plotlyCopies = new Set<string>();

/**
 * The folder's copy of plotly.js, rewritten when it is not the installed one (after an upgrade, say);
 * checked once per folder and process.
 */
function writePlotlyCopy(dir: string): void {
  const file = path.join(dir, PLOTLY_FILE);
  if (plotlyCopies.has(file)) return;
  const bundle = plotlyBundle();
  if (!(fs.existsSync(file) && fs.readFileSync(file, "utf8") === bundle)) writeFileAtomic(file, bundle);
  plotlyCopies.add(file);
}

export async function writeFigure(ctx: ReportContext, name: string, figure: FigureSpec, options: WriteFigureOptions = {}): Promise<WrittenFigure> {
  checkResultName(name);
  checkTraceTypes(figure);
  const spec = labelSyntheticFigure(figure, ctx.synthetic);
  const title = figureTitle(spec) || name;
  const prov = ctx.provenance;
  const dir = figuresDir(ctx);
  const paths: WrittenFigure["paths"] = { html: path.join(dir, `${name}.html`), json: path.join(dir, `${name}.json`) };
  const footer = [...(options.caption ?? []), `Provenance: ${provenanceLine(prov, ctx.synthetic)}${ctx.notebook ? ` · notebook ${ctx.notebook}` : ""}`];
  writePlotlyCopy(dir);
  writeFileAtomic(paths.html, figurePage(spec, { title, notice: ctx.synthetic ? SYNTHETIC_NOTICE : undefined, footer, plotly: { src: PLOTLY_FILE } }));
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
