/**
 * What every CAM method shares (pytorch-grad-cam's BaseCAM): run the model up to the CAM layer, pick
 * the target classes, take gradients of the summed target logits with respect to the activations when
 * the method needs them, let the method turn activations into one low-resolution map per image, then
 * ReLU, min-max scale, resize to the input size (OpenCV INTER_LINEAR) and min-max scale again.
 *
 * A method only says how it weighs channels (`weighChannels`) or, like Eigen-CAM, how it builds the
 * raw map itself. Every stage is returned so that results can be checked against the reference library.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../models/feature-model";
import { resolveTargets, targetOneHot, targetScores } from "./targets";
import { minMaxScale, relu } from "./image/min-max";
import { resizeBilinear } from "./image/resize";

export interface CamOptions {
  /** Class per image; default: the predicted class. */
  targets?: ArrayLike<number>;
  /** Largest batch sent through the model at once (images, or masked copies for Score-CAM). */
  batchSize?: number;
}

/** Everything a method may read for one batch of images. Tensors are owned by the base. */
export interface CamContext {
  model: FeatureModel;
  /** NHWC input. */
  input: tf.Tensor4D;
  /** CAM-layer activations NHWC. */
  activations: tf.Tensor4D;
  /** d(sum_n logit[n, t_n]) / d activations, when the method needs gradients. */
  gradients?: tf.Tensor4D;
  logits: tf.Tensor2D;
  targets: Int32Array;
  /** Index of this batch's first image in the whole input (for per-image options). */
  offset: number;
  /** One-hot rows of `targets`. */
  oneHot: tf.Tensor2D;
  batchSize: number;
}

/** A method's output for one batch: the raw map [n, h, w] (before ReLU) and whatever it wants to expose. */
export interface RawCam {
  camRaw: Float32Array;
  /** Channel weights [n, c] for methods that weigh channels. */
  weights?: Float32Array;
  extras?: Record<string, Float32Array>;
}

export interface CamMethod<O = object> {
  readonly name: string;
  readonly needsGradients: boolean;
  camImage(ctx: CamContext, options: O): Promise<RawCam>;
}

/** Per-channel weights [n, c] and extra per-image arrays, as tensors the base disposes. */
export interface ChannelWeighting {
  weights: tf.Tensor2D;
  extras?: Record<string, tf.Tensor>;
}

/** A method defined by its channel weights: cam_raw[n] = sum_k weights[n, k] * A[n, :, :, k]. */
export function weighChannels<O = object>(
  name: string,
  needsGradients: boolean,
  channelWeights: (ctx: CamContext, options: O) => Promise<ChannelWeighting> | ChannelWeighting,
): CamMethod<O> {
  return {
    name,
    needsGradients,
    async camImage(ctx, options) {
      const { weights, extras = {} } = await channelWeights(ctx, options);
      const raw = weightedSum(ctx.activations, weights);
      const out: RawCam = {
        camRaw: (await raw.data()) as Float32Array,
        weights: (await weights.data()) as Float32Array,
        extras: {},
      };
      for (const [key, t] of Object.entries(extras)) out.extras![key] = (await t.data()) as Float32Array;
      tf.dispose([raw, weights, ...Object.values(extras)]);
      return out;
    },
  };
}

/** sum_k w[n, k] A[n, y, x, k] as a batched matmul -> [n, h, w]. */
export function weightedSum(activations: tf.Tensor4D, weights: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, h, w, c] = activations.shape;
    const a = tf.reshape(activations, [n, h * w, c]);
    return tf.reshape(tf.matMul(a, tf.reshape(weights, [n, c, 1])), [n, h, w]) as tf.Tensor3D;
  });
}

