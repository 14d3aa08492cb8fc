/**
 * The Fig. 7-style grid: per magnification one test image, then Grad-CAM, Score-CAM, Eigen-CAM and
 * DT Grad-CAM over it as in the paper, followed by DT Grad-CAM's final mask and the true region,
 * which the paper's figure does not show but which a reader needs to judge the maps.
 */
import sharp from "sharp";
import { camGridFigure, type CamGridRow } from "../report/figures/cam-grid";
import type { FigureSpec } from "../report/figures/spec";
import type { CamImageSet } from "../cam/evaluation/images";
import { camLabel } from "../cam/methods";
import { type MethodRun } from "../cam/evaluation/pipeline";

/** The paper's Fig. 7 columns, in its order. */
export const FIG7_METHODS = ["gradcam", "scorecam", "eigencam", "dtgradcam"] as const;

export const DT_MASK_COLUMN = "DT Grad-CAM mask";
export const TRUTH_COLUMN = "true region";

export async function rgbPng(rgb: Uint8Array, size: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: { width: size, height: size, channels: 3 } }).png().toBuffer());
}

/**
 * Up to `perGroup` images per group, the row's class alternating down the figure (row k prefers
 * class k mod classes), so a grid of one image per magnification does not show one class only.
 */
export function figureImages(set: CamImageSet, perGroup: number): number[] {
  const out: number[] = [];
  for (const group of set.groups) {
    const candidates = set.images.flatMap((im, i) => (im.group === group ? [i] : []));
    for (let k = 0; k < Math.min(perGroup, candidates.length); k++) {
      const wanted = out.length % set.classNames.length;
      const pick = candidates.find((i) => set.images[i].labelIndex === wanted && !out.includes(i)) ?? candidates.find((i) => !out.includes(i))!;
      out.push(pick);
    }
  }
  return out;
}

export async function fig7Figure(set: CamImageSet, runs: readonly MethodRun[], options: { perGroup: number; title: string }): Promise<FigureSpec> {
  const byMethod = new Map(runs.map((r) => [r.method, r]));
  for (const m of FIG7_METHODS) if (!byMethod.has(m)) throw new Error(`Fig. 7 grid: method ${camLabel(m)} was not run`);
  const size = set.size;
  const pixels = size * size;
  const rows: CamGridRow[] = [];
  for (const i of figureImages(set, options.perGroup)) {
    const im = set.images[i];
    const map = (values: ArrayLike<number>) => ({ width: size, height: size, values });
    const dt = byMethod.get("dtgradcam")!.explanation;
    rows.push({
      label: `${im.group === "all" ? "" : im.group + " · "}${set.classNames[im.labelIndex]}`,
      original: await rgbPng(im.rgb, size),
      maps: [
        ...FIG7_METHODS.map((m) => map(byMethod.get(m)!.explanation.maps.subarray(i * pixels, (i + 1) * pixels))),
        map(dt.masks!.subarray(i * pixels, (i + 1) * pixels)),
        map(im.truth),
      ],
    });
  }
  return camGridFigure({ title: options.title, methods: [...FIG7_METHODS.map((m) => camLabel(m)), DT_MASK_COLUMN, TRUTH_COLUMN], rows, cellSize: 150 });
}
