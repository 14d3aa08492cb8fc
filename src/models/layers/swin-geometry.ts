/**
 * Constant index arithmetic of Swin's (shifted) window attention, as torchvision computes it:
 * the relative-position index into the bias table and the mask that keeps shifted windows from
 * attending across the image's wrap-around seams. Pure functions on plain arrays.
 */

/** [N*N] indices into the (2w-1)^2-row bias table for a w x w window (N = w*w). */
export function relativePositionIndex(window: number): Int32Array {
  const n = window * window;
  const index = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    const [yi, xi] = [Math.floor(i / window), i % window];
    for (let j = 0; j < n; j++) {
      const [yj, xj] = [Math.floor(j / window), j % window];
      index[i * n + j] = (yi - yj + window - 1) * (2 * window - 1) + (xi - xj + window - 1);
    }
  }
  return index;
}

/** [N*N, rows] one-hot matrix selecting table rows: bias = onehot @ table (a matmul, so no gather gradient). */
export function relativePositionOneHot(window: number): Float32Array {
  const index = relativePositionIndex(window);
  const rows = (2 * window - 1) ** 2;
  const m = new Float32Array(index.length * rows);
  index.forEach((r, i) => (m[i * rows + r] = 1));
  return m;
}

/**
 * [numWindows, N, N] additive mask (0 or -100) for a padded h x w map cyclically shifted by `shift`:
 * tokens from different regions of the shifted map must not attend to each other.
 */
export function shiftedWindowMask(h: number, w: number, window: number, shiftH: number, shiftW: number): Float32Array {
  const region = new Int32Array(h * w);
  const bands = (size: number, shift: number) => [0, size - window, size - shift, size];
  const hb = bands(h, shiftH);
  const wb = bands(w, shiftW);
  let count = 0;
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++, count++)
      for (let y = hb[a]; y < hb[a + 1]; y++) for (let x = wb[b]; x < wb[b + 1]; x++) region[y * w + x] = count;
  const n = window * window;
  const nh = h / window;
  const nw = w / window;
  const mask = new Float32Array(nh * nw * n * n);
  for (let wy = 0; wy < nh; wy++)
    for (let wx = 0; wx < nw; wx++) {
      const win = wy * nw + wx;
      const id = (k: number) => region[(wy * window + Math.floor(k / window)) * w + wx * window + (k % window)];
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (id(i) !== id(j)) mask[(win * n + i) * n + j] = -100;
    }
  return mask;
}
