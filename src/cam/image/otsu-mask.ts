/**
 * A map turned into a mask the way DT Grad-CAM and the nuclei proxy both do it: Otsu's threshold
 * (scikit-image semantics), strict binarisation (map > threshold), then an optional morphological
 * opening (drops specks smaller than the element) and closing (fills small holes).
 */
import { binarize, otsuThreshold, type OtsuResult } from "./otsu";
import { binaryClosing, binaryOpening, type StructuringElement } from "./morphology";

export interface OtsuMask {
  otsu: OtsuResult;
  /** map > threshold. */
  raw: Uint8Array;
  /** After the opening (the raw mask without one). */
  opened: Uint8Array;
  /** After the closing (the opened mask without one): the mask to use. */
  mask: Uint8Array;
}

export function otsuMask(
  map: ArrayLike<number>,
  height: number,
  width: number,
  morphology: { opening?: StructuringElement; closing?: StructuringElement } = {},
): OtsuMask {
  if (map.length !== height * width) throw new Error(`otsuMask: ${map.length} values for a ${height}x${width} map`);
  const otsu = otsuThreshold(map, 256);
  const raw = binarize(map, otsu.threshold);
  const opened = morphology.opening ? binaryOpening(raw, height, width, morphology.opening) : raw;
  const mask = morphology.closing ? binaryClosing(opened, height, width, morphology.closing) : opened;
  return { otsu, raw, opened, mask };
}
