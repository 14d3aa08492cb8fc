/**
 * Conv2DBackpropInput for the wasm backend as forward convolutions, replacing tfjs's wasm kernel (a
 * scalar loop, ~12x slower than XNNPACK's convolution on the same shapes).
 *
 * For stride s, dx[i] = sum over taps k with (i + top - k) divisible by s of dy[(i + top - k) / s] w[k].
 * The rows i = s m + r of one phase r all use the same taps (k = r + top mod s, in steps of s), so
 * each of the s x s phases is a stride-1 correlation of dy with its sub-filter, rotated by 180 degrees
 * and with its channel axes swapped; the phases are then interleaved into dx. Together the phases do
 * exactly the forward convolution's multiply-adds: correlating a zero-upsampled dy with the whole
 * filter does s^2 times as many (4x for ResNet's stride-2 3x3 convolutions), and a 1x1 stride-2
 * filter leaves three of four phases empty.
 */
import * as tf from "@tensorflow/tfjs";
import { ConvGeometry, ConvPad, convGeometry, padOrCrop } from "./conv-geometry";
import { heapFloats } from "./heap";

/** One phase along one axis: the filter taps in correlation order, dy's padding, and the rows it fills. */
export interface AxisPhase {
  taps: number[];
  padLow: number;
  padHigh: number;
  count: number;
}

export function axisPhase(r: number, stride: number, filterSize: number, top: number, inSize: number, outSize: number): AxisPhase {
  const first = (((r + top) % stride) + stride) % stride;
  const taps: number[] = [];
  for (let k = first; k < filterSize; k += stride) taps.unshift(k);
  const shift = (r + top - first) / stride;
  const count = Math.max(0, Math.ceil((inSize - r) / stride));
  const padLow = taps.length - 1 - shift;
  return { taps, padLow, padHigh: count + taps.length - 1 - outSize - padLow, count };
}

/**
 * Filter taps [rows x cols] of `filter` ([fh, fw, Ci, Co]) as a [rows, cols, Co, Ci] kernel. A plain
 * loop over the heap: wasm's Gather, Reverse, Slice and Concat are per-element kernels, and any of them
 * took 50-90 ms to rotate a 3x3x512x512 filter, this loop ~15 ms.
 */
export function transposedTaps(filter: tf.Tensor4D, rows: number[], cols: number[]): tf.Tensor4D {
  const [, fw, ci, co] = filter.shape;
  const kernel = tf.zeros([rows.length, cols.length, co, ci]) as tf.Tensor4D;
  const values = heapFloats(filter);
  const out = heapFloats(kernel);
  let to = 0;
  for (const kh of rows) {
    for (const kw of cols) {
      const from = (kh * fw + kw) * ci * co;
      for (let i = 0; i < ci; i++) {
        const row = from + i * co;
        for (let o = 0; o < co; o++) out[to + o * ci + i] = values[row + o];
      }
      to += ci * co;
    }
  }
  return kernel;
}

/** Correlation of dy with one phase's kernel, padded (or cropped) as the phase says. */
function phaseCorrelation(dy: tf.Tensor4D, kernel: tf.Tensor4D, ph: AxisPhase, pw: AxisPhase): tf.Tensor4D {
  if (Math.min(ph.padLow, ph.padHigh, pw.padLow, pw.padHigh) < 0) {
    return tf.conv2d(padOrCrop(dy, ph.padLow, ph.padHigh, pw.padLow, pw.padHigh), kernel, 1, "valid");
  }
  return tf.conv2d(dy, kernel, 1, [
    [0, 0],
    [ph.padLow, ph.padHigh],
    [pw.padLow, pw.padHigh],
    [0, 0],
  ]);
}

/** dx [n, h, w, c] with dx[:, s m + rh, s l + rw] = phase (rh, rw)[:, m, l]; absent phases stay zero. */
function interleave(phases: { rh: number; rw: number; out: tf.Tensor4D; rows: number; cols: number }[], g: ConvGeometry): tf.Tensor4D {
  const { batch, inHeight: h, inWidth: w, inChannels: c, strideHeight: sh, strideWidth: sw } = g;
  const dx = tf.zeros([batch, h, w, c]) as tf.Tensor4D;
  const out = heapFloats(dx);
  for (const p of phases) {
    const values = heapFloats(p.out);
    for (let n = 0; n < batch; n++) {
      for (let m = 0; m < p.rows; m++) {
        const rowOut = (n * h + sh * m + p.rh) * w;
        const rowIn = (n * p.rows + m) * p.cols;
        for (let l = 0; l < p.cols; l++) {
          const from = (rowIn + l) * c;
          out.set(values.subarray(from, from + c), (rowOut + sw * l + p.rw) * c);
        }
      }
    }
  }
  return dx;
}

export function conv2dBackpropInputPhases(dy: tf.Tensor4D, filter: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  return tf.tidy(() => {
    const phase = (rh: number, rw: number) => {
      const ph = axisPhase(rh, g.strideHeight, g.filterHeight, g.top, g.inHeight, g.outHeight);
      const pw = axisPhase(rw, g.strideWidth, g.filterWidth, g.left, g.inWidth, g.outWidth);
      if (ph.count === 0 || pw.count === 0 || ph.taps.length === 0 || pw.taps.length === 0) return null;
      const kernel = transposedTaps(filter, ph.taps, pw.taps);
      return { rh, rw, rows: ph.count, cols: pw.count, out: phaseCorrelation(dy, kernel, ph, pw) };
    };
    if (g.strideHeight === 1 && g.strideWidth === 1) {
      return phase(0, 0)?.out ?? tf.zeros([g.batch, g.inHeight, g.inWidth, g.inChannels]);
    }
    const phases = [];
    for (let rh = 0; rh < g.strideHeight; rh++) {
      for (let rw = 0; rw < g.strideWidth; rw++) {
        const p = phase(rh, rw);
        if (p) phases.push(p);
      }
    }
    return interleave(phases, g);
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
  return conv2dBackpropInputPhases(dy, filter, convGeometry(inShape, filter.shape, strides, pad, dimRoundingMode, dataFormat));
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
