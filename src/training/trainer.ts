/**
 * The training loop: Adam on cross-entropy with gradient accumulation, a validation pass per epoch,
 * `log.jsonl`, a progress line, and checkpoints (`best.safetensors` on the lowest validation loss,
 * `last.safetensors` after every epoch) from which `resume` continues a killed run to the very weights an
 * uninterrupted run reaches. That holds because every source of randomness is derived from the run's
 * seed and its position (epoch for shuffling and augmentation, pass number for dropout; see random.ts),
 * the Adam state is restored exactly (adam.ts), and an epoch is the unit of work: a run killed mid-epoch
 * redoes that epoch from the last checkpoint.
 *
 * Takes any tf.LayersModel mapping NHWC images to logits. Weight initialisation is the model's business
 * (seeded by the model's own config).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as tf from "@tensorflow/tfjs";
import type { BatchSource } from "../data/batch-source";
import { configHash } from "../config-hash";
import { Adam } from "./adam";
import { loadCheckpoint, restoreWeights, saveCheckpoint, type TrainerState } from "./checkpoint";
import { validateTrainingConfig, type TrainingConfig } from "./config";
import { convergence, type Convergence } from "./convergence";
import { appendJsonl, writeJsonl, type EpochRecord } from "./epoch-log";
import { GradientAccumulator, trainableVariables } from "./gradient-accumulator";
import { predict, type Predictions } from "./predict";
import { Progress, type ProgressOptions } from "./progress";
import { deriveSeed } from "../random";
import { seededRandomLayers, withStepRandomness } from "./step-randomness";

export const RUN_FILES = { log: "log.jsonl", last: "last.safetensors", best: "best.safetensors" } as const;

export interface TrainOptions {
  model: tf.LayersModel;
  /**
   * The model whose weights checkpoints hold and resume restores (default: `model`): a network that
   * contains `model`'s layers, when `model` is the trainable part of it (the frozen-trunk tail), so
   * that checkpoints always hold the whole network.
   */
  checkpointModel?: tf.LayersModel;
  train: BatchSource;
  val: BatchSource;
  config: TrainingConfig;
  /** Directory for log.jsonl and the checkpoints (created if missing). */
  runDir: string;
  /** Continue from `last.safetensors` if present; otherwise a fresh start that discards earlier files. */
  resume?: boolean;
  /** Extra validation metrics per epoch (accuracy and loss are always recorded). */
  validationMetrics?: (p: Predictions) => Record<string, number>;
  /** Progress-line options; `false` silences it. */
  progress?: ProgressOptions | false;
  /** String metadata stored in every checkpoint (e.g. provenance JSON). */
  checkpointMetadata?: Record<string, string>;
  onEpochEnd?: (record: EpochRecord) => void | Promise<void>;
  /** Status messages, e.g. what a resume reuses (default: none). */
  log?: (message: string) => void;
  /** Called after each forward/backward pass (position for tests and monitors). */
  onMicroBatch?: (info: { epoch: number; microSteps: number; imagesDone: number }) => void | Promise<void>;
  now?: () => number;
}

export interface TrainResult {
  history: EpochRecord[];
  convergence: Convergence;
  /** Epochs that were already done when this call started (0 for a fresh run). */
  resumedAfterEpoch: number;
  files: { log: string; last: string; best: string };
}

function hasBatchNorm(model: tf.LayersModel): boolean {
  const visit = (layers: tf.layers.Layer[]): boolean =>
    layers.some((l) => l.getClassName() === "BatchNormalization" || visit((l as unknown as { layers?: tf.layers.Layer[] }).layers ?? []));
  return visit(model.layers);
}

function freshState(hash: string): TrainerState {
  return { epochsDone: 0, microSteps: 0, history: [], configHash: hash };
}

