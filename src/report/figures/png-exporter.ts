/**
 * PNG export of plotly specs in headless Chromium (Debian's `chromium` through playwright-core).
 * One browser and one page serve many figures: the first costs ~2 s, the next ones ~50 ms. Close the
 * exporter at the end, or the browser keeps the process alive.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { plotlyBundle } from "./html";
import { FigureSpec, figureSize } from "./spec";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * `DALA_CHROMIUM` if set (an error if it does not exist; `none` turns PNG export off), else the
 * first usual install found.
 */
export function findChromium(): string | null {
  const forced = process.env.DALA_CHROMIUM;
  if (forced === "none") return null;
  if (forced) {
    if (!fs.existsSync(forced)) throw new Error(`DALA_CHROMIUM=${forced}: no such file`);
    return forced;
  }
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export const PNG_HINT = "PNG figures need Chromium: on Debian/Ubuntu `apt-get install chromium` (or set DALA_CHROMIUM to a Chrome/Chromium binary). HTML figures are written regardless.";

export const EXPORTER_HINT = "PNG figures were not written: pass { exporter: await openFigureExporter() } to writeFigure (Chromium is installed). HTML figures are written regardless.";

let hintShown = false;
/** Says once per process how to get PNGs: install Chromium, or pass an exporter if it is there. */
export function showPngHintOnce(log: (s: string) => void = console.warn): void {
  if (hintShown) return;
  hintShown = true;
  let chromium: string | null = null;
  try {
    chromium = findChromium();
  } catch {
    // a wrong DALA_CHROMIUM surfaces when an exporter is opened; here only the hint is at stake
  }
  log(chromium ? EXPORTER_HINT : PNG_HINT);
}

export interface PngOptions {
  width?: number;
  height?: number;
  /** Device pixels per CSS pixel. Default 2 (sharp on print and high-DPI screens). */
  scale?: number;
}

export interface FigureExporter {
  readonly executablePath: string;
  png(spec: FigureSpec, options?: PngOptions): Promise<Buffer>;
  /** A screenshot of an HTML page (file path), e.g. to look at the results index. */
  screenshot(htmlFile: string, options?: { width?: number; height?: number; fullPage?: boolean }): Promise<Buffer>;
  /** Runs `fn` in an HTML page (file path) once it has loaded, e.g. to check what a reader would see. */
  evaluateInPage<T>(htmlFile: string, fn: () => T): Promise<T>;
  close(): Promise<void>;
}

/**
 * The browser's PNG or the same pixels recompressed by libvips, whichever is smaller: lossless both ways,
 * and charts (flat colour) shrink to about a third, which keeps a results folder small enough to commit.
 */
export async function smallerPng(png: Buffer): Promise<Buffer> {
  const recompressed = await sharp(png).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
  return recompressed.length < png.length ? recompressed : png;
}

/** Opens Chromium, or returns null (after the one-time hint) when none is installed. */
export async function openFigureExporter(options: { executablePath?: string } = {}): Promise<FigureExporter | null> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) {
    showPngHintOnce();
    return null;
  }
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  let plotlyLoaded = false;
  const ensurePlotly = async () => {
    if (plotlyLoaded) return;
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: plotlyBundle() });
    plotlyLoaded = true;
  };
  return {
    executablePath,
    async png(spec, o = {}) {
      await ensurePlotly();
      const size = figureSize(spec);
      const args = { spec, width: o.width ?? size.width, height: o.height ?? size.height, scale: o.scale ?? 2 };
      const url: string = await page.evaluate(
        // globalThis, not window: tslab compiles src/ without the DOM library
        (a: any) => (globalThis as any).Plotly.toImage({ data: a.spec.data, layout: a.spec.layout, config: a.spec.config ?? {} }, { format: "png", width: a.width, height: a.height, scale: a.scale }),
        args,
      );
      const m = /^data:image\/png;base64,(.*)$/s.exec(url);
      if (!m) throw new Error(`plotly did not return a PNG for '${spec.layout.title?.text ?? spec.layout.title ?? "figure"}'`);
      return smallerPng(Buffer.from(m[1], "base64"));
    },
    async screenshot(htmlFile, o = {}) {
      const shot = await browser.newPage({ viewport: { width: o.width ?? 1200, height: o.height ?? 900 } });
      try {
        await shot.goto(pathToFileURL(path.resolve(htmlFile)).href);
        return await shot.screenshot({ fullPage: o.fullPage ?? false, type: "png" });
      } finally {
        await shot.close();
      }
    },
    async evaluateInPage(htmlFile, fn) {
      const p = await browser.newPage();
      try {
        await p.goto(pathToFileURL(path.resolve(htmlFile)).href);
        return (await p.evaluate(fn)) as any;
      } finally {
        await p.close();
      }
    },
    async close() {
      await browser.close();
    },
  };
}
