/**
 * Gradient accumulation: one optimizer step over several micro-batches that together form the batch.
 *
 * Each micro-batch contributes the gradient of its SUMMED loss; the sum over micro-batches is divided by
 * the number of examples once, before the update. That is the gradient of the mean loss over the whole
 * batch, so 4 x 8 micro-batches give the same step as one batch of 32 (up to float rounding), which is
 * what lets batch 32 run on a backend that cannot hold 32 images at once.
 *
 * Caveat: BatchNormalization in training mode normalises with the statistics of the tensor it sees, i.e.
 * of each micro-batch, and updates its running averages once per micro-batch. Models with batch norm are
 * therefore NOT exactly equivalent under accumulation (as in PyTorch); models without it are.
 */
import * as tf from "@tensorflow/tfjs";
import { crossEntropyPerExample } from "./loss";

export interface MicroBatchResult {
  /** Per-example training-mode cross-entropy. */
  losses: Float32Array;
  /** Per-example argmax of the training-mode logits. */
  predictions: Int32Array;
}

/**
 * A micro-batch's per-example results, still as tensors: reading them is asynchronous (WebGPU in Node
 * has no synchronous read of a GPU buffer), the pass itself is not. `read` or `dispose` frees them.
 */
export interface PendingMicroBatch {
  read(): Promise<MicroBatchResult>;
  dispose(): void;
}

function pending(perExample: tf.Tensor1D, predicted: tf.Tensor1D): PendingMicroBatch {
  const dispose = () => tf.dispose([perExample, predicted]);
  return {
    read: async () => {
      try {
        return { losses: (await perExample.data()) as Float32Array, predictions: (await predicted.data()) as Int32Array };
      } finally {
        dispose();
      }
    },
    dispose,
  };
}

export class GradientAccumulator {
  private sums: (tf.Tensor | null)[] | undefined;
  /** Names of variables that got no gradient (they do not reach the loss); the optimizer skips them. */
  readonly unused = new Set<string>();
  private count = 0;

  constructor(private readonly model: tf.LayersModel, private readonly variables: tf.Variable[]) {}

  /** Examples accumulated since the last `take`. */
  get examples(): number {
    return this.count;
  }

  /**
   * Forward + backward pass on one micro-batch (in training mode), adding its gradients to the sums.
   * Synchronous on purpose so callers can scope seeded randomness around it.
   */
  add(x: tf.Tensor4D, labels: Int32Array): PendingMicroBatch {
    let perExample: tf.Tensor1D | undefined;
    let predicted: tf.Tensor1D | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const logits = this.model.apply(x, { training: true }) as tf.Tensor2D;
      perExample = tf.keep(crossEntropyPerExample(logits, labels));
      predicted = tf.keep(tf.argMax(logits, 1) as tf.Tensor1D);
      return tf.sum(perExample) as tf.Scalar;
    }, this.variables);
    value.dispose();
    const ordered = this.variables.map((v) => {
      const g = grads[v.name] ?? null;
      if (!g) this.unused.add(v.name);
      return g;
    });
    if (this.sums) {
      const previous = this.sums;
      this.sums = previous.map((s, i) => (s && ordered[i] ? tf.add(s, ordered[i]!) : null));
      [...previous, ...ordered].forEach((t) => t?.dispose());
    } else {
      this.sums = ordered;
    }
    this.count += labels.length;
    return pending(perExample!, predicted!);
  }

  /** The batch-mean gradients (caller disposes) and resets the accumulator. */
  take(): (tf.Tensor | null)[] {
    if (!this.sums || this.count === 0) throw new Error("gradient accumulator: no micro-batch was added");
    const sums = this.sums;
    const scale = 1 / this.count;
    const mean = sums.map((s) => (s ? tf.mul(s, scale) : null));
    sums.forEach((t) => t?.dispose());
    this.sums = undefined;
    this.count = 0;
    return mean;
  }
}

/** The model's trainable variables, in `model.trainableWeights` order. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}
