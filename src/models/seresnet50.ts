/**
 * SEResNet50 as the paper's counts fit it: torchvision ResNet50 with a squeeze-and-excitation block
 * (r = 16, Linear layers without bias, ReLU then sigmoid) on every bottleneck's residual branch before
 * the addition, and a head Linear(2048, 512) -> ReLU -> Dropout -> Linear(512, C).
 * Bias-free SE blocks have no published weights: the trunk starts from torchvision's ResNet50 and the
 * SE blocks and head start fresh.
 */
import * as tf from "@tensorflow/tfjs";
import type { ParamInit } from "./init";
import { chain, type Network } from "./kit-model";
import { RESNET50_WEIGHTS, resnet50Trunk } from "./resnet";
import { linear } from "./torch-ops";
import type { ModelDefaults, ResolvedOptions, WeightsSource } from "./types";

type T = tf.SymbolicTensor;

export const SERESNET_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0.25, normalization: "paper" };
export const SERESNET50_WEIGHTS: WeightsSource = {
  ...RESNET50_WEIGHTS,
  note: "the trunk is torchvision's ResNet50; the bias-free SE blocks (no published weights) and the head start fresh",
  // The ImageNet classifier \`fc\` has no counterpart in this head (fc.0 / fc.3).
  unused: [/^fc\.(weight|bias)$/],
};

function squeezeExcite(x: T, name: string, reduction: number, init: ParamInit, created: string[]): T {
  const channels = x.shape[3] as number;
  const hidden = Math.max(1, Math.floor(channels / reduction));
  let w = tf.layers.globalAveragePooling2d({ name: `${name}.pool` }).apply(x) as T;
  w = linear(`${name}.fc1`, channels, hidden, init, false).apply(w) as T;
  w = tf.layers.reLU({ name: `${name}.relu` }).apply(w) as T;
  w = linear(`${name}.fc2`, hidden, channels, init, false).apply(w) as T;
  w = tf.layers.activation({ name: `${name}.sigmoid`, activation: "sigmoid" }).apply(w) as T;
  w = tf.layers.reshape({ name: `${name}.reshape`, targetShape: [1, 1, channels] }).apply(w) as T;
  created.push(`${name}.fc1`, `${name}.fc2`);
  return tf.layers.multiply({ name: `${name}.scale` }).apply([x, w]) as T;
}

export function buildSEResNet50(options: ResolvedOptions, init: ParamInit): Network {
  const reduction = options.reduction ?? 16;
  const seLayers: string[] = [];
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  const features = resnet50Trunk(input, options.widthMultiplier, init, {
    residualBranch: (branch, prefix) => squeezeExcite(branch, `${prefix}.se`, reduction, init, seLayers),
  });
  const channels = features.shape[3] as number;
  const hidden = Math.max(1, Math.round(512 * options.widthMultiplier));
  const head = chain([
    tf.layers.globalAveragePooling2d({ name: "avgpool" }),
    linear("fc.0", channels, hidden, init),
    tf.layers.reLU({ name: "fc.1" }),
    tf.layers.dropout({ name: "fc.2", rate: options.dropout }),
    linear("fc.3", hidden, options.numClasses, init),
  ]);
  return { input, features, head, headLayers: ["fc.0", "fc.3"], newLayers: seLayers };
}
