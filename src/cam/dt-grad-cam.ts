/**
 * DT Grad-CAM (the paper's Section V): Grad-CAM of N noisy copies x + sigma * eps of each image,
 * averaged with weights decreasing linearly from 1 to 0.5 (copy i weighs
 * linspace(1, 0.5, N)[i]), then Otsu's threshold, strict binarisation (map > threshold), morphological
 * opening and closing.
 *
 * The paper gives none of N, sigma or the structuring element; the defaults below are the kit's
 * choices: N = 8, sigma = 0.1 relative to each image's value range (max - min; SmoothGrad's
 * 10-20% noise level at its lower end), disk(1) (the 3x3 cross). Targets are fixed for all copies
 * (given, or predicted on the clean image), never re-predicted on the noisy ones.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";
import { computeCam, type CamOptions } from "./base";
import { gradCam } from "./grad-cam";
import { disk, type StructuringElement } from "./image/morphology";
import { otsuMask } from "./image/otsu-mask";
import { predictLogits, resolveTargets } from "./targets";
import { createRng, deriveSeed } from "../random";

export interface DtGradCamOptions extends CamOptions {
  /** Noisy copies per image (N); default 8. */
  samples?: number;
  /** Noise standard deviation; default 0.1. */
  sigma?: number;
  /** "relative" (default): sigma times each image's max - min; "absolute": sigma as is. */
  sigmaMode?: "relative" | "absolute";
  /**
   * Seed of the standard normal noise; default 0. Copy i of image j draws from its own stream (seed, j,
   * i), so an image's copies do not depend on how many images are explained with it or on batching.
   */
  seed?: number;
  /** Standard normal draws to use instead of seeded ones, [N, n, H, W, 3] (NHWC per copy). */
  noise?: Float32Array;
  /** Structuring element of the opening and closing; default disk(1). */
  element?: StructuringElement;
}

export interface DtGradCamResult {
  n: number;
  height: number;
  width: number;
  targets: Int32Array;
  sampleWeights: Float64Array;
  /** Absolute sigma used per image. */
  sigmas: Float64Array;
  /** Grad-CAM maps of the copies [N, n, H, W]. */
  perSample: Float32Array;
  /** Weighted average of the copies' maps [n, H, W] (float64). */
  averagedMap: Float64Array;
  /** Otsu threshold per image. */
  thresholds: Float64Array;
  /** 1 where a map is constant (Otsu's early return; its mask is empty). */
  constant: Uint8Array;
  /** Otsu histogram counts [n, 256] (zeros for constant maps). */
  histograms: Int32Array;
  /** averagedMap > threshold [n, H, W]. */
  binaryRaw: Uint8Array;
  binaryOpened: Uint8Array;
  /** The final mask: closing(opening(binaryRaw)) [n, H, W]. */
  mask: Uint8Array;
}

/** numpy.linspace(start, stop, num). */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

function validate(options: DtGradCamOptions, count: number): { samples: number; sigma: number } {
  const samples = options.samples ?? 8;
  const sigma = options.sigma ?? 0.1;
  if (!(Number.isInteger(samples) && samples >= 1)) throw new Error(`dtgradcam: samples must be a positive integer, got ${samples}`);
  if (!(Number.isFinite(sigma) && sigma >= 0)) throw new Error(`dtgradcam: sigma must be a non-negative number, got ${sigma}`);
  const mode = options.sigmaMode ?? "relative";
  if (mode !== "relative" && mode !== "absolute") throw new Error(`dtgradcam: sigmaMode must be 'relative' or 'absolute', got '${mode}'`);
  if (options.noise !== undefined && options.noise.length !== samples * count) {
    throw new Error(`dtgradcam: noise has ${options.noise.length} values, expected samples x images x H x W x 3 = ${samples * count}`);
  }
  return { samples, sigma };
}

/**
 * Copies 0..N-1 of images first..first+m-1, copy-major, as x + sigma * eps in float32 arithmetic (as the
 * tensor ops they replace, so every backend sees the same copies). Built on the CPU: on wasm, tiling the
 * input N times alone took 80 ms per 224 px image at N = 8.
 */
function noisyCopies(
  inputData: ArrayLike<number>,
  sigmas: Float64Array,
  first: number,
  m: number,
  samples: number,
  imageSize: number,
  options: DtGradCamOptions,
): Float32Array {
  const n = sigmas.length;
  const out = new Float32Array(samples * m * imageSize);
  for (let i = 0; i < samples; i++) {
    for (let k = 0; k < m; k++) {
      const j = first + k;
      const row = (i * m + k) * imageSize;
      const scale = Math.fround(sigmas[j]);
      const given = options.noise?.subarray((i * n + j) * imageSize, (i * n + j + 1) * imageSize);
      const rng = given ? undefined : createRng(deriveSeed(options.seed ?? 0, "dt-grad-cam", j, i));
      for (let p = 0; p < imageSize; p++) {
        const eps = Math.fround(given ? given[p] : rng!.normal());
        out[row + p] = inputData[j * imageSize + p] + Math.fround(scale * eps);
      }
    }
  }
  return out;
}

