/**
 * Multi-head scaled dot-product self-attention without projections (they are ordinary Dense layers
 * around it, so their weights map onto PyTorch's Linear layers directly). Takes the packed qkv tensor
 * [n, L, 3 * heads * d] (vit-pytorch's to_qkv, timm's qkv: q, k, v blocks, each heads x d) or three
 * tensors [q, k, v] (transformers' separate query/key/value), returns [n, L, heads * d].
 */
import * as tf from "@tensorflow/tfjs";

export function attend(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, heads: number, bias?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [n, len, inner] = q.shape as [number, number, number];
    const d = inner / heads;
    const split = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [n, len, heads, d]), [0, 2, 1, 3]);
    let scores = tf.matMul(tf.mul(split(q), d ** -0.5), split(k), false, true);
    if (bias) scores = tf.add(scores, bias);
    const out = tf.matMul(tf.softmax(scores), split(v));
    return tf.reshape(tf.transpose(out, [0, 2, 1, 3]), [n, len, inner]);
  });
}

export class SelfAttention extends tf.layers.Layer {
  static className = "SelfAttention";
  private readonly heads: number;

  constructor(args: { heads: number; name?: string }) {
    super({ name: args.name });
    this.heads = args.heads;
  }

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    if (Array.isArray(shape[0])) return (shape as tf.Shape[])[0];
    const [n, len, packed] = shape as tf.Shape;
    return [n, len, packed === null ? null : packed / 3];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (Array.isArray(inputs) && inputs.length === 3) return attend(inputs[0], inputs[1], inputs[2], this.heads);
      const qkv = Array.isArray(inputs) ? inputs[0] : inputs;
      const [q, k, v] = tf.split(qkv, 3, 2);
      return attend(q, k, v, this.heads);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads };
  }
}
tf.serialization.registerClass(SelfAttention);
