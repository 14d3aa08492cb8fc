/**
 * ResNet50 as torchvision builds it (v1.5: the stride of a downsampling bottleneck sits on its 3x3
 * conv), in NHWC with PyTorch padding. Layer names are torchvision's module paths.
 */
import * as tf from "@tensorflow/tfjs";
import { add } from "./layers/add";
import type { ParamInit } from "./init";
import { chain, type Network } from "./kit-model";
import { batchNorm, conv, linear, maxPool, relu, scaled } from "./torch-ops";
import type { ModelDefaults, ResolvedOptions, WeightsSource } from "./types";

type T = tf.SymbolicTensor;

export const RESNET50_BLOCKS = [3, 4, 6, 3] as const;
const EXPANSION = 4;

export const RESNET50_WEIGHTS: WeightsSource = {
  repo: "timm/resnet50.tv_in1k",
  url: "https://huggingface.co/timm/resnet50.tv_in1k/resolve/main/model.safetensors",
  naming: "torchvision",
};

export const RESNET_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0, normalization: "paper" };

export interface TrunkHooks {
  /** Rewrites a bottleneck's residual branch before the addition (SE blocks). */
  residualBranch?: (branch: T, prefix: string, channels: number) => T;
  /** Rewrites a stage's output (the DALA attention module); `stage` is 1..4. */
  afterStage?: (x: T, stage: number, channels: number) => T;
}

function bottleneck(x: T, prefix: string, planes: number, stride: number, init: ParamInit, hooks: TrunkHooks): T {
  const inChannels = x.shape[3] as number;
  const outChannels = planes * EXPANSION;
  let out = relu(batchNorm(conv(x, `${prefix}.conv1`, { filters: planes, kernel: 1 }, init), `${prefix}.bn1`), `${prefix}.relu1`);
  out = relu(
    batchNorm(conv(out, `${prefix}.conv2`, { filters: planes, kernel: 3, stride, padding: 1 }, init), `${prefix}.bn2`),
    `${prefix}.relu2`,
  );
  out = batchNorm(conv(out, `${prefix}.conv3`, { filters: outChannels, kernel: 1 }, init), `${prefix}.bn3`);
  if (hooks.residualBranch) out = hooks.residualBranch(out, prefix, outChannels);
  let identity = x;
  if (stride !== 1 || inChannels !== outChannels) {
    identity = batchNorm(conv(x, `${prefix}.downsample.0`, { filters: outChannels, kernel: 1, stride }, init), `${prefix}.downsample.1`);
  }
  const sum = add({ name: `${prefix}.add` }).apply([out, identity]) as T;
  return relu(sum, `${prefix}.relu3`);
}

/** Stem + layer1..layer4; returns layer4's output (after any hooks). */
export function resnet50Trunk(input: T, widthMultiplier: number, init: ParamInit, hooks: TrunkHooks = {}): T {
  const w = (c: number) => scaled(c, widthMultiplier);
  let x = conv(input, "conv1", { filters: w(64), kernel: 7, stride: 2, padding: 3 }, init);
  x = relu(batchNorm(x, "bn1"), "relu");
  x = maxPool(x, "maxpool", 3, 2, 1);
  RESNET50_BLOCKS.forEach((blocks, i) => {
    const planes = w(64 * 2 ** i);
    for (let b = 0; b < blocks; b++) {
      x = bottleneck(x, `layer${i + 1}.${b}`, planes, b === 0 && i > 0 ? 2 : 1, init, hooks);
    }
    if (hooks.afterStage) x = hooks.afterStage(x, i + 1, planes * EXPANSION);
  });
  return x;
}

/**
 * The last layer of the ResNet50 trunk before stage `stage` (1..4): the frozen-trunk cut that leaves
 * stage `stage` onwards to train (`maxpool` before layer1, else the previous stage's last ReLU).
 */
export function resnet50StageInput(stage: number): string {
  if (!(Number.isInteger(stage) && stage >= 1 && stage <= 4)) throw new Error(`ResNet50 stage must be 1..4, got ${stage}`);
  return stage === 1 ? "maxpool" : `layer${stage - 1}.${RESNET50_BLOCKS[stage - 2] - 1}.relu3`;
}

/** Global average pooling + optional dropout + Linear(features, C), named as torchvision's `avgpool` / `fc`. */
export function poolDropoutLinear(channels: number, options: ResolvedOptions, init: ParamInit): { head: (x: T) => T; headLayers: string[] } {
  const layers: tf.layers.Layer[] = [tf.layers.globalAveragePooling2d({ name: "avgpool" })];
  if (options.dropout > 0) layers.push(tf.layers.dropout({ name: "dropout", rate: options.dropout }));
  layers.push(linear("fc", channels, options.numClasses, init));
  return { head: chain(layers), headLayers: ["fc"] };
}

export function buildResNet50(options: ResolvedOptions, init: ParamInit): Network {
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  const features = resnet50Trunk(input, options.widthMultiplier, init);
  return { input, features, ...poolDropoutLinear(features.shape[3] as number, options, init) };
}
