/**
 * The paper's augmentation, "random rotation and horizontal flipping", on uint8 RGB images.
 * The paper gives no angle range or fill; the defaults follow Keras's RandomRotation as commonly used
 * (factor 0.2 = up to +-72 degrees, bilinear, reflect fill) and are parameters. Done per image on the
 * CPU in plain JS so every image gets its own angle and the result is identical on every backend.
 */
import { Rng } from "../../random";

export interface AugmentParams {
  /** Rotation in radians, counter-clockwise. */
  angle: number;
  flip: boolean;
}

export const DEFAULT_ROTATION_DEGREES = 72;

export function sampleAugmentation(rng: Rng, maxDegrees: number = DEFAULT_ROTATION_DEGREES): AugmentParams {
  const angle = (rng.uniform(-maxDegrees, maxDegrees) * Math.PI) / 180;
  return { angle, flip: rng.bernoulli(0.5) };
}

/** Keras 'reflect' mode (d c b a | a b c d | d c b a): the edge pixel is repeated once. */
function reflect(i: number, n: number): number {
  const period = 2 * n;
  let k = ((i % period) + period) % period;
  return k < n ? k : period - 1 - k;
}

/** Rotates about the image centre (bilinear, reflect fill), then flips horizontally if asked. */
export function augmentImage(src: Uint8Array, size: number, p: AugmentParams): Uint8Array {
  const out = new Uint8Array(src.length);
  const c = Math.cos(p.angle);
  const s = Math.sin(p.angle);
  const mid = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Output pixel centre, flipped first (the flip is applied after the rotation), then rotated back.
      const ox = (p.flip ? size - 1 - x : x) + 0.5 - mid;
      const oy = y + 0.5 - mid;
      // Counter-clockwise on screen (y down) means the source is found by rotating clockwise.
      const sx = c * ox - s * oy + mid - 0.5;
      const sy = s * ox + c * oy + mid - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const xa = reflect(x0, size);
      const xb = reflect(x0 + 1, size);
      const ya = reflect(y0, size);
      const yb = reflect(y0 + 1, size);
      const o = (y * size + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const v =
          (src[(ya * size + xa) * 3 + ch] * (1 - fx) + src[(ya * size + xb) * 3 + ch] * fx) * (1 - fy) +
          (src[(yb * size + xa) * 3 + ch] * (1 - fx) + src[(yb * size + xb) * 3 + ch] * fx) * fy;
        out[o + ch] = Math.round(v);
      }
    }
  }
  return out;
}
