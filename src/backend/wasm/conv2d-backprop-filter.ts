/**
 * Conv2DBackpropFilter for the wasm backend, which has none (so no convolution can be trained there).
 *
 * dW[kh, kw, ci, co] = sum over batch and output positions of x[n, p*s + k, ci] dy[n, p, co]: a
 * reduction over P = batch * output pixels. Both operands are P-sized, and XNNPACK packs the right-hand
 * matrix of every product afresh (~7-13 ns per element, more than the multiply-adds when channels are
 * few), so the formulation is chosen to pack as little as possible:
 * - 1x1 filters: one [C, P] x [P, C'] product whose packed side is the one with fewer channels;
 * - larger filters: one convolution of the input, laid out [Ci, H, W, batch], with dy as the filter
 *   ([Ho, Wo, batch, Co], dilated by the stride), whose output is [Ci, fh, fw, Co]. dy is packed once
 *   for all taps, and the convolution runs on XNNPACK's threads; per-tap products with a fresh window
 *   each were 1.3-2.3x slower.
 */
import * as tf from "@tensorflow/tfjs";
import { ConvGeometry, ConvPad, convGeometry, readWindow, subsample } from "./conv-geometry";

export function conv2dBackpropFilterGemm(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const xw = readWindow(x, g);
    if (g.filterHeight === 1 && g.filterWidth === 1) {
      const p = g.batch * g.outHeight * g.outWidth;
      const window = subsample(xw, 0, 0, g.outHeight, g.outWidth, g.strideHeight, g.strideWidth);
      const xs = tf.reshape(window, [p, g.inChannels]) as tf.Tensor2D;
      const dys = tf.reshape(dy, [p, g.outChannels]) as tf.Tensor2D;
      const dw =
        g.outChannels <= g.inChannels
          ? tf.matMul(tf.transpose(xs), dys)
          : tf.transpose(tf.matMul(tf.transpose(dys), xs));
      return tf.reshape(dw, [1, 1, g.inChannels, g.outChannels]) as tf.Tensor4D;
    }
    const input = tf.transpose(xw, [3, 1, 2, 0]) as tf.Tensor4D;
    const filter = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
    const dw = tf.conv2d(input, filter, 1, "valid", "NHWC", [g.strideHeight, g.strideWidth]);
    return tf.transpose(dw, [1, 2, 0, 3]) as tf.Tensor4D;
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
