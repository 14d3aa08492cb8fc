/**
 * The training runs shared by the trainer tests and the child process that the resume tests kill: a tiny
 * one, and one at the paper's scale (full-width DALAResNet50 at 224 px, micro-batches, Adam state of the
 * real size) for the kill-and-resume test of the paper profile.
 */
import { train, type TrainOptions } from "../../src/training/trainer";
import { createModel } from "../../src/models/registry";
import { trainingConfigFromProfile } from "../../src/training/config";
import { getProfile } from "../../src/profiles";
import { MemorySource, tinyModel } from "./fakes";

export const SCENARIO_EPOCHS = 4;

export function scenarioConfig(seed = 3) {
  return trainingConfigFromProfile(getProfile("ci"), {
    epochs: SCENARIO_EPOCHS,
    batchSize: 8,
    microBatchSize: 4,
    evalBatchSize: 16,
    seed,
    optimizer: { name: "adam", learningRate: 1e-2, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
  });
}

export function runScenario(runDir: string, extra: Partial<TrainOptions> = {}, seed = 3) {
  return train({
    model: tinyModel({ classes: 3, dropout: 0.25 }),
    train: new MemorySource(36, 3, 8, 11),
    val: new MemorySource(12, 3, 8, 12),
    config: scenarioConfig(seed),
    runDir,
    progress: false,
    ...extra,
  });
}

export const FULL_WIDTH_EPOCHS = 3;

/** Epochs of 16 images as one optimizer step of two micro-batches of 8, the paper profile's shape on wasm. */
export function runFullWidthScenario(runDir: string, extra: Partial<TrainOptions> = {}) {
  const kit = createModel("dala_resnet50", { numClasses: 2, inputSize: 224, seed: 3, dropout: 0.25 });
  return train({
    model: kit.model,
    train: new MemorySource(16, 2, 224, 11),
    val: new MemorySource(8, 2, 224, 12),
    config: trainingConfigFromProfile(getProfile("paper-smoke"), { epochs: FULL_WIDTH_EPOCHS, batchSize: 16, microBatchSize: 8, evalBatchSize: 8, seed: 3 }),
    runDir,
    progress: false,
    ...extra,
  });
}
