/**
 * tfjs's BatchNormalization layer with a faster training path (src/models/ops/batch-norm-training.ts).
 * Same weights, config, class name and inference path; in training mode it normalises with the batch
 * statistics and moves the running averages exactly as tfjs does (momentum on the biased variance),
 * so swapping it in changes speed, not results.
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
    if (!kwargs?.training || !lastAxis || !self.gamma || !self.beta) return super.call(inputs, kwargs);
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
