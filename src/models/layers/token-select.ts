/** Picks one token of a sequence, [n, L, d] -> [n, d] (the CLS token for classification heads). */
import * as tf from "@tensorflow/tfjs";

export class TokenSelect extends tf.layers.Layer {
  static className = "TokenSelect";
  private readonly index: number;

  constructor(args: { index: number; name?: string }) {
    super({ name: args.name });
    this.index = args.index;
  }

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = shape as tf.Shape;
    return [s[0], s[2]];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [n, , d] = x.shape;
      return tf.reshape(tf.slice(x, [0, this.index, 0], [n, 1, d]), [n, d]);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), index: this.index };
  }
}
tf.serialization.registerClass(TokenSelect);
