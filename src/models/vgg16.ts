/**
 * VGG16 as torchvision builds it (`features.N` with torchvision's indices, adaptive 7x7 average pool,
 * classifier Linear(25088, 4096) -> ReLU -> Dropout -> Linear(4096, 4096) -> ReLU -> Dropout ->
 * Linear(4096, C)). The map is flattened in PyTorch's channel-major order so `classifier.0` takes
 * torchvision's weights unchanged.
 */
import * as tf from "@tensorflow/tfjs";
import type { ParamInit } from "./init";
import { chain, type Network } from "./kit-model";
import { AdaptiveAvgPool2d } from "./layers/adaptive-avg-pool";
import { conv, linear, maxPool, maxPoolLayer, relu, scaled } from "./torch-ops";
import type { ModelDefaults, ResolvedOptions, WeightsSource } from "./types";

type T = tf.SymbolicTensor;

/** torchvision's cfg "D": channel counts, "M" = 2x2 max-pool. */
export const VGG16_CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"] as const;

export const VGG_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0.5, normalization: "paper" };
export const VGG16_WEIGHTS: WeightsSource = {
  repo: "timm/vgg16.tv_in1k",
  url: "https://huggingface.co/timm/vgg16.tv_in1k/resolve/main/model.safetensors",
  naming: "timm-vgg",
};

/** Runs `cfg` with torchvision's module indices from 0 (conv and ReLU each take an index). */
export function vggFeatures(x: T, cfg: readonly (number | "M")[], widthMultiplier: number, init: ParamInit): T {
  let i = 0;
  for (const item of cfg) {
    if (item === "M") {
      x = maxPool(x, `features.${i++}`, 2, 2);
    } else {
      x = conv(x, `features.${i++}`, { filters: scaled(item, widthMultiplier), kernel: 3, padding: 1, bias: true }, init);
      x = relu(x, `features.${i++}`);
    }
  }
  return x;
}

export function buildVGG16(options: ResolvedOptions, init: ParamInit): Network {
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  // The CAM layer is the last convolution's ReLU (features.29), before the final max-pool.
  const features = vggFeatures(input, VGG16_CFG.slice(0, -1), options.widthMultiplier, init);
  const channels = features.shape[3] as number;
  const hidden = scaled(4096, options.widthMultiplier);
  const head = chain([
    maxPoolLayer("features.30", 2, 2),
    new AdaptiveAvgPool2d({ name: "avgpool", outputSize: 7 }),
    tf.layers.permute({ name: "flatten.chw", dims: [3, 1, 2] }),
    tf.layers.flatten({ name: "flatten" }),
    linear("classifier.0", channels * 49, hidden, init),
    tf.layers.reLU({ name: "classifier.1" }),
    tf.layers.dropout({ name: "classifier.2", rate: options.dropout }),
    linear("classifier.3", hidden, hidden, init),
    tf.layers.reLU({ name: "classifier.4" }),
    tf.layers.dropout({ name: "classifier.5", rate: options.dropout }),
    linear("classifier.6", hidden, options.numClasses, init),
  ]);
  return { input, features, head, headLayers: ["classifier.6"] };
}
