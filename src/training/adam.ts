/**
 * Adam with PyTorch's update rule (`torch.optim.Adam`, no AMSGrad):
 *   m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,
 *   p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps),   eps = 1e-8.
 *
 * Written here rather than using `tf.train.adam` because its state cannot be restored exactly: it keeps
 * b1^t as a running float32 product but recomputes it with `pow` in `setWeights`, so a resumed run drifts
 * from an uninterrupted one. Here the bias corrections are computed in float64 from the step count alone,
 * and the whole state (step, m, v) is plain data that a checkpoint stores and reloads bit for bit.
 */
import * as tf from "@tensorflow/tfjs";

export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** L2 penalty added to the gradient as PyTorch's `weight_decay` does (0 = none). */
  weightDecay: number;
}

export const PYTORCH_ADAM_DEFAULTS: Omit<AdamConfig, "learningRate"> = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 };

export interface AdamState {
  step: number;
  m: { shape: number[]; data: Float32Array }[];
  v: { shape: number[]; data: Float32Array }[];
}

export class Adam {
  step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(readonly config: AdamConfig, readonly variables: tf.Variable[]) {
    if (!(config.learningRate > 0)) throw new Error(`adam: learningRate must be > 0, got ${config.learningRate}`);
    // tidy disposes the zeros tensors; the variables (which own copies) survive it.
    this.m = variables.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    this.v = variables.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
  }

  /**
   * One update with `grads[i]` the gradient of `variables[i]` (already averaged over the batch). A `null`
   * gradient (the variable does not reach the loss, e.g. DINOv2's mask token) leaves that variable and its
   * moments untouched, as torch.optim.Adam skips parameters whose `.grad` is None.
   */
  apply(grads: (tf.Tensor | null)[]): void {
    if (grads.length !== this.variables.length) {
      throw new Error(`adam: ${grads.length} gradients for ${this.variables.length} variables`);
    }
    const { learningRate, beta1, beta2, epsilon, weightDecay } = this.config;
    this.step += 1;
    const bc1 = 1 - beta1 ** this.step;
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.step);
    const stepSize = learningRate / bc1;
    tf.tidy(() => {
      this.variables.forEach((p, i) => {
        const grad = grads[i];
        if (!grad) return;
        const g = weightDecay ? tf.add(grad, tf.mul(p, weightDecay)) : grad;
        const m = tf.add(tf.mul(this.m[i], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[i], beta2), tf.mul(tf.square(g), 1 - beta2));
        const denom = tf.add(tf.div(tf.sqrt(v), bc2Sqrt), epsilon);
        p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
        this.m[i].assign(m);
        this.v[i].assign(v);
      });
    });
  }

  async state(): Promise<AdamState> {
    const read = async (t: tf.Variable) => ({ shape: t.shape.slice(), data: (await t.data()) as Float32Array });
    return { step: this.step, m: await Promise.all(this.m.map(read)), v: await Promise.all(this.v.map(read)) };
  }

  load(state: AdamState): void {
    if (state.m.length !== this.m.length || state.v.length !== this.v.length) {
      throw new Error(`adam: saved state has ${state.m.length} moments, the model has ${this.m.length} trainable variables`);
    }
    const put = (dst: tf.Variable, src: { shape: number[]; data: Float32Array }, what: string) => {
      if (src.shape.join(",") !== dst.shape.join(",")) {
        throw new Error(`adam: saved ${what} has shape [${src.shape}], variable '${dst.name}' has [${dst.shape}]`);
      }
      tf.tidy(() => dst.assign(tf.tensor(src.data, src.shape, "float32")));
    };
    state.m.forEach((s, i) => put(this.m[i], s, `m[${i}]`));
    state.v.forEach((s, i) => put(this.v[i], s, `v[${i}]`));
    this.step = state.step;
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
