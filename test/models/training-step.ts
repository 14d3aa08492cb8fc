/**
 * One training step's gradients of a narrow ResNet50 (the kit's batch norm and lean backward pass), for
 * comparing backends: computed in process on one backend and in training-step-child.ts on another.
 * 64 px and 8 images keep 32 values per channel in layer4's batch norm: at 32 px and 2 images it
 * normalises 2 values, and float rounding alone changes the gradients by O(1) between any two backends.
 */
import * as tf from "@tensorflow/tfjs";
import { createModel } from "../../src/models/registry";
import { GradientAccumulator, trainableVariables } from "../../src/training/gradient-accumulator";
import { createRng } from "../../src/random";

export interface StepGradients {
  names: string[];
  losses: number[];
  gradients: Float32Array[];
}

export async function trainingStepGradients(): Promise<StepGradients> {
  const kit = createModel("resnet50", { numClasses: 3, inputSize: 64, widthMultiplier: 0.25, seed: 3, dropout: 0 });
  const rng = createRng(5);
  const x = tf.tensor4d(Float32Array.from({ length: 8 * 64 * 64 * 3 }, () => rng.uniform(-1, 1)), [8, 64, 64, 3]);
  try {
    const variables = trainableVariables(kit.model);
    const accumulator = new GradientAccumulator(kit.model, variables);
    const { losses } = await accumulator.add(x, Int32Array.from({ length: 8 }, (_, i) => i % 3)).read();
    const grads = accumulator.take();
    const gradients = await Promise.all(grads.map((g) => g!.data() as Promise<Float32Array>));
    tf.dispose(grads as tf.Tensor[]);
    return { names: variables.map((v) => v.name), losses: Array.from(losses), gradients };
  } finally {
    x.dispose();
    kit.dispose();
  }
}
