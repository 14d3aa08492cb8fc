/**
 * Ruifrok-Johnston colour deconvolution into haematoxylin, eosin and DAB optical densities, matching
 * scikit-image's `rgb2hed`: RGB in [0, 1] (uint8 / 255), clipped below at 1e-6, optical density
 * log(rgb) / log(1e-6), times the inverse of the stain matrix, clipped below at 0.
 */

/** Stain vectors (rows: haematoxylin, eosin, DAB) in RGB optical density, from Ruifrok & Johnston 2001. */
export const RGB_FROM_HED: readonly number[] = [0.65, 0.7, 0.29, 0.07, 0.99, 0.11, 0.27, 0.57, 0.78];

function invert3(m: readonly number[]): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (det === 0) throw new Error("stain matrix is singular");
  return Float64Array.from([
    (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
    (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
    (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det,
  ]);
}

export const HED_FROM_RGB = invert3(RGB_FROM_HED);

/**
 * Interleaved RGB pixels -> interleaved H, E, D densities (float64, same length). A Uint8Array is
 * read as 0..255, anything else as floats in [0, 1].
 */
export function rgbToHed(rgb: ArrayLike<number>): Float64Array {
  if (rgb.length % 3 !== 0) throw new Error(`rgbToHed: ${rgb.length} values is not a whole number of RGB pixels`);
  const scale = rgb instanceof Uint8Array || rgb instanceof Uint8ClampedArray ? 1 / 255 : 1;
  const logAdjust = Math.log(1e-6);
  const m = HED_FROM_RGB;
  const out = new Float64Array(rgb.length);
  for (let p = 0; p < rgb.length; p += 3) {
    const od0 = Math.log(Math.max(rgb[p] * scale, 1e-6)) / logAdjust;
    const od1 = Math.log(Math.max(rgb[p + 1] * scale, 1e-6)) / logAdjust;
    const od2 = Math.log(Math.max(rgb[p + 2] * scale, 1e-6)) / logAdjust;
    for (let j = 0; j < 3; j++) out[p + j] = Math.max(od0 * m[j] + od1 * m[3 + j] + od2 * m[6 + j], 0);
  }
  return out;
}