export interface CamResult {
  method: string;
  n: number;
  /** Input size (the size of the final maps). */
  height: number;
  width: number;
  /** CAM-layer size and channels. */
  layerHeight: number;
  layerWidth: number;
  channels: number;
  targets: Int32Array;
  /** Logits [n, classes] of the clean forward pass. */
  logits: Float32Array;
  numClasses: number;
  weights?: Float32Array;
  /** Weighted channel sum (or projection) [n, h, w], before ReLU. */
  camRaw: Float32Array;
  /** minMax(relu(camRaw)) [n, h, w]. */
  lowres: Float32Array;
  /** lowres resized to the input size [n, H, W]. */
  resized: Float32Array;
  /** The map to use: minMax(resized) [n, H, W], in [0, 1). */
  map: Float32Array;
  extras: Record<string, Float32Array>;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** pytorch-grad-cam's `scale_cam_image` pipeline applied per image. */
export function postProcess(
  camRaw: Float32Array,
  n: number,
  lh: number,
  lw: number,
  height: number,
  width: number,
): { lowres: Float32Array; resized: Float32Array; map: Float32Array } {
  const lowres = new Float32Array(n * lh * lw);
  const resized = new Float32Array(n * height * width);
  const map = new Float32Array(n * height * width);
  for (let i = 0; i < n; i++) {
    const low = minMaxScale(relu(camRaw.subarray(i * lh * lw, (i + 1) * lh * lw)));
    const big = resizeBilinear(low, lh, lw, height, width, "half-pixel");
    lowres.set(low, i * lh * lw);
    resized.set(big, i * height * width);
    map.set(minMaxScale(big), i * height * width);
  }
  return { lowres, resized, map };
}

/**
 * d(sum_n logit[n, t_n]) / d activations: one backward pass for the whole batch, as the library does;
 * images do not interact as long as the head has no batch-level operations (eval mode).
 */
export function targetGradients(model: FeatureModel, activations: tf.Tensor4D, oneHot: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() =>
    tf.grad((a) => tf.sum(targetScores(model.forwardHead(a as tf.Tensor4D, false), oneHot)))(activations),
  ) as tf.Tensor4D;
}

function checkInput(model: FeatureModel, input: tf.Tensor4D): void {
  if (input.rank !== 4 || input.shape[3] !== 3 || input.shape[0] < 1) {
    throw new Error(`CAM input must be NHWC with 3 channels and at least one image, got shape [${input.shape.join(", ")}]`);
  }
  if (model.numClasses < 1) throw new Error(`model ${model.name} has no classes`);
}

/** Runs `method` on a batch of NHWC images, `batchSize` images per model call. */
export async function computeCam<O extends CamOptions>(
  method: CamMethod<O>,
  model: FeatureModel,
  input: tf.Tensor4D,
  options: O = {} as O,
): Promise<CamResult> {
  checkInput(model, input);
  const [n, height, width] = input.shape;
  const batchSize = options.batchSize ?? 16;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  if (options.targets !== undefined && options.targets.length !== n) {
    throw new Error(`targets: got ${options.targets.length} classes for ${n} images`);
  }
  const parts: { raw: RawCam; logits: Float32Array; targets: Int32Array }[] = [];
  let layer = [0, 0, 0];
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const x = tf.slice(input, [start, 0, 0, 0], [count, -1, -1, -1]);
    const activations = tf.tidy(() => model.forwardFeatures(x, false));
    const logits = tf.tidy(() => model.forwardHead(activations, false));
    const logitData = (await logits.data()) as Float32Array;
    const given = options.targets === undefined ? undefined : Array.from(options.targets).slice(start, start + count);
    const targets = resolveTargets(logitData, count, model.numClasses, given);
    const oneHot = targetOneHot(targets, model.numClasses);
    const gradients = method.needsGradients ? targetGradients(model, activations, oneHot) : undefined;
    layer = activations.shape.slice(1);
    try {
      const raw = await method.camImage({ model, input: x, activations, gradients, logits, targets, offset: start, oneHot, batchSize }, options);
      parts.push({ raw, logits: logitData, targets });
    } finally {
      tf.dispose([x, activations, logits, oneHot, ...(gradients ? [gradients] : [])]);
    }
  }
  const [lh, lw, channels] = layer;
  const camRaw = concat(parts.map((p) => p.raw.camRaw));
  const extras: Record<string, Float32Array> = {};
  for (const key of Object.keys(parts[0]?.raw.extras ?? {})) extras[key] = concat(parts.map((p) => p.raw.extras![key]));
  return {
    method: method.name,
    n,
    height,
    width,
    layerHeight: lh,
    layerWidth: lw,
    channels,
    targets: Int32Array.from(parts.flatMap((p) => Array.from(p.targets))),
    logits: concat(parts.map((p) => p.logits)),
    numClasses: model.numClasses,
    weights: parts[0]?.raw.weights ? concat(parts.map((p) => p.raw.weights!)) : undefined,
    camRaw,
    ...postProcess(camRaw, n, lh, lw, height, width),
    extras,
  };
}
