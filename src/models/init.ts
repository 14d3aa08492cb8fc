/**
 * PyTorch's default initialisations as tfjs initialisers, each with its own seed drawn from one model
 * seed, so that a model built twice with the same options has the same weights.
 */
import * as tf from "@tensorflow/tfjs";
import type { WeightInit } from "./types";

type Initializer = ReturnType<typeof tf.initializers.zeros>;

export class ParamInit {
  private counter = 0;

  constructor(
    private readonly seed: number,
    private readonly mode: WeightInit = "random",
  ) {}

  // tfjs treats seed 0 as "no seed" (Math.random), so seeds start at 1.
  private nextSeed(): number {
    return this.seed * 100003 + ++this.counter;
  }

  private random(make: (seed: number) => Initializer): Initializer {
    return this.mode === "zeros" ? tf.initializers.zeros() : make(this.nextSeed());
  }

  /** torchvision's conv init: kaiming normal, fan_out, ReLU gain (tfjs draws it truncated at 2 sigma). */
  conv(): Initializer {
    return this.random((seed) => tf.initializers.varianceScaling({ scale: 2, mode: "fanOut", distribution: "normal", seed }));
  }

  /** nn.Linear's default weight init: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  linearKernel(): Initializer {
    return this.random((seed) => tf.initializers.varianceScaling({ scale: 1 / 3, mode: "fanIn", distribution: "uniform", seed }));
  }

  /** nn.Linear's / nn.Conv2d's default bias init: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
  bias(fanIn: number): Initializer {
    const bound = 1 / Math.sqrt(fanIn);
    return this.random((seed) => tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed }));
  }

  /** timm's trunc_normal_(std) for tokens, position embeddings and transformer projections. */
  truncNormal(stddev: number): Initializer {
    return this.random((seed) => tf.initializers.truncatedNormal({ stddev, seed }));
  }

  zeros(): Initializer {
    return tf.initializers.zeros();
  }

  ones(): Initializer {
    return tf.initializers.ones();
  }
}
