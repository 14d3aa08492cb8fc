/**
 * Conv2DBackpropFilter for the wasm backend, which has none (so no convolution can be trained there).
 *
 * dW[kh, kw] = sum over batch and output positions of x[window at tap (kh, kw)]^T * dy: one matrix
 * product per filter tap, [Co, P] x [P, Ci] with P = batch * output pixels. dy is transposed once and
 * each tap's input window is taken with a contiguous slice plus an exact strided subsample, so every
 * product reaches XNNPACK's (multi-threaded) GEMM without a transpose of x. Gathering all taps into one
 * im2col matrix instead was slower on wasm, whose concat and strided slice are scalar loops.
 */
import * as tf from "@tensorflow/tfjs";
import { ConvGeometry, ConvPad, convGeometry, readWindow, subsample } from "./conv-geometry";

export function conv2dBackpropFilterGemm(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const p = g.batch * g.outHeight * g.outWidth;
    const dyT = tf.transpose(tf.reshape(dy, [p, g.outChannels])) as tf.Tensor2D;
    const xw = readWindow(x, g);
    const taps: tf.Tensor2D[] = [];
    for (let kh = 0; kh < g.filterHeight; kh++) {
      for (let kw = 0; kw < g.filterWidth; kw++) {
        const window = subsample(xw, kh, kw, g.outHeight, g.outWidth, g.strideHeight, g.strideWidth);
        taps.push(tf.matMul(dyT, tf.reshape(window, [p, g.inChannels]) as tf.Tensor2D));
      }
    }
    // [taps, Co, Ci] -> [fh, fw, Ci, Co]
    const stacked = taps.length === 1 ? tf.expandDims(taps[0], 0) : tf.stack(taps);
    return tf.reshape(tf.transpose(stacked, [0, 2, 1]), [
      g.filterHeight,
      g.filterWidth,
      g.inChannels,
      g.outChannels,
    ]) as tf.Tensor4D;
  });
}

/** The gradient of `conv2d(x, filter, strides, pad)` with respect to a filter of `filterShape`. */
export function conv2dBackpropFilter(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode?: "floor" | "round" | "ceil",
  dataFormat = "NHWC",
): tf.Tensor4D {
  return conv2dBackpropFilterGemm(x, dy, convGeometry(x.shape, filterShape, strides, pad, dimRoundingMode, dataFormat));
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const { x, dy } = inputs as unknown as { x: tf.Tensor4D; dy: tf.Tensor4D };
    const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    return conv2dBackpropFilter(x, dy, a.filterShape, a.strides, a.pad, a.dimRoundingMode, a.dataFormat);
  },
};
