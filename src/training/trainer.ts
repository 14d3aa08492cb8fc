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
import { trainingPass } from "./step-memory";
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

type RunFiles = TrainResult["files"];

/** What one call of `train` works with across its epochs. */
interface TrainingRun {
  opts: TrainOptions;
  config: TrainingConfig;
  /** The network checkpoints hold. */
  saved: tf.LayersModel;
  files: RunFiles;
  adam: Adam;
  variables: ReturnType<typeof trainableVariables>;
  randomLayers: ReturnType<typeof seededRandomLayers>;
  state: TrainerState;
  progress?: Progress;
  bestValLoss: number;
  warnedUnused: boolean;
  now: () => number;
}

/** The checkpoint's state when resuming (an error if it belongs to another config), else a clean directory. */
function startOrResume(opts: TrainOptions, files: RunFiles, hash: string, adam: Adam, saved: tf.LayersModel): TrainerState {
  if (!(opts.resume && fs.existsSync(files.last))) {
    for (const f of Object.values(files)) fs.rmSync(f, { force: true });
    return freshState(hash);
  }
  const ckpt = loadCheckpoint(files.last);
  if (!ckpt.trainer || !ckpt.adam) throw new Error(`${files.last}: checkpoint lacks the trainer or optimizer state; cannot resume`);
  if (ckpt.trainer.configHash !== hash) {
    throw new Error(`${files.last}: written under training config ${ckpt.trainer.configHash}, this run's is ${hash}; refusing to resume`);
  }
  restoreWeights(saved, ckpt, files.last);
  adam.load(ckpt.adam);
  const state = ckpt.trainer;
  // The log may hold an epoch whose checkpoint was never written (killed in between): the checkpoint wins.
  writeJsonl(files.log, state.history);
  opts.log?.(`resuming after epoch ${state.epochsDone} of ${opts.config.epochs}: ${state.epochsDone} epoch(s) reused from ${files.last}`);
  return state;
}

function warnAboutBatchNormAccumulation(model: tf.LayersModel, config: TrainingConfig): void {
  if (config.microBatchSize < config.batchSize && hasBatchNorm(model)) {
    process.stderr.write(
      `[dala] note: gradient accumulation (${config.batchSize / config.microBatchSize} x ${config.microBatchSize}) with batch norm: ` +
        `statistics come from each micro-batch of ${config.microBatchSize}, so results differ from a true batch of ${config.batchSize}\n`,
    );
  }
}

/** The optimizer step on the accumulated gradients. */
function applyUpdate(run: TrainingRun, accumulator: GradientAccumulator): void {
  const grads = accumulator.take();
  run.adam.apply(grads);
  grads.forEach((g) => g?.dispose());
  if (accumulator.unused.size && !run.warnedUnused) {
    run.warnedUnused = true;
    console.error(`[dala] train: no gradient reaches ${[...accumulator.unused].join(", ")}; left unchanged (as PyTorch leaves parameters whose grad is None)`);
  }
}

/** One pass over the training data: forward/backward per micro-batch, an update every `batchSize` examples. */
async function trainEpoch(run: TrainingRun, epoch: number): Promise<{ images: number; lossSum: number; correct: number }> {
  const { opts, config, state } = run;
  const accumulator = new GradientAccumulator(opts.model, run.variables);
  const stepsPerUpdate = config.batchSize / config.microBatchSize;
  let passes = 0;
  let images = 0;
  let lossSum = 0;
  let correct = 0;
  const batches = opts.train.batches({
    batchSize: config.microBatchSize,
    shuffleSeed: config.shuffle ? deriveSeed(config.seed, "shuffle", epoch) : undefined,
    augment: config.augment,
    augmentSeed: deriveSeed(config.seed, "augment", epoch),
  });
  for await (const batch of batches) {
    const passSeed = deriveSeed(config.seed, "pass", state.microSteps);
    const r = await trainingPass(() => withStepRandomness(run.randomLayers, passSeed, () => accumulator.add(batch.x, batch.labels)), batch.x.shape);
    batch.x.dispose();
    state.microSteps += 1;
    passes += 1;
    images += batch.labels.length;
    r.losses.forEach((l) => (lossSum += l));
    r.predictions.forEach((p, i) => (correct += p === batch.labels[i] ? 1 : 0));
    if (passes % stepsPerUpdate === 0) applyUpdate(run, accumulator);
    run.progress?.update(images, lossSum / images);
    await opts.onMicroBatch?.({ epoch, microSteps: state.microSteps, imagesDone: images });
  }
  if (accumulator.examples > 0) applyUpdate(run, accumulator);
  if (images === 0) throw new Error("train: the training source yielded no images");
  return { images, lossSum, correct };
}

