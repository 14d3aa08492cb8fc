/**
 * Layer helpers that reproduce PyTorch semantics in NHWC tfjs graphs, named after the PyTorch module
 * path so that checkpoint names map onto layer names directly ("layer1.0.conv1" -> "layer1.0.conv1").
 */
import * as tf from "@tensorflow/tfjs";
import type { ParamInit } from "./init";
import { TorchMaxPool2d } from "./layers/torch-max-pool";
import { batchNormalization } from "./layers/batch-norm";
import { conv2d } from "./layers/conv2d";

type T = tf.SymbolicTensor;

export interface ConvSpec {
  filters: number;
  kernel: number;
  stride?: number;
  padding?: number;
  bias?: boolean;
}

/**
 * nn.Conv2d. Stride-1 convolutions with padding (k-1)/2 use 'same' (symmetric there); every other
 * padded convolution gets explicit symmetric zero padding + 'valid', because TF's 'same' pads
 * asymmetrically for stride 2 and shifts the sampling grid by one pixel.
 */
export function conv(x: T, name: string, spec: ConvSpec, init: ParamInit): T {
  const { filters, kernel, stride = 1, padding = 0, bias = false } = spec;
  const fanIn = (x.shape[3] as number) * kernel * kernel;
  let mode: "same" | "valid" = "valid";
  let input = x;
  if (padding > 0 && stride === 1 && 2 * padding === kernel - 1) mode = "same";
  else if (padding > 0) input = tf.layers.zeroPadding2d({ padding: padding, name: `${name}.pad` }).apply(x) as T;
  return conv2d({
    name,
    filters,
    kernelSize: kernel,
    strides: stride,
    padding: mode,
    useBias: bias,
    kernelInitializer: init.conv(),
    biasInitializer: bias ? init.bias(fanIn) : undefined,
  }).apply(input) as T;
}

/** nn.BatchNorm2d / BatchNorm1d: eps 1e-5 and running-average momentum 0.1 (Keras momentum 0.9). */
export function batchNorm(x: T, name: string): T {
  return batchNormalization({ name, epsilon: 1e-5, momentum: 0.9 }).apply(x) as T;
}

export function relu(x: T, name: string): T {
  return tf.layers.reLU({ name }).apply(x) as T;
}

/** nn.MaxPool2d(kernel, stride, padding) with PyTorch's -inf border. */
export function maxPoolLayer(name: string, kernel: number, stride: number, padding = 0): tf.layers.Layer {
  if (padding === 0) return tf.layers.maxPooling2d({ name, poolSize: kernel, strides: stride, padding: "valid" });
  return new TorchMaxPool2d({ name, poolSize: kernel, strides: stride, padding });
}

export function maxPool(x: T, name: string, kernel: number, stride: number, padding = 0): T {
  return maxPoolLayer(name, kernel, stride, padding).apply(x) as T;
}

/** nn.Linear as a tfjs Dense layer (kernel [in, out]). */
/**
 * Non-overlapping patches -> tokens [n, grid*grid, dim]: a conv with kernel = stride = patch, which is
 * the same map as flattening each patch and applying Linear(patch*patch*3, dim). `kernel` says which
 * PyTorch module's default initialisation to copy (ViT's Linear or DINOv2's Conv2d).
 */
export function patchTokens(input: T, name: string, spec: { dim: number; patch: number; grid: number; kernel: "linear" | "conv" }, init: ParamInit): T {
  const { dim, patch, grid } = spec;
  const x = tf.layers
    .conv2d({
      name,
      filters: dim,
      kernelSize: patch,
      strides: patch,
      padding: "valid",
      kernelInitializer: spec.kernel === "linear" ? init.linearKernel() : init.conv(),
      biasInitializer: init.bias(patch * patch * 3),
    })
    .apply(input) as T;
  return tf.layers.reshape({ name: `${name.replace(/\.\w+$/, "")}.tokens`, targetShape: [grid * grid, dim] }).apply(x) as T;
}

export function linear(name: string, inFeatures: number, units: number, init: ParamInit, bias = true): tf.layers.Layer {
  return tf.layers.dense({
    name,
    units,
    useBias: bias,
    kernelInitializer: init.linearKernel(),
    biasInitializer: bias ? init.bias(inFeatures) : undefined,
  });
}

/** Scales a channel count for tiny test/demo models; 1 leaves the architecture unchanged. */
export function scaled(channels: number, widthMultiplier: number): number {
  return Math.max(1, Math.round(channels * widthMultiplier));
}

/** Attention heads of a width-scaled transformer: fewer heads, so tiny models keep usable head widths. */
export function scaledHeads(heads: number, widthMultiplier: number): number {
  return Math.max(1, Math.round(heads * widthMultiplier));
}
