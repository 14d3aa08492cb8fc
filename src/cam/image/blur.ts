/**
 * The "removed" state of pixels in the deletion/insertion test: the image blurred, as RISE does for
 * insertion. A constant grey baseline puts patches into the image that no training image had, and a
 * small model then flips its prediction at the first step whatever the order (every method scores
 * the same); a blurred copy removes the fine structure the classes differ in (nuclei size and shape)
 * and keeps colour and layout. Three box-blur passes approximate a Gaussian of standard deviation
 * sqrt(passes * ((2r + 1)^2 - 1) / 12).
 */

/** One box-blur pass along x or y of an interleaved [height, width, channels] image, edges clamped. */
function boxPass(src: Float32Array, height: number, width: number, channels: number, radius: number, alongX: boolean): Float32Array {
  const out = new Float32Array(src.length);
  const n = 2 * radius + 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let d = -radius; d <= radius; d++) {
          const xx = alongX ? Math.min(width - 1, Math.max(0, x + d)) : x;
          const yy = alongX ? y : Math.min(height - 1, Math.max(0, y + d));
          sum += src[(yy * width + xx) * channels + c];
        }
        out[(y * width + x) * channels + c] = sum / n;
      }
    }
  }
  return out;
}

export function blurImage(image: Float32Array, height: number, width: number, channels: number, radius: number, passes = 3): Float32Array {
  if (image.length !== height * width * channels) throw new Error(`blurImage: ${image.length} values for ${height}x${width}x${channels}`);
  if (!(Number.isInteger(radius) && radius >= 0)) throw new Error(`blurImage: radius must be a non-negative integer, got ${radius}`);
  let out = Float32Array.from(image);
  for (let p = 0; p < passes; p++) {
    out = boxPass(out, height, width, channels, radius, true);
    out = boxPass(out, height, width, channels, radius, false);
  }
  return out;
}

/** The blur radius for an image side: 1/16 of it (4 px at 64, 14 px at 224), at least 1. */
export function baselineBlurRadius(size: number): number {
  return Math.max(1, Math.round(size / 16));
}
