/**
 * Opening a finished run again after training: its model with the best-on-validation weights, and
 * the test part of its data (the same saved split, the same image cache), for whatever looks at a
 * trained model afterwards (`dala cam`, the CAM evaluation notebook).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createModel } from "../models/registry";
import { deriveSeed } from "../random";
import { withFoldedFeatures } from "../models/fold-batch-norm";
import type { KitModel, ResolvedOptions } from "../models/types";
import { loadCheckpoint, restoreWeights } from "../training/checkpoint";
import { ImageBatchSource } from "../data/pipeline/image-source";
import type { Manifest } from "../data/manifest/types";
import { openExperimentData, type DataLocations } from "./kit-data";
import { RESULT_FILES, readJson } from "./run-dir";
import type { ExperimentSpec } from "./spec";

export const BEST_WEIGHTS = "best.safetensors";

interface RunConfig {
  spec: ExperimentSpec;
  model: { options: ResolvedOptions };
}

function runConfig(runDir: string): RunConfig {
  const configFile = path.join(runDir, RESULT_FILES.config);
  for (const f of [configFile, path.join(runDir, BEST_WEIGHTS)]) {
    if (!fs.existsSync(f)) throw new Error(`${runDir}: ${path.basename(f)} not found (is it a finished run directory?)`);
  }
  const config = readJson<RunConfig>(configFile);
  if (!config.spec?.model || !config.model?.options) throw new Error(`${configFile}: missing spec.model or model.options`);
  return config;
}

/** The run's model with its best-on-validation weights. */
/**
 * A finished run's model with its best-validation weights, for inference (CAMs, predictions): batch-norm
 * is folded into the convolutions of `forwardFeatures` (src/models/fold-batch-norm), which gives the same
 * activations with fewer kernels.
 */
export function loadRunModel(runDir: string): KitModel {
  const config = runConfig(runDir);
  const kit = createModel(config.spec.model, config.model.options);
  const weightsFile = path.join(runDir, BEST_WEIGHTS);
  try {
    restoreWeights(kit.model, loadCheckpoint(weightsFile), weightsFile);
  } catch (e) {
    kit.dispose();
    throw e;
  }
  return withFoldedFeatures(kit);
}

/**
 * The run's architecture with freshly initialised weights and no checkpoint: the model randomisation
 * test's "random model". Its init seed is derived from the run's own, so it differs from the weights
 * training started from (an explanation could otherwise still echo the shared initialisation).
 */
export function reinitialisedRunModel(runDir: string): KitModel {
  const { spec, model } = runConfig(runDir);
  const kit = createModel(spec.model, { ...model.options, weightInit: "random", seed: deriveSeed(model.options.seed, "model-randomisation") });
  return withFoldedFeatures(kit);
}

export interface RunTestData {
  spec: ExperimentSpec;
  /** The run's test images, in split order, scaled as the run was trained. */
  test: ImageBatchSource;
  /** The manifest the test rows index (masks, magnifications, paths). */
  manifest: Manifest;
}

/** The test part of a run's data, from the split file the run was trained with. */
export async function openRunTestData(runDir: string, where?: DataLocations): Promise<RunTestData> {
  const { spec } = runConfig(runDir);
  const data = await openExperimentData(spec, where);
  if (!(data.test instanceof ImageBatchSource)) throw new Error(`${runDir}: the run's test data is not an image source`);
  return { spec, test: data.test, manifest: data.test.cache.manifest };
}
