/**
 * Eigen-CAM: the activations, centred per channel, projected on their first principal component
 * (pytorch-grad-cam's `get_2d_projection`; no gradients, targets ignored).
 *
 * The principal vector comes from a full symmetric eigendecomposition of whichever Gram matrix is
 * smaller: the c x c channel covariance Rc^T Rc, or the (h w) x (h w) matrix Rc Rc^T (a ResNet50 layer4
 * map has 49 positions and 2048 channels); both give the same projection s0 * u0.
 *
 * Its sign is arbitrary, and the reference library leaves it to LAPACK, so it decides which half of
 * the projection survives the ReLU. Default here: the sign that makes the projection's largest-magnitude
 * value positive (the dominant structure survives). `reference` instead aligns each image's principal
 * vector with a given vector [n, c] (flip when the dot product is negative), which reproduces the
 * library's output when its vector is known.
 */
import type { CamMethod, CamOptions } from "./base";
import { symmetricEigen } from "./linalg/symmetric-eigen";

export interface EigenCamOptions extends CamOptions {
  /** Per-image reference principal vectors [n, c] to align the sign with. */
  reference?: ArrayLike<number>;
}

interface Projection {
  projection: Float64Array;
  vector: Float64Array;
  singularValues: Float64Array;
  means: Float64Array;
}

/** First-principal-component projection of one image's activations R [p positions, c channels]. */
export function principalProjection(r: ArrayLike<number>, p: number, c: number): Projection {
  const means = new Float64Array(c);
  for (let i = 0; i < p; i++) for (let k = 0; k < c; k++) means[k] += r[i * c + k];
  for (let k = 0; k < c; k++) means[k] /= p;
  const rc = new Float64Array(p * c);
  for (let i = 0; i < p; i++) for (let k = 0; k < c; k++) rc[i * c + k] = r[i * c + k] - means[k];

  const rank = Math.min(p, c);
  const projection = new Float64Array(p);
  const vector = new Float64Array(c);
  let values: Float64Array;
  if (c <= p) {
    const cov = new Float64Array(c * c);
    for (let i = 0; i < p; i++) {
      for (let a = 0; a < c; a++) {
        const va = rc[i * c + a];
        for (let b = a; b < c; b++) cov[a * c + b] += va * rc[i * c + b];
      }
    }
    for (let a = 0; a < c; a++) for (let b = 0; b < a; b++) cov[a * c + b] = cov[b * c + a];
    const eig = symmetricEigen(cov, c);
    values = eig.values;
    vector.set(eig.vectors.subarray(0, c));
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < c; k++) s += rc[i * c + k] * vector[k];
      projection[i] = s;
    }
  } else {
    const gram = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = i; j < p; j++) {
        let s = 0;
        for (let k = 0; k < c; k++) s += rc[i * c + k] * rc[j * c + k];
        gram[i * p + j] = s;
        gram[j * p + i] = s;
      }
    }
    const eig = symmetricEigen(gram, p);
    values = eig.values;
    const s0 = Math.sqrt(Math.max(values[0], 0));
    for (let i = 0; i < p; i++) projection[i] = s0 * eig.vectors[i];
    if (s0 > 0) {
      for (let i = 0; i < p; i++) for (let k = 0; k < c; k++) vector[k] += (rc[i * c + k] * eig.vectors[i]) / s0;
    }
  }
  const singularValues = new Float64Array(rank);
  for (let k = 0; k < rank; k++) singularValues[k] = Math.sqrt(Math.max(values[k], 0));
  return { projection, vector, singularValues, means };
}

function flip(pr: Projection): void {
  pr.projection.forEach((v, i) => (pr.projection[i] = -v));
  pr.vector.forEach((v, i) => (pr.vector[i] = -v));
}

export const eigenCam: CamMethod<EigenCamOptions> = {
  name: "eigencam",
  needsGradients: false,
  async camImage(ctx, options) {
    const [n, h, w, c] = ctx.activations.shape;
    const p = h * w;
    const ref = options.reference;
    if (ref !== undefined && ref.length < (ctx.offset + n) * c) {
      throw new Error(`eigencam: reference must hold [images, ${c}] values, got ${ref.length}`);
    }
    const data = await ctx.activations.data();
    const rank = Math.min(p, c);
    const camRaw = new Float32Array(n * p);
    const vt0 = new Float32Array(n * c);
    const singularValues = new Float32Array(n * rank);
    const channelMeans = new Float32Array(n * c);
    for (let i = 0; i < n; i++) {
      const pr = principalProjection(data.subarray(i * p * c, (i + 1) * p * c), p, c);
      if (ref !== undefined) {
        let dot = 0;
        for (let k = 0; k < c; k++) dot += pr.vector[k] * ref[(ctx.offset + i) * c + k];
        if (dot < 0) flip(pr);
      } else {
        let maxAbs = 0;
        for (const v of pr.projection) if (Math.abs(v) > Math.abs(maxAbs)) maxAbs = v;
        if (maxAbs < 0) flip(pr);
      }
      camRaw.set(pr.projection, i * p);
      vt0.set(pr.vector, i * c);
      singularValues.set(pr.singularValues, i * rank);
      channelMeans.set(pr.means, i * c);
    }
    return { camRaw, extras: { vt0, singularValues, channelMeans } };
  },
};
