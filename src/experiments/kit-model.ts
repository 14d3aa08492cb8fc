/**
 * An experiment's model from the model registry, started as its spec says: seeded fresh weights, or the
 * published ImageNet weights (the paper's start) loaded from a safetensors file with a fresh head.
 * An architecture without published weights (the paper's ViT configuration) starts fresh under
 * `imagenet` too, and config.json says so.
 */
import * as fs from "node:fs";
import { createModel, modelEntry } from "../models/registry";
import { weightsFile } from "../weights/fetch";
import { loadTorchWeights } from "../weights/load";
import { readCheckpoint } from "../weights/read-checkpoint";
import type { ExperimentModel } from "./run";
import type { ExperimentSpec } from "./spec";

export interface KitModelOptions {
  /** The ImageNet checkpoint (model.safetensors) for `init: imagenet`; default: where `dala data fetch weights` puts it. */
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
    const source = kit.weightsSource;
    if (spec.init === "imagenet" && !source) {
      description.initNote = `no published ImageNet weights for '${spec.model}': trained from scratch`;
    } else if (spec.init === "imagenet" && source) {
      const file = opts.weightsFile ?? weightsFile(spec.model);
      if (!fs.existsSync(file)) {
        throw new Error(
          `model '${spec.model}' starts from ImageNet weights in profile '${spec.profile}', but ${file} does not exist: ` +
            `run 'dala data fetch weights ${spec.model}' (${source.url}), pass --weights FILE, or use --init random`,
        );
      }
      const report = loadTorchWeights(kit, readCheckpoint(file), { source: file });
      Object.assign(description, {
        weightsFile: file,
        weightsSource: source,
        loadedTensors: report.loaded.length,
        freshVariables: report.fresh,
        ignoredTensors: report.ignored,
      });
    }
    const frozenTrunkCut = modelEntry(spec.model).frozenTrunkCut?.(kit.options);
    return { model: kit.model, description, frozenTrunkCut, dispose: () => kit.dispose() };
  } catch (e) {
    kit.dispose();
    throw e;
  }
}
