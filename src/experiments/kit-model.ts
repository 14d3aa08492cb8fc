/**
 * An experiment's model from the model registry, started as its spec says: seeded fresh weights, or the
 * published ImageNet weights (the paper's start) loaded from a safetensors file with a fresh head.
 */
import { createModel } from "../models/registry";
import { loadTorchWeights } from "../weights/load";
import { readCheckpoint } from "../weights/read-checkpoint";
import type { ExperimentModel } from "./run";
import type { ExperimentSpec } from "./spec";

export interface KitModelOptions {
  /** The ImageNet checkpoint (model.safetensors) for `init: imagenet`. */
  weightsFile?: string;
}

export function buildExperimentModel(spec: ExperimentSpec, numClasses: number, opts: KitModelOptions = {}): ExperimentModel {
  const { attentionAfter, ...rest } = spec.modelOptions;
  const kit = createModel(spec.model, {
    numClasses,
    ...rest,
    ...(attentionAfter !== undefined ? { attentionAfter: attentionAfter as 1 | 2 | 3 | 4 } : {}),
  });
  try {
    const description: Record<string, unknown> = { name: kit.name, options: kit.options, camLayer: kit.camLayer, init: spec.init };
    if (spec.init === "imagenet") {
      if (!opts.weightsFile) {
        const where = kit.weightsSource ? ` (${kit.weightsSource.url})` : "";
        throw new Error(
          `model '${spec.model}' starts from ImageNet weights in profile '${spec.profile}': pass --weights FILE with its model.safetensors${where}, or --init random`,
        );
      }
      const report = loadTorchWeights(kit, readCheckpoint(opts.weightsFile), { source: opts.weightsFile });
      Object.assign(description, {
        weightsFile: opts.weightsFile,
        weightsSource: kit.weightsSource,
        loadedTensors: report.loaded.length,
        freshVariables: report.fresh,
        ignoredTensors: report.ignored,
      });
    }
    return { model: kit.model, description, dispose: () => kit.dispose() };
  } catch (e) {
    kit.dispose();
    throw e;
  }
}
