/**
 * A nuclei mask for H&E images, used as a PROXY ground truth for CAM region metrics where no region
 * annotations exist (BreakHis, BACH): haematoxylin density from colour deconvolution, Otsu threshold,
 * strict binarisation, and optionally a morphological opening to drop isolated pixels. It marks
 * nuclei, not lesions, and every table built on it must say so.
 */
import { rgbToHed } from "./hed";
import type { StructuringElement } from "../image/morphology";
import { otsuMask } from "../image/otsu-mask";

export interface NucleiMask {
  /** 0/1 mask [height, width]. */
  mask: Uint8Array;
  /** Otsu threshold on the haematoxylin density. */
  threshold: number;
  /** Haematoxylin density per pixel [height, width]. */
  haematoxylin: Float64Array;
}

export function nucleiMask(
  rgb: ArrayLike<number>,
  height: number,
  width: number,
  options: { opening?: StructuringElement } = {},
): NucleiMask {
  if (rgb.length !== height * width * 3) throw new Error(`nucleiMask: got ${rgb.length} values for a ${height}x${width} RGB image`);
  const hed = rgbToHed(rgb);
  const haematoxylin = new Float64Array(height * width);
  for (let p = 0; p < haematoxylin.length; p++) haematoxylin[p] = hed[p * 3];
  const { otsu, mask } = otsuMask(haematoxylin, height, width, { opening: options.opening });
  return { mask, threshold: otsu.threshold, haematoxylin };
}
