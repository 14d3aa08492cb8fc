/**
 * Sample images of a data set in a grid, like the paper's Figs. 3-5: one column per class (with
 * `perClass` samples of each side by side), one row per BreakHis magnification or per sample draw for
 * the others. Samples are drawn with a seed, so the figure is the same at every run; each image is
 * captioned with its patient (case) id.
 */
import * as path from "node:path";
import sharp from "sharp";
import type { ManifestRow } from "../data/manifest/types";
import { createRng, deriveSeed } from "../random";
import type { FigureSpec } from "../report/figures/spec";
import { type ImageGridRow, imageGridFigure } from "../report/figures/image-grid";
import type { LoadedDataset } from "./load-dataset";

export interface SampleGridOptions {
  /** Samples of each class per row. Default 2. */
  perClass?: number;
  seed: number;
  /** Width of each thumbnail in pixels (real images are large; the figure needs no more). Default 256. */
  thumbnailWidth?: number;
}

/** `k` rows of one class drawn without replacement in a seeded order; an error if there are none. */
export function drawSamples(rows: readonly ManifestRow[], k: number, seed: number, what: string): ManifestRow[] {
  if (rows.length === 0) throw new Error(`sample grid: no images of ${what}`);
  return createRng(seed).shuffle([...rows]).slice(0, k);
}

/** Rows of the grid, each a list of manifest rows: per magnification (BreakHis) or per draw. */
export function sampleLayout(d: LoadedDataset, perClass: number, seed: number): { label?: string; samples: ManifestRow[] }[] {
  if (!Number.isInteger(perClass) || perClass < 1) throw new Error(`sample grid: perClass must be a positive integer, got ${perClass}`);
  const { info, manifest } = d;
  const ofClass = (rows: readonly ManifestRow[], c: number) => rows.filter((r) => r.labelIndex === c);
  if (info.magnifications.length > 0) {
    return info.magnifications.map((mag) => {
      const rows = manifest.rows.filter((r) => r.magnification === mag);
      const samples = info.classNames.flatMap((name, c) => drawSamples(ofClass(rows, c), perClass, deriveSeed(seed, "samples", manifest.dataset, mag, name), `${name} at ${mag}`));
      return { label: mag, samples };
    });
  }
  // Draw perClass of each class once, then deal them out one row per draw.
  const drawn = info.classNames.map((name, c) => drawSamples(ofClass(manifest.rows, c), perClass, deriveSeed(seed, "samples", manifest.dataset, name), name));
  return Array.from({ length: perClass }, (_, i) => ({ samples: drawn.map((s) => s[Math.min(i, s.length - 1)]) }));
}

/** The image as a PNG thumbnail `width` wide, letterboxed to the grid's aspect ratio, 8-bit RGB. */
export async function thumbnail(file: string, width: number, aspect: number): Promise<Buffer> {
  try {
    return await sharp(file)
      .removeAlpha()
      .toColourspace("srgb")
      .resize(width, Math.max(1, Math.round(width * aspect)), { fit: "contain", background: { r: 255, g: 255, b: 255 } })
      .png()
      .toBuffer();
  } catch (e) {
    throw new Error(`sample grid: cannot read ${file}: ${(e as Error).message.split("\n")[0]}`);
  }
}

export async function sampleGridFigure(d: LoadedDataset, options: SampleGridOptions): Promise<FigureSpec> {
  const perClass = options.perClass ?? 2;
  const layout = sampleLayout(d, perClass, options.seed);
  const first = layout[0].samples[0];
  const aspect = first.height / first.width;
  // Thumbnails are never wider than the source: the small synthetic images are shown as they are.
  const width = Math.min(options.thumbnailWidth ?? 256, first.width);
  const rows: ImageGridRow[] = [];
  for (const r of layout) {
    const images = [];
    for (const s of r.samples) images.push({ src: await thumbnail(path.join(d.manifest.root, s.path), width, aspect), caption: s.patient });
    rows.push({ ...(r.label ? { label: r.label } : {}), images });
  }
  // Per-magnification rows hold perClass samples of each class side by side; otherwise a column is a class.
  const repeat = d.info.magnifications.length > 0 ? perClass : 1;
  const columnTitles = d.info.classNames.flatMap((name) => new Array<string>(repeat).fill(name));
  return imageGridFigure({
    title: `Fig. ${d.info.figure} · ${d.info.paperName} samples`,
    rows,
    columnTitles,
    cellSize: 150,
  });
}
