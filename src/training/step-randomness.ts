/**
 * Reproducible randomness inside a training forward pass (dropout masks, noise layers).
 *
 * tfjs's `Dropout` layer passes its `seed` option to `tf.dropout`, which builds a fresh generator from it
 * on every call: a layer built with a fixed seed would drop the SAME units at every step. Layers without a
 * seed draw one from `Math.random`. So for each step we (1) give every seeded Dropout layer a seed derived
 * from the step and (2) scope a seeded `Math.random` around the pass, which covers every seedless random op,
 * whichever layer (built-in or custom) calls it. The layers' own seeds are restored afterwards.
 *
 * Not covered: a custom layer that keeps a fixed seed in a private field and passes it to a random op
 * itself; its masks are reproducible but repeat every step.
 */
import type * as tf from "@tensorflow/tfjs";
import { deriveSeed } from "../random";
import { withSeededMathRandom } from "./random";

interface SeededLayer {
  seed?: number;
}

/** Layers that read a `seed` field at call time, found recursively through nested models. */
export function seededRandomLayers(model: tf.LayersModel): (tf.layers.Layer & SeededLayer)[] {
  const found: (tf.layers.Layer & SeededLayer)[] = [];
  const visit = (layers: tf.layers.Layer[]) => {
    for (const layer of layers) {
      const nested = (layer as unknown as { layers?: tf.layers.Layer[] }).layers;
      if (Array.isArray(nested)) visit(nested);
      if (layer.getClassName() === "Dropout") found.push(layer as tf.layers.Layer & SeededLayer);
    }
  };
  visit(model.layers);
  return found;
}

/** Runs one synchronous training forward/backward pass with randomness fixed by `stepSeed`. */
export function withStepRandomness<T>(layers: (tf.layers.Layer & SeededLayer)[], stepSeed: number, fn: () => T): T {
  const originals = layers.map((l) => l.seed);
  layers.forEach((l, i) => {
    if (l.seed != null) l.seed = deriveSeed(stepSeed, "dropout-layer", i);
  });
  try {
    return withSeededMathRandom(stepSeed, fn);
  } finally {
    layers.forEach((l, i) => {
      l.seed = originals[i];
    });
  }
}