/** Absolute sigma per image: sigma itself, or sigma times the image's value range (max - min). */
function noiseLevels(inputData: Float32Array | Int32Array | Uint8Array, n: number, imageSize: number, sigma: number, mode: DtGradCamOptions["sigmaMode"]): Float64Array {
  const sigmas = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of inputData.subarray(i * imageSize, (i + 1) * imageSize)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    sigmas[i] = (mode ?? "relative") === "relative" ? sigma * (hi - lo) : sigma;
  }
  return sigmas;
}

/**
 * Grad-CAM maps of every noisy copy [N, n, H, W]. Images go through in groups whose copies fill about
 * one model call (never all n x N copies at once: 100 images at 224 px would need gigabytes). Within a
 * group, row i*m + k is copy i of image k.
 */
async function noisyPass(
  model: FeatureModel,
  input: tf.Tensor4D,
  inputData: Float32Array | Int32Array | Uint8Array,
  targets: Int32Array,
  sigmas: Float64Array,
  samples: number,
  batchSize: number,
  options: DtGradCamOptions,
): Promise<Float32Array> {
  const [n, height, width, ch] = input.shape;
  const pixels = height * width;
  const perSample = new Float32Array(samples * n * pixels);
  const group = Math.max(1, Math.floor(batchSize / samples));
  for (let first = 0; first < n; first += group) {
    const m = Math.min(group, n - first);
    const noisy = tf.tensor4d(noisyCopies(inputData, sigmas, first, m, samples, pixels * ch, options), [samples * m, height, width, ch]);
    let cams;
    try {
      const tiledTargets = Int32Array.from({ length: samples * m }, (_, r) => targets[first + (r % m)]);
      cams = await computeCam(gradCam, model, noisy, { targets: tiledTargets, batchSize });
    } finally {
      noisy.dispose();
    }
    for (let i = 0; i < samples; i++) {
      perSample.set(cams.map.subarray(i * m * pixels, (i + 1) * m * pixels), (i * n + first) * pixels);
    }
  }
  return perSample;
}

/** sum_i w_i * map_i / sum_i w_i over the copies, in float64, accumulated in copy order. */
function weightedAverage(perSample: Float32Array, weights: Float64Array, length: number): Float64Array {
  let weightSum = 0;
  for (const w of weights) weightSum += w;
  const averaged = new Float64Array(length);
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    for (let p = 0; p < length; p++) averaged[p] += w * perSample[i * length + p];
  }
  for (let p = 0; p < length; p++) averaged[p] /= weightSum;
  return averaged;
}

export async function dtGradCam(model: FeatureModel, input: tf.Tensor4D, options: DtGradCamOptions = {}): Promise<DtGradCamResult> {
  const [n, height, width, ch] = input.shape;
  const pixels = height * width;
  const { samples, sigma } = validate(options, n * pixels * ch);
  const batchSize = options.batchSize ?? 16;
  const targets =
    options.targets === undefined
      ? resolveTargets(await predictLogits(model, input, batchSize), n, model.numClasses)
      : resolveTargets([], n, model.numClasses, options.targets);
  const inputData = await input.data();
  const sigmas = noiseLevels(inputData, n, pixels * ch, sigma, options.sigmaMode);
  const perSample = await noisyPass(model, input, inputData, targets, sigmas, samples, batchSize, options);
  const sampleWeights = linspace(1, 0.5, samples);
  const averagedMap = weightedAverage(perSample, sampleWeights, n * pixels);

  const element = options.element ?? disk(1);
  const thresholds = new Float64Array(n);
  const constant = new Uint8Array(n);
  const histograms = new Int32Array(n * 256);
  const binaryRaw = new Uint8Array(n * pixels);
  const binaryOpened = new Uint8Array(n * pixels);
  const mask = new Uint8Array(n * pixels);
  for (let j = 0; j < n; j++) {
    const m = otsuMask(averagedMap.subarray(j * pixels, (j + 1) * pixels), height, width, { opening: element, closing: element });
    thresholds[j] = m.otsu.threshold;
    constant[j] = m.otsu.constant ? 1 : 0;
    histograms.set(m.otsu.counts, j * 256);
    binaryRaw.set(m.raw, j * pixels);
    binaryOpened.set(m.opened, j * pixels);
    mask.set(m.mask, j * pixels);
  }
  return { n, height, width, targets, sampleWeights, sigmas, perSample, averagedMap, thresholds, constant, histograms, binaryRaw, binaryOpened, mask };
}
