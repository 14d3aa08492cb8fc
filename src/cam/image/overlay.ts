/**
 * Heat-map overlays as pytorch-grad-cam's `show_cam_on_image` makes them: the map is quantised to
 * 256 levels (uint8(255 * map)), coloured, blended (1 - w) * heat + w * image, divided by the blend's
 * maximum and quantised to uint8.
 */
import { colormap, type ColormapName } from "./colormap";

/** Map [H*W] in [0, 1] -> interleaved RGB in [0, 1] [H*W*3]. */
export function colorize(map: ArrayLike<number>, name: ColormapName = "jet"): Float32Array {
  const lut = Array.from({ length: 256 }, (_, level) => colormap(name, level / 255));
  const out = new Float32Array(map.length * 3);
  for (let p = 0; p < map.length; p++) {
    const level = Math.min(255, Math.max(0, Math.trunc(255 * map[p])));
    out.set(lut[level], p * 3);
  }
  return out;
}

export interface OverlayOptions {
  colormap?: ColormapName;
  /** Weight of the image in the blend; default 0.5 (the library's). */
  imageWeight?: number;
}

/** Image RGB in [0, 1] [H*W*3] + map [H*W] -> blended RGB uint8 [H*W*3]. */
export function overlay(image: ArrayLike<number>, map: ArrayLike<number>, options: OverlayOptions = {}): Uint8Array {
  if (image.length !== map.length * 3) throw new Error(`overlay: image has ${image.length} values, expected 3 x ${map.length} (RGB)`);
  const w = options.imageWeight ?? 0.5;
  if (!(w >= 0 && w <= 1)) throw new Error(`overlay: imageWeight must be in [0, 1], got ${w}`);
  const heat = colorize(map, options.colormap ?? "jet");
  const blend = new Float32Array(image.length);
  let max = 0;
  for (let i = 0; i < image.length; i++) {
    if (image[i] > 1 || image[i] < 0) throw new Error("overlay: the image must be RGB scaled to [0, 1]");
    blend[i] = (1 - w) * heat[i] + w * image[i];
    if (blend[i] > max) max = blend[i];
  }
  const out = new Uint8Array(image.length);
  if (max > 0) for (let i = 0; i < image.length; i++) out[i] = Math.trunc((255 * blend[i]) / max);
  return out;
}
