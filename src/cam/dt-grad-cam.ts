/**
 * DT Grad-CAM (the paper's Section V): Grad-CAM of N noisy copies x + sigma * eps of each image, all
 * copies in one batch, averaged with weights decreasing linearly from 1 to 0.5 (copy i weighs
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
import { binarize, otsuThreshold } from "./image/otsu";
import { binaryClosing, binaryOpening, disk, type StructuringElement } from "./image/morphology";
import { predictLogits, resolveTargets } from "./targets";
import { createRng } from "../random";

export interface DtGradCamOptions extends CamOptions {
  /** Noisy copies per image (N); default 8. */
  samples?: number;
  /** Noise standard deviation; default 0.1. */
  sigma?: number;
  /** "relative" (default): sigma times each image's max - min; "absolute": sigma as is. */
  sigmaMode?: "relative" | "absolute";
  /** Seed of the standard normal noise; default 0. */
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
  const sigmas = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of inputData.subarray(i * pixels * ch, (i + 1) * pixels * ch)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    sigmas[i] = (options.sigmaMode ?? "relative") === "relative" ? sigma * (hi - lo) : sigma;
  }
  // Copy-major batch: row i*n + j is copy i of image j. Built in one pass on the CPU: on wasm, tiling
  // the input N times (80 ms at 224 px, N = 8) cost more than drawing the noise.
  const imageSize = pixels * ch;
  const noisyData = new Float32Array(samples * n * imageSize);
  const rng = options.noise === undefined ? createRng(options.seed ?? 0) : undefined;
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < n; j++) {
      const row = (i * n + j) * imageSize;
      const image = j * imageSize;
      // float32 arithmetic, as the tensor ops it replaces: the same copies on every backend.
      const scale = Math.fround(sigmas[j]);
      for (let p = 0; p < imageSize; p++) {
        const eps = Math.fround(rng ? rng.normal() : options.noise![row + p]);
        noisyData[row + p] = inputData[image + p] + Math.fround(scale * eps);
      }
    }
  }
  const noisy = tf.tensor4d(noisyData, [samples * n, height, width, ch]);
  const tiledTargets = Int32Array.from({ length: samples * n }, (_, r) => targets[r % n]);
  let cams;
  try {
    cams = await computeCam(gradCam, model, noisy, { targets: tiledTargets, batchSize: options.batchSize ?? samples * n });
  } finally {
    noisy.dispose();
  }

  const sampleWeights = linspace(1, 0.5, samples);
  let weightSum = 0;
  for (const w of sampleWeights) weightSum += w;
  const averagedMap = new Float64Array(n * pixels);
  for (let i = 0; i < samples; i++) {
    const w = sampleWeights[i];
    for (let p = 0; p < n * pixels; p++) averagedMap[p] += w * cams.map[i * n * pixels + p];
  }
  for (let p = 0; p < averagedMap.length; p++) averagedMap[p] /= weightSum;

  const element = options.element ?? disk(1);
  const thresholds = new Float64Array(n);
  const constant = new Uint8Array(n);
  const histograms = new Int32Array(n * 256);
  const binaryRaw = new Uint8Array(n * pixels);
  const binaryOpened = new Uint8Array(n * pixels);
  const mask = new Uint8Array(n * pixels);
  for (let j = 0; j < n; j++) {
    const map = averagedMap.subarray(j * pixels, (j + 1) * pixels);
    const otsu = otsuThreshold(map, 256);
    thresholds[j] = otsu.threshold;
    constant[j] = otsu.constant ? 1 : 0;
    histograms.set(otsu.counts, j * 256);
    const raw = binarize(map, otsu.threshold);
    const opened = binaryOpening(raw, height, width, element);
    binaryRaw.set(raw, j * pixels);
    binaryOpened.set(opened, j * pixels);
    mask.set(binaryClosing(opened, height, width, element), j * pixels);
  }
  return {
    n,
    height,
    width,
    targets,
    sampleWeights,
    sigmas,
    perSample: cams.map,
    averagedMap,
    thresholds,
    constant,
    histograms,
    binaryRaw,
    binaryOpened,
    mask,
  };
}
