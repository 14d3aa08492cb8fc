/**
 * Swin's (shifted) window multi-head self-attention on an NHWC map, following torchvision's
 * `shifted_window_attention`: pad to whole windows, roll by -shift, attend within each window with a
 * learned relative-position bias (and the seam mask when shifted), project, roll back, crop.
 * As in torchvision, a window at least as large as the padded map disables the shift.
 */
import * as tf from "@tensorflow/tfjs";
import type { TorchNamedLayer, TorchParam } from "../torch-names";
import { attend } from "./self-attention";
import { relativePositionOneHot, shiftedWindowMask } from "./swin-geometry";

type Initializer = ReturnType<typeof tf.initializers.zeros>;

export interface WindowAttentionArgs {
  name?: string;
  dim: number;
  heads: number;
  window: number;
  shift: number;
  kernelInitializer?: Initializer;
  biasInitializer?: Initializer;
  tableInitializer?: Initializer;
}

/** torch.roll along axes 1 and 2 of an NHWC tensor. */
function roll(x: tf.Tensor4D, dy: number, dx: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const along = (t: tf.Tensor4D, shift: number, axis: 1 | 2, size: number): tf.Tensor4D => {
    const s = ((shift % size) + size) % size;
    if (s === 0) return t;
    const [head, tail] = tf.split(t, [size - s, s], axis);
    return tf.concat([tail, head], axis) as tf.Tensor4D;
  };
  return along(along(x, dy, 1, h), dx, 2, w);
}

export class WindowAttention extends tf.layers.Layer implements TorchNamedLayer {
  static className = "WindowAttention";
  private readonly args: WindowAttentionArgs;
  private qkvKernel!: tf.LayerVariable;
  private qkvBias!: tf.LayerVariable;
  private projKernel!: tf.LayerVariable;
  private projBias!: tf.LayerVariable;
  private table!: tf.LayerVariable;
  private readonly oneHot: Float32Array;

  constructor(args: WindowAttentionArgs) {
    super({ name: args.name });
    this.args = args;
    this.oneHot = relativePositionOneHot(args.window);
  }

  build(): void {
    const { dim, heads, window } = this.args;
    const kernel = this.args.kernelInitializer ?? tf.initializers.glorotUniform({});
    const bias = this.args.biasInitializer ?? tf.initializers.zeros();
    this.qkvKernel = this.addWeight("qkv_kernel", [dim, 3 * dim], "float32", kernel);
    this.qkvBias = this.addWeight("qkv_bias", [3 * dim], "float32", bias);
    this.projKernel = this.addWeight("proj_kernel", [dim, dim], "float32", kernel);
    this.projBias = this.addWeight("proj_bias", [dim], "float32", bias);
    this.table = this.addWeight("relative_position_bias_table", [(2 * window - 1) ** 2, heads], "float32", this.args.tableInitializer ?? tf.initializers.truncatedNormal({ stddev: 0.02 }));
    this.built = true;
  }

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    return shape as tf.Shape;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { dim, heads, window: ws } = this.args;
      const [b, h, w] = x.shape;
      const ph = Math.ceil(h / ws) * ws;
      const pw = Math.ceil(w / ws) * ws;
      const shiftH = ws >= ph ? 0 : this.args.shift;
      const shiftW = ws >= pw ? 0 : this.args.shift;
      let t = ph !== h || pw !== w ? (tf.pad(x, [[0, 0], [0, ph - h], [0, pw - w], [0, 0]]) as tf.Tensor4D) : x;
      t = roll(t, -shiftH, -shiftW);
      const nh = ph / ws;
      const nw = pw / ws;
      const n = ws * ws;
      const windows = tf.reshape(tf.transpose(tf.reshape(t, [b, nh, ws, nw, ws, dim]), [0, 1, 3, 2, 4, 5]), [b * nh * nw, n, dim]);
      const qkv = tf.add(tf.matMul(tf.reshape(windows, [-1, dim]), this.qkvKernel.read()), this.qkvBias.read());
      const [q, k, v] = tf.split(tf.reshape(qkv, [b * nh * nw, n, 3 * dim]), 3, 2);
      // bias[head, i, j] = table[index[i, j], head]
      const rel = tf.matMul(tf.tensor2d(this.oneHot, [n * n, (2 * ws - 1) ** 2]), this.table.read());
      let bias: tf.Tensor = tf.reshape(tf.transpose(tf.reshape(rel, [n, n, heads]), [2, 0, 1]), [1, heads, n, n]);
      if (shiftH > 0 || shiftW > 0) {
        const mask = tf.tensor4d(shiftedWindowMask(ph, pw, ws, shiftH, shiftW), [nh * nw, 1, n, n]);
        bias = tf.reshape(tf.tile(tf.add(bias, mask), [b, 1, 1, 1]), [b * nh * nw, heads, n, n]);
      }
      const out = attend(q, k, v, heads, bias);
      const projected = tf.add(tf.matMul(tf.reshape(out, [-1, dim]), this.projKernel.read()), this.projBias.read());
      let y = tf.reshape(tf.transpose(tf.reshape(projected, [b, nh, nw, ws, ws, dim]), [0, 1, 3, 2, 4, 5]), [b, ph, pw, dim]) as tf.Tensor4D;
      y = roll(y, shiftH, shiftW);
      return ph !== h || pw !== w ? tf.slice(y, [0, 0, 0, 0], [b, h, w, dim]) : y;
    });
  }

  torchParams(): TorchParam[] {
    return [
      { key: `${this.name}.qkv.weight`, layout: "linear", variable: this.qkvKernel },
      { key: `${this.name}.qkv.bias`, layout: "same", variable: this.qkvBias },
      { key: `${this.name}.proj.weight`, layout: "linear", variable: this.projKernel },
      { key: `${this.name}.proj.bias`, layout: "same", variable: this.projBias },
      { key: `${this.name}.relative_position_bias_table`, layout: "same", variable: this.table },
    ];
  }

  getConfig(): tf.serialization.ConfigDict {
    const { dim, heads, window, shift } = this.args;
    return { ...super.getConfig(), dim, heads, window, shift };
  }
}
tf.serialization.registerClass(WindowAttention);
