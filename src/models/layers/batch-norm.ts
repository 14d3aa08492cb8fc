/**
 * tfjs's BatchNormalization layer, made faster. Same weights, config and class name.
 * - Training mode: the hand-written gradient of src/models/ops/batch-norm-training.ts; the running
 *   averages move exactly as tfjs moves them (momentum on the biased variance).
 * - Inference: y = x a + b with a = gamma / sqrt(var + eps) and b = beta - mean a computed per channel
 *   once, two fast full-size passes; tfjs's FusedBatchNorm kernel on wasm divides by a square root per
 *   element and took ~5x as long. Values agree with tfjs's to float rounding.
 */
import * as tf from "@tensorflow/tfjs";
import { batchNormTraining } from "../ops/batch-norm-training";

type BatchNormArgs = Parameters<typeof tf.layers.batchNormalization>[0];
type BatchNormLayer = ReturnType<typeof tf.layers.batchNormalization>;

// tfjs exports the class only as a type; its constructor is reached through an instance.
const BatchNormalization = tf.layers.batchNormalization({}).constructor as new (args?: BatchNormArgs) => BatchNormLayer;

interface BatchNormInternals {
  axis: number;
  epsilon: number;
  momentum: number;
  gamma: tf.LayerVariable | null;
  beta: tf.LayerVariable | null;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

export class BatchNorm extends BatchNormalization {
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict): tf.Tensor | tf.Tensor[] {
    const self = this as unknown as BatchNormInternals;
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    const lastAxis = self.axis === -1 || self.axis === input.rank - 1;
    if (!lastAxis || !self.gamma || !self.beta) return super.call(inputs, kwargs);
    if (!kwargs?.training) {
      return tf.tidy(() => {
        const a = tf.mul(self.gamma!.read(), tf.rsqrt(tf.add(self.movingVariance.read(), self.epsilon)));
        const b = tf.sub(self.beta!.read(), tf.mul(self.movingMean.read(), a));
        return tf.add(tf.mul(input, a), b);
      });
    }
    return tf.tidy(() => {
      const decay = 1 - self.momentum;
      const moveTowards = (average: tf.LayerVariable, value: tf.Tensor) => {
        const current = average.read();
        average.write(tf.sub(current, tf.mul(tf.sub(current, value), decay)));
      };
      return batchNormTraining(input, self.gamma!.read() as tf.Tensor1D, self.beta!.read() as tf.Tensor1D, self.epsilon, (m) => {
        moveTowards(self.movingMean, m.mean);
        moveTowards(self.movingVariance, m.variance);
      });
    });
  }
}

export function batchNormalization(args: BatchNormArgs = {}): BatchNorm {
  return new BatchNorm(args);
}
