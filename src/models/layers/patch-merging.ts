/**
 * Swin's patch merging rearrangement (torchvision `_patch_merging_pad`): pad odd sizes with zeros,
 * then concatenate the four 2x2 phases [x(0::2, 0::2), x(1::2, 0::2), x(0::2, 1::2), x(1::2, 1::2)]
 * along channels: [n, h, w, c] -> [n, ceil(h/2), ceil(w/2), 4c]. The LayerNorm and Linear that follow
 * are ordinary layers.
 */
import * as tf from "@tensorflow/tfjs";

export class PatchMergingRearrange extends tf.layers.Layer {
  static className = "PatchMergingRearrange";

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, h, w, c] = shape as tf.Shape;
    const half = (d: number | null) => (d === null ? null : Math.ceil(d / 2));
    return [n, half(h), half(w), c === null ? null : 4 * c];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [n, h, w, c] = x.shape;
      if (h % 2 || w % 2) x = tf.pad(x, [[0, 0], [0, h % 2], [0, w % 2], [0, 0]]);
      const h2 = Math.ceil(h / 2);
      const w2 = Math.ceil(w / 2);
      // [n, h2, dy, w2, dx, c] -> [n, h2, w2, dx, dy, c]: phase index dx * 2 + dy, torchvision's x0..x3.
      const phases = tf.transpose(tf.reshape(x, [n, h2, 2, w2, 2, c]), [0, 1, 3, 4, 2, 5]);
      return tf.reshape(phases, [n, h2, w2, 4 * c]);
    });
  }
}
tf.serialization.registerClass(PatchMergingRearrange);
