/**
 * Conv2DBackpropInput for the wasm backend as a forward convolution, replacing tfjs's wasm kernel (a
 * scalar loop, ~12x slower than XNNPACK's convolution on the same shapes).
 *
 * dx is the correlation of dy, zero-upsampled by the stride, with the filter rotated by 180 degrees
 * and its channel axes swapped, padded so that exactly the input's rows and columns come out. A 1x1
 * filter needs no rotation: it is applied before upsampling, on the smaller tensor.
 */
import * as tf from "@tensorflow/tfjs";
import { ConvGeometry, ConvPad, convGeometry, padOrCrop } from "./conv-geometry";

/** dy [n, h, w, c] with s-1 zero rows/columns after every row/column, trimmed to (h-1)*s+1. */
export function zeroUpsample(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, h, w, c] = dy.shape;
  const spread = tf.pad(tf.reshape(dy, [n, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  const dense = tf.reshape(spread, [n, h * sh, w * sw, c]) as tf.Tensor4D;
  return tf.slice(dense, [0, 0, 0, 0], [-1, (h - 1) * sh + 1, (w - 1) * sw + 1, -1]);
}

export function conv2dBackpropInputConv(dy: tf.Tensor4D, filter: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const pointwise = g.filterHeight === 1 && g.filterWidth === 1;
    // [fh, fw, Ci, Co] -> rotated [fh, fw, Co, Ci]. Rotating by 180 degrees reverses the flattened tap
    // index; a row gather does that far faster than wasm's Reverse kernel.
    const taps = g.filterHeight * g.filterWidth;
    const flat = tf.reshape(filter, [taps, g.inChannels, g.outChannels]);
    const flipped = pointwise ? flat : tf.gather(flat, tf.range(taps - 1, -1, -1, "int32"));
    const kernel = tf.reshape(tf.transpose(flipped, [0, 2, 1]), [
      g.filterHeight,
      g.filterWidth,
      g.outChannels,
      g.inChannels,
    ]) as tf.Tensor4D;
    const spanH = (g.outHeight - 1) * g.strideHeight + 1;
    const spanW = (g.outWidth - 1) * g.strideWidth + 1;
    const top = g.filterHeight - 1 - g.top;
    const bottom = g.inHeight + g.top - spanH;
    const left = g.filterWidth - 1 - g.left;
    const right = g.inWidth + g.left - spanW;
    if (pointwise) {
      const mixed = tf.conv2d(dy, kernel, 1, "valid");
      return padOrCrop(zeroUpsample(mixed, g.strideHeight, g.strideWidth), top, bottom, left, right);
    }
    const up = zeroUpsample(dy, g.strideHeight, g.strideWidth);
    if (Math.min(top, bottom, left, right) < 0) {
      return tf.conv2d(padOrCrop(up, top, bottom, left, right), kernel, 1, "valid");
    }
    return tf.conv2d(up, kernel, 1, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
  });
}

/** The gradient of `conv2d(x, filter, strides, pad)` with respect to an x of `inShape`. */
export function conv2dBackpropInput(
  inShape: [number, number, number, number],
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode?: "floor" | "round" | "ceil",
  dataFormat = "NHWC",
): tf.Tensor4D {
  return conv2dBackpropInputConv(dy, filter, convGeometry(inShape, filter.shape, strides, pad, dimRoundingMode, dataFormat));
}

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: "wasm",
  kernelFunc: ({ inputs, attrs }) => {
    const { dy, filter } = inputs as unknown as { dy: tf.Tensor4D; filter: tf.Tensor4D };
    const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    return conv2dBackpropInput(a.inputShape, dy, filter, a.strides, a.pad, a.dimRoundingMode, a.dataFormat);
  },
};
