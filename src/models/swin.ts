/**
 * Swin-B as torchvision builds it (`swin_b`: patch 4, embed 128, depths 2/2/18/2, heads 4/8/16/32,
 * window 7, MLP ratio 4) with head Linear(1024, C); NHWC throughout, like torchvision. Stochastic depth
 * (torchvision: 0.5 at the last block) is not implemented: it only regularises training.
 * CAM layer: the final LayerNorm's 7x7x1024 map (at 224 px).
 */
import * as tf from "@tensorflow/tfjs";
import { add } from "./layers/add";
import type { ParamInit } from "./init";
import { chain, type Network } from "./kit-model";
import { PatchMergingRearrange } from "./layers/patch-merging";
import { WindowAttention } from "./layers/window-attention";
import { linear, scaled, scaledHeads } from "./torch-ops";
import type { ModelDefaults, ResolvedOptions, WeightsSource } from "./types";

type T = tf.SymbolicTensor;

export const SWIN_B_CONFIG = { patch: 4, embed: 128, depths: [2, 2, 18, 2], heads: [4, 8, 16, 32], window: 7, mlpRatio: 4 } as const;
export const SWIN_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0, normalization: "paper" };
export const SWIN_B_WEIGHTS: WeightsSource = {
  repo: "timm/swin_base_patch4_window7_224.ms_in22k_ft_in1k",
  url: "https://huggingface.co/timm/swin_base_patch4_window7_224.ms_in22k_ft_in1k/resolve/main/model.safetensors",
  naming: "timm-swin",
};

const layerNorm = (name: string) => tf.layers.layerNormalization({ name, epsilon: 1e-5 });

function block(x: T, prefix: string, dim: number, heads: number, shift: number, init: ParamInit): T {
  const { window, mlpRatio } = SWIN_B_CONFIG;
  let h = layerNorm(`${prefix}.norm1`).apply(x) as T;
  h = new WindowAttention({
    name: `${prefix}.attn`,
    dim,
    heads,
    window,
    shift,
    kernelInitializer: init.linearKernel(),
    biasInitializer: init.bias(dim),
    tableInitializer: init.truncNormal(0.02),
  }).apply(h) as T;
  x = add({ name: `${prefix}.add1` }).apply([x, h]) as T;
  h = chain([
    layerNorm(`${prefix}.norm2`),
    linear(`${prefix}.mlp.0`, dim, mlpRatio * dim, init),
    tf.layers.activation({ name: `${prefix}.mlp.1`, activation: "gelu" }),
    linear(`${prefix}.mlp.3`, mlpRatio * dim, dim, init),
  ])(x);
  return add({ name: `${prefix}.add2` }).apply([x, h]) as T;
}

export function buildSwinB(options: ResolvedOptions, init: ParamInit): Network {
  const { patch, depths, heads, window } = SWIN_B_CONFIG;
  const embed = scaled(SWIN_B_CONFIG.embed, options.widthMultiplier);
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  let x = tf.layers
    .conv2d({ name: "features.0.0", filters: embed, kernelSize: patch, strides: patch, padding: "valid", kernelInitializer: init.conv(), biasInitializer: init.bias(patch * patch * 3) })
    .apply(input) as T;
  x = layerNorm("features.0.2").apply(x) as T;
  let dim = embed;
  depths.forEach((depth, stage) => {
    if (stage > 0) {
      const merge = `features.${2 * stage}`;
      x = new PatchMergingRearrange({ name: `${merge}.rearrange` }).apply(x) as T;
      x = layerNorm(`${merge}.norm`).apply(x) as T;
      x = linear(`${merge}.reduction`, 4 * dim, 2 * dim, init, false).apply(x) as T;
      dim *= 2;
    }
    const h = scaledHeads(heads[stage], options.widthMultiplier);
    for (let j = 0; j < depth; j++) x = block(x, `features.${2 * stage + 1}.${j}`, dim, h, j % 2 ? Math.floor(window / 2) : 0, init);
  });
  const features = layerNorm("norm").apply(x) as T;
  const head = chain([tf.layers.globalAveragePooling2d({ name: "avgpool" }), linear("head", dim, options.numClasses, init)]);
  return { input, features, head, headLayers: ["head"] };
}
