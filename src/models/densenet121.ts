/**
 * DenseNet121 as torchvision builds it (growth 32, blocks 6/12/24/16, bottleneck 4x, transitions
 * halving the channels), CAM layer = the ReLU after `features.norm5`.
 * - `densenet121`: the working model, classifier Linear(1024, C).
 * - `densenet121_paper`: what the paper's parameter count shows its code built: torchvision's
 *   1000-class classifier left in place (so the network emits 1000 logits) plus a 2048-512-C head that
 *   is created but never called. Kept to reproduce Tables 9-10, not for training.
 */
import * as tf from "@tensorflow/tfjs";
import type { ParamInit } from "./init";
import { chain, type Network } from "./kit-model";
import { batchNorm, conv, linear, maxPool, relu, scaled } from "./torch-ops";
import type { ModelDefaults, ResolvedOptions, WeightsSource } from "./types";

type T = tf.SymbolicTensor;

const BLOCKS = [6, 12, 24, 16] as const;
const GROWTH = 32;
const BN_SIZE = 4;
const INIT_FEATURES = 64;

export const DENSENET_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0, normalization: "paper" };
export const DENSENET121_WEIGHTS: WeightsSource = {
  repo: "timm/densenet121.tv_in1k",
  url: "https://huggingface.co/timm/densenet121.tv_in1k/resolve/main/model.safetensors",
  naming: "torchvision",
};

function denseLayer(inputs: T[], prefix: string, growth: number, init: ParamInit): T {
  // A copy: the caller keeps appending to `inputs`, and tfjs keeps the array it was given.
  const x = inputs.length === 1 ? inputs[0] : (tf.layers.concatenate({ name: `${prefix}.cat` }).apply([...inputs]) as T);
  let y = relu(batchNorm(x, `${prefix}.norm1`), `${prefix}.relu1`);
  y = conv(y, `${prefix}.conv1`, { filters: BN_SIZE * growth, kernel: 1 }, init);
  y = relu(batchNorm(y, `${prefix}.norm2`), `${prefix}.relu2`);
  return conv(y, `${prefix}.conv2`, { filters: growth, kernel: 3, padding: 1 }, init);
}

/** torchvision's `features` followed by the functional ReLU of its forward(). */
function densenet121Features(input: T, widthMultiplier: number, init: ParamInit): T {
  const growth = scaled(GROWTH, widthMultiplier);
  let x = conv(input, "features.conv0", { filters: scaled(INIT_FEATURES, widthMultiplier), kernel: 7, stride: 2, padding: 3 }, init);
  x = maxPool(relu(batchNorm(x, "features.norm0"), "features.relu0"), "features.pool0", 3, 2, 1);
  BLOCKS.forEach((layers, b) => {
    const block = `features.denseblock${b + 1}`;
    const maps: T[] = [x];
    for (let l = 0; l < layers; l++) maps.push(denseLayer(maps, `${block}.denselayer${l + 1}`, growth, init));
    x = tf.layers.concatenate({ name: `${block}.cat` }).apply(maps) as T;
    if (b < BLOCKS.length - 1) {
      const t = `features.transition${b + 1}`;
      const channels = Math.floor((x.shape[3] as number) / 2);
      x = conv(relu(batchNorm(x, `${t}.norm`), `${t}.relu`), `${t}.conv`, { filters: channels, kernel: 1 }, init);
      x = tf.layers.averagePooling2d({ name: `${t}.pool`, poolSize: 2, strides: 2, padding: "valid" }).apply(x) as T;
    }
  });
  return relu(batchNorm(x, "features.norm5"), "relu5");
}

export function buildDenseNet121(options: ResolvedOptions, init: ParamInit): Network {
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  const features = densenet121Features(input, options.widthMultiplier, init);
  const channels = features.shape[3] as number;
  const layers: tf.layers.Layer[] = [tf.layers.globalAveragePooling2d({ name: "avgpool" })];
  if (options.dropout > 0) layers.push(tf.layers.dropout({ name: "dropout", rate: options.dropout }));
  layers.push(linear("classifier", channels, options.numClasses, init));
  return { input, features, head: chain(layers), headLayers: ["classifier"] };
}

export function buildDenseNet121Paper(options: ResolvedOptions, init: ParamInit): Network {
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  const features = densenet121Features(input, options.widthMultiplier, init);
  const channels = features.shape[3] as number;
  const head = chain([tf.layers.globalAveragePooling2d({ name: "avgpool" }), linear("classifier", channels, 1000, init)]);
  const hidden = scaled(512, options.widthMultiplier);
  const unusedIn = 2 * channels;
  const detached = [linear("head.fc1", unusedIn, hidden, init), linear("head.fc2", hidden, options.numClasses, init)];
  detached[0].build([null, unusedIn]);
  detached[1].build([null, hidden]);
  return { input, features, head, headLayers: [], detachedLayers: detached };
}
