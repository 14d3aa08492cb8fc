/**
 * PyTorch's bicubic interpolation (`F.interpolate(mode="bicubic", align_corners=False)`, cubic
 * convolution with A = -0.75, borders clamped) as a matrix, used to resize position-embedding grids.
 * `scale` is the source/destination coordinate ratio PyTorch uses: in/out for a given size, or
 * 1/scale_factor when a scale factor is given (DINOv2 passes (out + 0.1) / in).
 */

function cubicWeights(t: number): [number, number, number, number] {
  const A = -0.75;
  const near = (x: number) => ((A + 2) * x - (A + 3)) * x * x + 1;
  const far = (x: number) => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  return [far(t + 1), near(t), near(1 - t), far(2 - t)];
}

/** Row-major [outSize, inSize] matrix: out = M @ in along one axis. */
export function bicubicMatrix(inSize: number, outSize: number, scale = inSize / outSize): Float64Array {
  const m = new Float64Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    const src = (o + 0.5) * scale - 0.5;
    const base = Math.floor(src);
    const w = cubicWeights(src - base);
    for (let k = 0; k < 4; k++) {
      const i = Math.min(Math.max(base - 1 + k, 0), inSize - 1);
      m[o * inSize + i] += w[k];
    }
  }
  return m;
}

/** [outH*outW, inH*inW] matrix resizing a row-major grid (separable: kron(rows, cols)). */
export function bicubicGridMatrix(inH: number, inW: number, outH: number, outW: number, scaleH = inH / outH, scaleW = inW / outW): Float32Array {
  const rows = bicubicMatrix(inH, outH, scaleH);
  const cols = bicubicMatrix(inW, outW, scaleW);
  const m = new Float32Array(outH * outW * inH * inW);
  for (let oy = 0; oy < outH; oy++)
    for (let ox = 0; ox < outW; ox++)
      for (let iy = 0; iy < inH; iy++) {
        const ry = rows[oy * inH + iy];
        if (ry === 0) continue;
        for (let ix = 0; ix < inW; ix++) m[(oy * outW + ox) * inH * inW + iy * inW + ix] = ry * cols[ox * inW + ix];
      }
  return m;
}
