/**
 * pytorch-grad-cam's `scale_cam_image` scaling: z' = z - min(z), z' / (1e-7 + max(z')). The epsilon
 * makes an all-zero map stay zero (never NaN) and leaves the maximum slightly below 1. Evaluated with
 * the library's float32 roundings (the denominator is rounded once, then each value is divided).
 */
export function minMaxScale(values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(values.length);
  if (values.length === 0) return out;
  let lo = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] < lo) lo = values[i];
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i] - lo;
    if (out[i] > hi) hi = out[i];
  }
  const denom = Math.fround(1e-7 + hi);
  for (let i = 0; i < out.length; i++) out[i] = out[i] / denom;
  return out;
}

/** max(z, 0) elementwise. */
export function relu(values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] > 0 ? values[i] : 0;
  return out;
}
