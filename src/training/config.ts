/**
 * The training protocol as data. Everything that can change a trained model's numbers is a field here,
 * so it is hashed into the experiment key and written into the run's config.json.
 *
 * The paper gives: Adam, learning rate 1e-4, batch 32, 50 epochs, dropout 0.25 (a model setting),
 * random rotation + horizontal flip, shuffled training data. It names neither optimizer nor loss; Adam
 * with PyTorch's defaults and cross-entropy on logits are the usual reading and are recorded as such.
 */
import type { Profile } from "../profiles";
import { PYTORCH_ADAM_DEFAULTS, type AdamConfig } from "./adam";

export interface TrainingConfig {
  epochs: number;
  /** Examples per optimizer step. */
  batchSize: number;
  /**
   * Examples per forward/backward pass; must divide batchSize. Smaller than batchSize means gradient
   * accumulation (exactly equivalent without batch norm; see gradient-accumulator.ts).
   */
  microBatchSize: number;
  /** Batch size for validation and test passes (no gradients; does not change results). */
  evalBatchSize: number;
  optimizer: { name: "adam" } & AdamConfig;
  loss: "cross-entropy";
  /** The paper's augmentation (random rotation + horizontal flip) on training batches. */
  augment: boolean;
  /** Reshuffle the training set every epoch. */
  shuffle: boolean;
  /** Seeds shuffling, augmentation and dropout (model weight init is seeded by the model's own config). */
  seed: number;
  /** Which checkpoint is "best": lowest validation loss (ties: the earlier epoch). */
  selectBy: "val-loss";
}

export function trainingConfigFromProfile(profile: Profile, overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  const config: TrainingConfig = {
    epochs: profile.epochs,
    batchSize: profile.batchSize,
    microBatchSize: profile.batchSize,
    evalBatchSize: profile.batchSize,
    optimizer: { name: "adam", learningRate: profile.learningRate, ...PYTORCH_ADAM_DEFAULTS },
    loss: "cross-entropy",
    augment: true,
    shuffle: true,
    seed: profile.seeds[0],
    selectBy: "val-loss",
    ...overrides,
  };
  validateTrainingConfig(config);
  return config;
}

function positiveInt(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

/** Throws naming the first bad field. */
export function validateTrainingConfig(c: TrainingConfig): void {
  for (const key of ["epochs", "batchSize", "microBatchSize", "evalBatchSize"] as const) {
    if (!positiveInt(c[key])) throw new Error(`training config: ${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.batchSize % c.microBatchSize !== 0) {
    throw new Error(`training config: microBatchSize ${c.microBatchSize} must divide batchSize ${c.batchSize}`);
  }
  if (c.optimizer?.name !== "adam") throw new Error(`training config: optimizer.name must be 'adam', got ${c.optimizer?.name}`);
  if (!(c.optimizer.learningRate > 0)) throw new Error(`training config: optimizer.learningRate must be > 0, got ${c.optimizer.learningRate}`);
  if (c.loss !== "cross-entropy") throw new Error(`training config: loss must be 'cross-entropy', got ${c.loss}`);
  if (!Number.isInteger(c.seed) || c.seed < 0) throw new Error(`training config: seed must be a non-negative integer, got ${c.seed}`);
  if (c.selectBy !== "val-loss") throw new Error(`training config: selectBy must be 'val-loss', got ${c.selectBy}`);
}
