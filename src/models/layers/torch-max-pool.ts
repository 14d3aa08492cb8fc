/**
 * PyTorch's MaxPool2d with symmetric padding. TF's 'same' pads only after the data for stride 2
 * (a different window grid), and zero padding would let a pad value win over negative activations,
 * so the borders are padded with -Infinity and pooled 'valid'.
 */
import * as tf from "@tensorflow/tfjs";

export interface TorchMaxPoolArgs {
  poolSize: number;
  strides: number;
  padding: number;
  name?: string;
}

export class TorchMaxPool2d extends tf.layers.Layer {
  static className = "TorchMaxPool2d";
  private readonly poolSize: number;
  private readonly strides: number;
  private readonly pad: number;

  constructor(args: TorchMaxPoolArgs) {
    super({ name: args.name });
    this.poolSize = args.poolSize;
    this.strides = args.strides;
    this.pad = args.padding;
  }

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, h, w, c] = shape as tf.Shape;
    const out = (d: number | null) => (d === null ? null : Math.floor((d + 2 * this.pad - this.poolSize) / this.strides) + 1);
    return [n, out(h), out(w), c];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const p = this.pad;
      const padded = p > 0 ? tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]], -Infinity) : x;
      return tf.maxPool(padded, this.poolSize, this.strides, "valid");
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), poolSize: this.poolSize, strides: this.strides, padding: this.pad };
  }
}
tf.serialization.registerClass(TorchMaxPool2d);