/** Validation, the best checkpoint, the log line and the last checkpoint (in that order) of a finished epoch. */
async function endEpoch(run: TrainingRun, epoch: number, trained: { images: number; lossSum: number; correct: number }, start: number): Promise<EpochRecord> {
  const { opts, config, state, files, saved } = run;
  const val = await predict(opts.model, opts.val, config.evalBatchSize);
  const epochSeconds = (run.now() - start) / 1000;
  const isBest = Number.isFinite(val.loss) && val.loss < run.bestValLoss;
  if (isBest) {
    run.bestValLoss = val.loss;
    await saveCheckpoint(files.best, saved, { metadata: { ...opts.checkpointMetadata, epoch: String(epoch), valLoss: String(val.loss) } });
  }
  let valCorrect = 0;
  val.predictions.forEach((p, i) => (valCorrect += p === val.labels[i] ? 1 : 0));
  const previousSeconds = state.history.length ? state.history[state.history.length - 1].trainingSeconds : 0;
  const { images } = trained;
  const record: EpochRecord = {
    epoch,
    trainLoss: trained.lossSum / images,
    trainAccuracy: trained.correct / images,
    valLoss: val.loss,
    valAccuracy: val.labels.length ? valCorrect / val.labels.length : NaN,
    valMetrics: opts.validationMetrics ? opts.validationMetrics(val) : {},
    step: run.adam.step,
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
  await saveCheckpoint(files.last, saved, { adam: await run.adam.state(), trainer: state, metadata: { ...opts.checkpointMetadata, epoch: String(epoch) } });
  run.progress?.endEpoch(
    `epoch ${epoch}/${config.epochs} train loss ${record.trainLoss.toFixed(4)} acc ${record.trainAccuracy.toFixed(3)} | ` +
      `val loss ${record.valLoss.toFixed(4)} acc ${record.valAccuracy.toFixed(3)}${isBest ? " (best)" : ""} | ` +
      `${epochSeconds.toFixed(1)} s, ${record.imagesPerSecond.toFixed(1)} img/s`,
    epochSeconds,
  );
  return record;
}

export async function train(opts: TrainOptions): Promise<TrainResult> {
  const { model, config } = opts;
  validateTrainingConfig(config);
  if (opts.train.numClasses !== opts.val.numClasses) {
    throw new Error(`train: training data has ${opts.train.numClasses} classes, validation data ${opts.val.numClasses}`);
  }
  fs.mkdirSync(opts.runDir, { recursive: true });
  const files: RunFiles = {
    log: path.join(opts.runDir, RUN_FILES.log),
    last: path.join(opts.runDir, RUN_FILES.last),
    best: path.join(opts.runDir, RUN_FILES.best),
  };
  const saved = opts.checkpointModel ?? model;
  const variables = trainableVariables(model);
  const adam = new Adam(config.optimizer, variables);
  try {
    const state = startOrResume(opts, files, configHash(config), adam, saved);
    const resumedAfterEpoch = state.epochsDone;
    warnAboutBatchNormAccumulation(model, config);
    const run: TrainingRun = {
      opts,
      config,
      saved,
      files,
      adam,
      variables,
      randomLayers: seededRandomLayers(model),
      state,
      progress: opts.progress === false ? undefined : new Progress(config.epochs, opts.train.length, opts.progress),
      bestValLoss: Math.min(Infinity, ...state.history.map((h) => h.valLoss).filter(Number.isFinite)),
      warnedUnused: false,
      now: opts.now ?? (() => performance.now()),
    };
    for (let epoch = state.epochsDone + 1; epoch <= config.epochs; epoch++) {
      const start = run.now();
      run.progress?.startEpoch(epoch);
      const trained = await trainEpoch(run, epoch);
      const record = await endEpoch(run, epoch, trained, start);
      await opts.onEpochEnd?.(record);
    }
    return { history: state.history, convergence: convergence(state.history), resumedAfterEpoch, files };
  } finally {
    adam.dispose();
  }
}
