/**
 * Parameter counts as PyTorch reports them (`trainable`: sum of parameters(), which excludes batch-norm
 * running statistics) and everything the model stores (`total`: also the BN running mean/variance).
 * Models are built with zero-filled variables, which costs no time or resident memory even for VGG16.
 */
import { createModel } from "./registry";
import type { ModelOptions } from "./types";

export interface ParamCount {
  trainable: number;
  total: number;
}

const size = (shape: readonly (number | null)[]) => shape.reduce<number>((a, d) => a * (d ?? 1), 1);

export function countParams(name: string, options: ModelOptions): ParamCount {
  const kit = createModel(name, { ...options, weightInit: "zeros" });
  try {
    const weights = [kit.model, ...kit.detachedLayers].flatMap((m) => m.weights);
    const trainable = weights.filter((w) => w.trainable).reduce((a, w) => a + size(w.shape), 0);
    const total = weights.reduce((a, w) => a + size(w.shape), 0);
    return { trainable, total };
  } finally {
    kit.dispose();
  }
}
