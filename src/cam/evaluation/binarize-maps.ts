/**
 * Turning heat maps into region masks for the region metrics. Every method is binarised the same
 * way so that the comparison is fair: Otsu's threshold per map (the same rule DT Grad-CAM uses
 * internally), or one fixed threshold for all maps; both strict (map > threshold).
 */
import { binarize, otsuThreshold } from "../image/otsu";

export type Binarization = { kind: "otsu" } | { kind: "fixed"; threshold: number };

export function binarizeMaps(
  maps: ArrayLike<number>,
  count: number,
  binarization: Binarization,
): { masks: Uint8Array; thresholds: Float64Array } {
  if (count < 1 || maps.length % count !== 0) throw new Error(`binarizeMaps: ${maps.length} values do not split into ${count} maps`);
  const pixels = maps.length / count;
  const masks = new Uint8Array(maps.length);
  const thresholds = new Float64Array(count);
  const values = Float64Array.from(maps);
  for (let i = 0; i < count; i++) {
    const map = values.subarray(i * pixels, (i + 1) * pixels);
    const t = binarization.kind === "otsu" ? otsuThreshold(map).threshold : binarization.threshold;
    thresholds[i] = t;
    masks.set(binarize(map, t), i * pixels);
  }
  return { masks, thresholds };
}