export async function train(opts: TrainOptions): Promise<TrainResult> {
  const { model, config } = opts;
  const saved = opts.checkpointModel ?? model;
  validateTrainingConfig(config);
  if (opts.train.numClasses !== opts.val.numClasses) {
    throw new Error(`train: training data has ${opts.train.numClasses} classes, validation data ${opts.val.numClasses}`);
  }
  const now = opts.now ?? (() => performance.now());
  fs.mkdirSync(opts.runDir, { recursive: true });
  const files = {
    log: path.join(opts.runDir, RUN_FILES.log),
    last: path.join(opts.runDir, RUN_FILES.last),
    best: path.join(opts.runDir, RUN_FILES.best),
  };
  const hash = configHash(config);
  const variables = trainableVariables(model);
  const adam = new Adam(config.optimizer, variables);
  let state = freshState(hash);

  if (opts.resume && fs.existsSync(files.last)) {
    const ckpt = loadCheckpoint(files.last);
    if (!ckpt.trainer || !ckpt.adam) throw new Error(`${files.last}: checkpoint lacks the trainer or optimizer state; cannot resume`);
    if (ckpt.trainer.configHash !== hash) {
      throw new Error(`${files.last}: written under training config ${ckpt.trainer.configHash}, this run's is ${hash}; refusing to resume`);
    }
    restoreWeights(saved, ckpt, files.last);
    adam.load(ckpt.adam);
    state = ckpt.trainer;
    // The log may hold an epoch whose checkpoint was never written (killed in between): the checkpoint wins.
    writeJsonl(files.log, state.history);
    opts.log?.(`resuming after epoch ${state.epochsDone} of ${config.epochs}: ${state.epochsDone} epoch(s) reused from ${files.last}`);
  } else {
    for (const f of Object.values(files)) fs.rmSync(f, { force: true });
  }
  const resumedAfterEpoch = state.epochsDone;

  const randomLayers = seededRandomLayers(model);
  if (config.microBatchSize < config.batchSize && hasBatchNorm(model)) {
    process.stderr.write(
      `[dala] note: gradient accumulation (${config.batchSize / config.microBatchSize} x ${config.microBatchSize}) with batch norm: ` +
        `statistics come from each micro-batch of ${config.microBatchSize}, so results differ from a true batch of ${config.batchSize}\n`,
    );
  }
  const stepsPerUpdate = config.batchSize / config.microBatchSize;
  const progress = opts.progress === false ? undefined : new Progress(config.epochs, opts.train.length, opts.progress);
  let bestValLoss = Math.min(Infinity, ...state.history.map((h) => h.valLoss).filter(Number.isFinite));

  let warnedUnused = false;
  try {
    for (let epoch = state.epochsDone + 1; epoch <= config.epochs; epoch++) {
      const start = now();
      progress?.startEpoch(epoch);
      const accumulator = new GradientAccumulator(model, variables);
      let passes = 0;
      let images = 0;
      let lossSum = 0;
      let correct = 0;
      const applyUpdate = () => {
        const grads = accumulator.take();
        adam.apply(grads);
        grads.forEach((g) => g?.dispose());
        if (accumulator.unused.size && !warnedUnused) {
          warnedUnused = true;
          console.error(`[dala] train: no gradient reaches ${[...accumulator.unused].join(", ")}; left unchanged (as PyTorch leaves parameters whose grad is None)`);
        }
      };
      const batches = opts.train.batches({
        batchSize: config.microBatchSize,
        shuffleSeed: config.shuffle ? deriveSeed(config.seed, "shuffle", epoch) : undefined,
        augment: config.augment,
        augmentSeed: deriveSeed(config.seed, "augment", epoch),
      });
      for await (const batch of batches) {
        const passSeed = deriveSeed(config.seed, "pass", state.microSteps);
        const r = withStepRandomness(randomLayers, passSeed, () => accumulator.add(batch.x, batch.labels));
        batch.x.dispose();
        state.microSteps += 1;
        passes += 1;
        images += batch.labels.length;
        r.losses.forEach((l) => (lossSum += l));
        r.predictions.forEach((p, i) => (correct += p === batch.labels[i] ? 1 : 0));
        if (passes % stepsPerUpdate === 0) applyUpdate();
        progress?.update(images, lossSum / images);
        await opts.onMicroBatch?.({ epoch, microSteps: state.microSteps, imagesDone: images });
      }
      if (accumulator.examples > 0) applyUpdate();
      if (images === 0) throw new Error("train: the training source yielded no images");

      const val = await predict(model, opts.val, config.evalBatchSize);
      const epochSeconds = (now() - start) / 1000;
      const isBest = Number.isFinite(val.loss) && val.loss < bestValLoss;
      if (isBest) {
        bestValLoss = val.loss;
        saveCheckpoint(files.best, saved, { metadata: { ...opts.checkpointMetadata, epoch: String(epoch), valLoss: String(val.loss) } });
      }
      let valCorrect = 0;
      val.predictions.forEach((p, i) => (valCorrect += p === val.labels[i] ? 1 : 0));
      const previousSeconds = state.history.length ? state.history[state.history.length - 1].trainingSeconds : 0;
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / images,
        trainAccuracy: correct / images,
        valLoss: val.loss,
        valAccuracy: val.labels.length ? valCorrect / val.labels.length : NaN,
        valMetrics: opts.validationMetrics ? opts.validationMetrics(val) : {},
        step: adam.step,
        images,
        imagesPerSecond: images / epochSeconds,
        epochSeconds,
        trainingSeconds: previousSeconds + epochSeconds,
        best: isBest,
        finishedAt: new Date().toISOString(),
      };
      state.history.push(record);
      state.epochsDone = epoch;
      // Log first, checkpoint second: a kill in between leaves a log line that resume drops and redoes.
      appendJsonl(files.log, record);
      saveCheckpoint(files.last, saved, {
        adam: adam.state(),
        trainer: state,
        metadata: { ...opts.checkpointMetadata, epoch: String(epoch) },
      });
      progress?.endEpoch(
        `epoch ${epoch}/${config.epochs} train loss ${record.trainLoss.toFixed(4)} acc ${record.trainAccuracy.toFixed(3)} | ` +
          `val loss ${record.valLoss.toFixed(4)} acc ${record.valAccuracy.toFixed(3)}${isBest ? " (best)" : ""} | ` +
          `${epochSeconds.toFixed(1)} s, ${record.imagesPerSecond.toFixed(1)} img/s`,
        epochSeconds,
      );
      await opts.onEpochEnd?.(record);
    }
  } finally {
    adam.dispose();
  }
  return { history: state.history, convergence: convergence(state.history), resumedAfterEpoch, files };
}
