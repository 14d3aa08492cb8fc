/**
 * Per-image measures of one binary CAM mask against its true region, the measured stand-ins for the
 * paper's qualitative Table 13: how much of the image is highlighted, in how many blobs, how well it
 * overlaps the region, and how much of it lies outside the region.
 */
import { componentsOutside, labelComponents, type Connectivity } from "../image/connected-components";
import { regionCounts } from "./region-metrics";

export interface MaskMeasures {
  /** Highlighted pixels / all pixels. */
  share: number;
  /** Connected components of the mask. */
  components: number;
  /** Components that share no pixel with the true region. */
  componentsOutside: number;
  /** TP / (TP + FP + FN); 0 when mask and region are both empty (region-metrics' convention). */
  iou: number;
  /**
   * FP / (TP + FP) = 1 - precision: the share of the highlight that lies outside the region. An empty
   * mask highlights nothing outside, so it counts 0 here (not region-metrics' precision 0 -> 1).
   */
  outsideOfMask: number;
  /** FP / all pixels: the highlight outside the region as a share of the image. */
  outsideOfImage: number;
}

export function maskMeasures(mask: ArrayLike<number>, truth: ArrayLike<number>, height: number, width: number, connectivity: Connectivity = 8): MaskMeasures {
  const pixels = height * width;
  if (mask.length !== pixels || truth.length !== pixels) throw new Error(`maskMeasures: mask ${mask.length} and truth ${truth.length} pixels for ${height}x${width}`);
  const { tp, fp, fn } = regionCounts(mask, truth);
  const components = labelComponents(mask, height, width, connectivity);
  const union = tp + fp + fn;
  return {
    share: (tp + fp) / pixels,
    components: components.count,
    componentsOutside: componentsOutside(components, truth),
    iou: union === 0 ? 0 : tp / union,
    outsideOfMask: tp + fp === 0 ? 0 : fp / (tp + fp),
    outsideOfImage: fp / pixels,
  };
}
