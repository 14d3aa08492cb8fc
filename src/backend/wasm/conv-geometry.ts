/**
 * The geometry of a 2-D convolution (NHWC, dilation 1) that its two gradients need: output size and
 * the zero padding on each side, resolved from tfjs's 'same' / 'valid' / explicit padding exactly as
 * tfjs's own Conv2D resolves it.
 */
import * as tf from "@tensorflow/tfjs";

export type ConvPad = "same" | "valid" | number | tf.backend_util.ExplicitPadding;

export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  top: number;
  left: number;
}

export function convGeometry(
  xShape: readonly number[],
  filterShape: readonly number[],
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode?: "floor" | "round" | "ceil",
  dataFormat: string = "NHWC",
): ConvGeometry {
  if (dataFormat !== "NHWC") {
    throw new Error(`wasm convolution gradients support dataFormat NHWC only, got ${dataFormat}`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

/**
 * Pads (or crops) `x` [n, h, w, c] so that it spans exactly the input rows and columns the
 * convolution reads: from -top / -left to the last tap of the last output position. Rows a stride
 * skips past at the bottom/right are cropped; zero padding is added where the window hangs over.
 */
export function readWindow(x: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const needH = g.filterHeight + (g.outHeight - 1) * g.strideHeight;
  const needW = g.filterWidth + (g.outWidth - 1) * g.strideWidth;
  return padOrCrop(x, g.top, needH - g.top - g.inHeight, g.left, needW - g.left - g.inWidth);
}

/** Adds zero rows/columns (positive amounts) or removes them (negative amounts) on each side of h and w. */
export function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  let out = x;
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const t = Math.max(0, -top);
    const l = Math.max(0, -left);
    out = tf.slice(out, [0, t, l, 0], [-1, out.shape[1] - t - Math.max(0, -bottom), out.shape[2] - l - Math.max(0, -right), -1]);
  }
  if (top > 0 || bottom > 0 || left > 0 || right > 0) {
    out = tf.pad(out, [
      [0, 0],
      [Math.max(0, top), Math.max(0, bottom)],
      [Math.max(0, left), Math.max(0, right)],
      [0, 0],
    ]);
  }
  return out;
}

/**
 * Every `sh`-th row and `sw`-th column of `x` starting at (row, col), `rows` x `cols` of them.
 * A 1x1 max-pool with stride s subsamples exactly, and on wasm it is ~50x faster than StridedSlice.
 */
export function subsample(
  x: tf.Tensor4D,
  row: number,
  col: number,
  rows: number,
  cols: number,
  sh: number,
  sw: number,
): tf.Tensor4D {
  const spanH = (rows - 1) * sh + 1;
  const spanW = (cols - 1) * sw + 1;
  const whole = row === 0 && col === 0 && spanH === x.shape[1] && spanW === x.shape[2];
  const window = whole ? x : tf.slice(x, [0, row, col, 0], [-1, spanH, spanW, -1]);
  return sh === 1 && sw === 1 ? window : tf.maxPool(window, 1, [sh, sw], "valid");
}
