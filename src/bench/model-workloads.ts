/**
 * Forward pass and training step of a registry model, as the kit runs them: inference-mode predict,
 * and one optimiser step = training-mode forward + backward (GradientAccumulator) + the kit's Adam.
 */
import * as tf from "@tensorflow/tfjs";
import { createModel } from "../models/registry";
import type { KitModel } from "../models/types";
import { Adam, PYTORCH_ADAM_DEFAULTS } from "../training/adam";
import { GradientAccumulator, trainableVariables } from "../training/gradient-accumulator";
import { createRng } from "../random";
import { foldBatchNorm } from "../models/fold-batch-norm";

export function benchModel(name: string, size: number): KitModel {
  return createModel(name, { numClasses: 2, inputSize: size, seed: 1 });
}

/** A seeded batch in the paper's [-1, 1] input range. */
export function randomBatch(batch: number, size: number, seed = 0): tf.Tensor4D {
  const rng = createRng(seed);
  return tf.tensor4d(Float32Array.from({ length: batch * size * size * 3 }, () => rng.uniform(-1, 1)), [batch, size, size, 3]);
}

export function forwardRunner(model: KitModel, x: tf.Tensor4D): () => Promise<void> {
  return async () => {
    const y = model.model.predict(x) as tf.Tensor;
    await y.data();
    y.dispose();
  };
}

/** Inference with batch-norm folded into the convolutions (src/models/fold-batch-norm.ts). */
export function foldedForwardRunner(model: KitModel, x: tf.Tensor4D): { run: () => Promise<void>; dispose: () => void } {
  const folded = foldBatchNorm(model.model);
  return {
    run: async () => {
      const y = folded.predict(x);
      await y.data();
      y.dispose();
    },
    dispose: () => folded.dispose(),
  };
}

/** A training-step runner of `model` (inputs `x` -> `numClasses` logits) and the optimiser state it owns (dispose when done). */
export function trainStepRunner(model: tf.LayersModel, numClasses: number, x: tf.Tensor4D): { run: () => Promise<void>; dispose: () => void } {
  const variables = trainableVariables(model);
  const adam = new Adam({ learningRate: 1e-4, ...PYTORCH_ADAM_DEFAULTS }, variables);
  const labels = Int32Array.from({ length: x.shape[0] }, (_, i) => i % numClasses);
  return {
    run: async () => {
      const accumulator = new GradientAccumulator(model, variables);
      accumulator.add(x, labels).dispose();
      const grads = accumulator.take();
      adam.apply(grads);
      grads.forEach((g) => g?.dispose());
      await variables[variables.length - 1].data();
    },
    dispose: () => adam.dispose(),
  };
}
