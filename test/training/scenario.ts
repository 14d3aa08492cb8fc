/** The tiny training run shared by the trainer tests and the child process that the resume test kills. */
import { train, type TrainOptions } from "../../src/training/trainer";
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
