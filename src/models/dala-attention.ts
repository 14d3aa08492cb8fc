/**
 * The paper's lightweight dual-activation attention (Section III): global average pooling ->
 * Linear(C, C/r) -> LeakyReLU(0.01) -> Linear(C/r, C) -> ReLU -> channel-wise product with the map.
 * Unlike SE the gate is a ReLU, not a sigmoid, so channels can be amplified as well as damped.
 */
import * as tf from "@tensorflow/tfjs";
import type { ParamInit } from "./init";
import { linear } from "./torch-ops";

type T = tf.SymbolicTensor;

export function attentionHidden(channels: number, reduction: number): number {
  return Math.max(1, Math.floor(channels / reduction));
}

/** Applies the module to x; the returned tensor comes from the layer named `name` (the CAM layer). */
export function dalaAttention(x: T, name: string, reduction: number, init: ParamInit): T {
  const channels = x.shape[3] as number;
  const hidden = attentionHidden(channels, reduction);
  let w = tf.layers.globalAveragePooling2d({ name: `${name}.pool` }).apply(x) as T;
  w = linear(`${name}.fc1`, channels, hidden, init).apply(w) as T;
  w = tf.layers.leakyReLU({ name: `${name}.act1`, alpha: 0.01 }).apply(w) as T;
  w = linear(`${name}.fc2`, hidden, channels, init).apply(w) as T;
  w = tf.layers.reLU({ name: `${name}.act2` }).apply(w) as T;
  w = tf.layers.reshape({ name: `${name}.reshape`, targetShape: [1, 1, channels] }).apply(w) as T;
  return tf.layers.multiply({ name }).apply([x, w]) as T;
}
