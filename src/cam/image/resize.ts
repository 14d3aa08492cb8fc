/**
 * Bilinear resizing of single-channel maps, in the two conventions pytorch-grad-cam mixes:
 * - "half-pixel": OpenCV `cv2.resize(..., INTER_LINEAR)` (the library's final resize of every map):
 *   src = (d + 0.5) * in/out - 0.5, clamped to the edge;
 * - "align-corners": PyTorch `UpsamplingBilinear2d` (Score-CAM's masks): src = d * (in-1)/(out-1).
 */

export type ResizeMode = "half-pixel" | "align-corners";

interface Taps {
  i0: Int32Array;
  i1: Int32Array;
  f: Float64Array;
}

/** Source indices and fractions along one axis. */
function taps(inSize: number, outSize: number, mode: ResizeMode): Taps {
  const i0 = new Int32Array(outSize);
  const i1 = new Int32Array(outSize);
  const f = new Float64Array(outSize);
  for (let d = 0; d < outSize; d++) {
    let s: number;
    if (mode === "half-pixel") s = (d + 0.5) * (inSize / outSize) - 0.5;
    else s = outSize > 1 ? (d * (inSize - 1)) / (outSize - 1) : 0;
    let lo = Math.floor(s);
    let frac = s - lo;
    if (lo < 0) {
      lo = 0;
      frac = 0;
    }
    if (lo >= inSize - 1) {
      lo = inSize - 1;
      frac = 0;
    }
    i0[d] = lo;
    i1[d] = Math.min(lo + 1, inSize - 1);
    f[d] = frac;
  }
  return { i0, i1, f };
}

export function resizeBilinear(
  src: ArrayLike<number>,
  inH: number,
  inW: number,
  outH: number,
  outW: number,
  mode: ResizeMode = "half-pixel",
): Float32Array {
  if (src.length !== inH * inW) throw new Error(`resizeBilinear: map has ${src.length} values, expected ${inH}x${inW}`);
  if (!(outH >= 1 && outW >= 1)) throw new Error(`resizeBilinear: bad output size ${outH}x${outW}`);
  const ty = taps(inH, outH, mode);
  const tx = taps(inW, outW, mode);
  const out = new Float32Array(outH * outW);
  for (let y = 0; y < outH; y++) {
    const r0 = ty.i0[y] * inW;
    const r1 = ty.i1[y] * inW;
    const fy = ty.f[y];
    for (let x = 0; x < outW; x++) {
      const x0 = tx.i0[x];
      const x1 = tx.i1[x];
      const fx = tx.f[x];
      const top = (1 - fx) * src[r0 + x0] + fx * src[r0 + x1];
      const bottom = (1 - fx) * src[r1 + x0] + fx * src[r1 + x1];
      out[y * outW + x] = (1 - fy) * top + fy * bottom;
    }
  }
  return out;
}
