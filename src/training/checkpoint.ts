/**
 * Checkpoints as safetensors (written atomically, so a kill mid-write leaves the previous one intact):
 * every model weight in `model.weights` order (`model.0000`, ... including batch-norm statistics), the
 * Adam moments (`adam.m.0000`, `adam.v.0000`, ...) and, in the metadata, the trainer's position as JSON.
 * Weights are stored by position, not by tfjs name: tfjs numbers layer names per process, so the same
 * model built in another process (a resumed run) gets other names. Names are kept in the metadata only
 * to make mismatch errors readable.
 */
import * as tf from "@tensorflow/tfjs";
import { writeSafetensors, type NamedTensor, type TypedData } from "../io/safetensors";
import { readCheckpoint } from "../weights/read-checkpoint";
import type { AdamState } from "./adam";
import type { EpochRecord } from "./epoch-log";

export const CHECKPOINT_FORMAT = "dala-checkpoint/1";

/** Where a run stands after an epoch: with the weights and Adam state, everything a resume needs. */
export interface TrainerState {
  /** Epochs completed. */
  epochsDone: number;
  /** Forward/backward passes so far; seeds each pass's dropout. */
  microSteps: number;
  history: EpochRecord[];
  /** Hash of the training run's config; resuming under another config is refused. */
  configHash: string;
}

export interface Checkpoint {
  weights: { name: string; shape: number[]; data: Float32Array }[];
  adam?: AdamState;
  trainer?: TrainerState;
  metadata: Record<string, string>;
}

const pad = (i: number) => String(i).padStart(4, "0");

export async function saveCheckpoint(
  file: string,
  model: tf.LayersModel,
  extra: { adam?: AdamState; trainer?: TrainerState; metadata?: Record<string, string> } = {},
): Promise<void> {
  const tensors: Record<string, { shape: number[]; data: TypedData }> = {};
  const values = model.getWeights();
  const data = await Promise.all(values.map((v) => v.data() as Promise<Float32Array>));
  model.weights.forEach((w, i) => {
    tensors[`model.${pad(i)}`] = { shape: values[i].shape.slice(), data: data[i] };
  });
  extra.adam?.m.forEach((m, i) => (tensors[`adam.m.${pad(i)}`] = m));
  extra.adam?.v.forEach((v, i) => (tensors[`adam.v.${pad(i)}`] = v));
  const metadata: Record<string, string> = {
    ...extra.metadata,
    format: CHECKPOINT_FORMAT,
    weightNames: JSON.stringify(model.weights.map((w) => w.name)),
  };
  if (extra.adam) metadata.adamStep = String(extra.adam.step);
  if (extra.trainer) metadata.trainer = JSON.stringify(extra.trainer);
  writeSafetensors(file, tensors, metadata);
}

function float32(t: NamedTensor, file: string, key: string): Float32Array {
  if (!(t.data instanceof Float32Array)) throw new Error(`${file}: tensor '${key}' is ${t.dtype}, expected F32`);
  return t.data;
}

function series(tensors: Record<string, NamedTensor>, prefix: string, file: string) {
  const out: { shape: number[]; data: Float32Array }[] = [];
  for (let i = 0; tensors[`${prefix}${pad(i)}`]; i++) {
    const key = `${prefix}${pad(i)}`;
    out.push({ shape: tensors[key].shape, data: float32(tensors[key], file, key) });
  }
  return out;
}

export function loadCheckpoint(file: string): Checkpoint {
  const { tensors, metadata } = readCheckpoint(file);
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new Error(`${file}: not a kit checkpoint (format '${metadata.format ?? "none"}', expected '${CHECKPOINT_FORMAT}')`);
  }
  const names: string[] = JSON.parse(metadata.weightNames ?? "[]");
  const weights = series(tensors, "model.", file).map((w, i) => ({ name: names[i] ?? `#${i}`, ...w }));
  const m = series(tensors, "adam.m.", file);
  const v = series(tensors, "adam.v.", file);
  return {
    weights,
    adam: metadata.adamStep !== undefined ? { step: Number(metadata.adamStep), m, v } : undefined,
    trainer: metadata.trainer ? (JSON.parse(metadata.trainer) as TrainerState) : undefined,
    metadata,
  };
}

/** Puts a checkpoint's weights into the model; any count or shape mismatch is an error naming the weight. */
export function restoreWeights(model: tf.LayersModel, ckpt: Pick<Checkpoint, "weights">, file: string): void {
  const targets = model.weights;
  if (targets.length !== ckpt.weights.length) {
    throw new Error(`${file}: checkpoint has ${ckpt.weights.length} weights, the model has ${targets.length}`);
  }
  targets.forEach((w, i) => {
    const saved = ckpt.weights[i];
    if (saved.shape.join(",") !== w.shape.join(",")) {
      throw new Error(`${file}: weight ${i} ('${saved.name}') has shape [${saved.shape}], the model's '${w.name}' has [${w.shape}]`);
    }
  });
  const tensors = ckpt.weights.map((w) => tf.tensor(w.data, w.shape, "float32"));
  model.setWeights(tensors);
  tf.dispose(tensors);
}
