/**
 * PyTorch's AdaptiveAvgPool2d(out): output cell i averages input rows floor(i*H/out) .. ceil((i+1)*H/out)-1
 * (likewise for columns). VGG16 pools to 7x7 before its classifier, which is the identity at 224 px but
 * not at the small sizes tests and demos use. Written as one matrix product with a constant pooling
 * matrix, so it is differentiable on every backend.
 */
import * as tf from "@tensorflow/tfjs";

/** Row-major [out*out, h*w] averaging matrix. */
export function adaptivePoolMatrix(h: number, w: number, out: number): Float32Array {
  const m = new Float32Array(out * out * h * w);
  const bounds = (i: number, size: number) => [Math.floor((i * size) / out), Math.ceil(((i + 1) * size) / out)];
  for (let oy = 0; oy < out; oy++) {
    const [y0, y1] = bounds(oy, h);
    for (let ox = 0; ox < out; ox++) {
      const [x0, x1] = bounds(ox, w);
      const weight = 1 / ((y1 - y0) * (x1 - x0));
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m[(oy * out + ox) * h * w + y * w + x] = weight;
    }
  }
  return m;
}

export class AdaptiveAvgPool2d extends tf.layers.Layer {
  static className = "AdaptiveAvgPool2d";
  private readonly outputSize: number;

  constructor(args: { outputSize: number; name?: string }) {
    super({ name: args.name });
    this.outputSize = args.outputSize;
  }

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, , , c] = shape as tf.Shape;
    return [n, this.outputSize, this.outputSize, c];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [n, h, w, c] = x.shape;
      const out = this.outputSize;
      if (h === out && w === out) return x.clone();
      const pool = tf.tensor2d(adaptivePoolMatrix(h, w, out), [out * out, h * w]);
      const cols = tf.reshape(tf.transpose(x, [1, 2, 0, 3]), [h * w, n * c]);
      return tf.transpose(tf.reshape(tf.matMul(pool, cols), [out, out, n, c]), [2, 0, 1, 3]);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), outputSize: this.outputSize };
  }
}
tf.serialization.registerClass(AdaptiveAvgPool2d);
