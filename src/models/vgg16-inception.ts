/**
 * VGG16Inception (VGGIN-Net) as its authors' code builds it (SainiManisha/VGGIN-Net, vgginnet.py):
 * VGG16's convolutions up to block4_pool (ImageNet weights; frozen there, trainable here like every
 * other backbone in the kit), a naive inception block on the
 * 14x14x512 map (1x1x64, 3x3x128, 5x5x32 convs with ReLU and a 3x3 stride-1 max-pool, all 'same',
 * concatenated to 736 channels), BatchNorm, Flatten, Dropout 0.4, Dense(C). That is 8,959,138
 * parameters for 2 classes in Keras counting; no natural configuration gives the paper's 38,139,938.
 * The inception block has no published weights and starts fresh.
 */
import * as tf from "@tensorflow/tfjs";
import type { ParamInit } from "./init";
import { chain, type Network } from "./kit-model";
import { linear, scaled } from "./torch-ops";
import { batchNormalization } from "./layers/batch-norm";
import { VGG16_CFG, VGG16_WEIGHTS, vggFeatures } from "./vgg16";
import type { ModelDefaults, ResolvedOptions, WeightsSource } from "./types";

type T = tf.SymbolicTensor;

export const VGGIN_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0.4, normalization: "paper" };
export const VGGIN_WEIGHTS: WeightsSource = {
  ...VGG16_WEIGHTS,
  note: "only VGG16's first 10 convolutions are published weights; the inception block, BatchNorm and classifier start fresh",
  unused: [/^features\.(2[3-9]|30)\./, /^classifier\./],
};

/** Keras Conv2D 'same' + ReLU, as the VGGIN-Net code writes it. */
function kerasConv(x: T, name: string, filters: number, kernel: number, init: ParamInit): T {
  const fanIn = (x.shape[3] as number) * kernel * kernel;
  return tf.layers
    .conv2d({ name, filters, kernelSize: kernel, padding: "same", activation: "relu", kernelInitializer: init.conv(), biasInitializer: init.bias(fanIn) })
    .apply(x) as T;
}

export function buildVGG16Inception(options: ResolvedOptions, init: ParamInit): Network {
  const w = (c: number) => scaled(c, options.widthMultiplier);
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  // Through block4_pool: torchvision features.0 .. features.23.
  const trunk = vggFeatures(input, VGG16_CFG.slice(0, 14), options.widthMultiplier, init);
  const branches = [
    kerasConv(trunk, "inception.conv1x1", w(64), 1, init),
    kerasConv(trunk, "inception.conv3x3", w(128), 3, init),
    kerasConv(trunk, "inception.conv5x5", w(32), 5, init),
    tf.layers.maxPooling2d({ name: "inception.pool", poolSize: 3, strides: 1, padding: "same" }).apply(trunk) as T,
  ];
  const features = tf.layers.concatenate({ name: "inception" }).apply(branches) as T;
  const flat = (features.shape[1] as number) * (features.shape[2] as number) * (features.shape[3] as number);
  const head = chain([
    // Keras BatchNormalization defaults (eps 1e-3, momentum 0.99), as the authors' code uses them.
    batchNormalization({ name: "batch_norm" }),
    tf.layers.flatten({ name: "flatten" }),
    tf.layers.dropout({ name: "dropout", rate: options.dropout }),
    linear("classifier", flat, options.numClasses, init),
  ]);
  return {
    input,
    features,
    head,
    headLayers: ["batch_norm", "classifier"],
    newLayers: ["inception.conv1x1", "inception.conv3x3", "inception.conv5x5"],
  };
}
