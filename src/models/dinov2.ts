/**
 * DINOv2 ViT-B/14 with Hugging Face transformers' names (`facebook/dinov2-base`): patch 14, dim 768,
 * depth 12, 12 heads, MLP 3072, LayerScale, LayerNorm eps 1e-6, CLS + mask token and 1370 stored
 * position embeddings (37x37 + CLS, for 518 px) resized bicubically to the input's grid exactly as
 * transformers does (scale factor (grid + 0.1) / 37). Head: Linear(768, C) on the final-normed CLS
 * token (the paper's count: 86,580,480 + 769 C). CAM layer: the tokens entering the last block.
 */
import * as tf from "@tensorflow/tfjs";
import { add } from "./layers/add";
import type { ParamInit } from "./init";
import { chain, type Network } from "./kit-model";
import { LayerScale } from "./layers/layer-scale";
import { SelfAttention } from "./layers/self-attention";
import { TokenEmbedding } from "./layers/token-embedding";
import { TokenSelect } from "./layers/token-select";
import { linear, patchTokens, scaled, scaledHeads } from "./torch-ops";
import type { ModelDefaults, ResolvedOptions, WeightsSource } from "./types";

type T = tf.SymbolicTensor;

export const DINOV2_CONFIG = { patch: 14, dim: 768, depth: 12, heads: 12, mlp: 3072, storedGrid: 37 } as const;
export const DINOV2_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0, normalization: "paper" };
export const DINOV2_WEIGHTS: WeightsSource = {
  repo: "facebook/dinov2-base",
  url: "https://huggingface.co/facebook/dinov2-base/resolve/main/model.safetensors",
  naming: "transformers-dinov2",
  note: "the classifier starts fresh",
};

const layerNorm = (name: string) => tf.layers.layerNormalization({ name, epsilon: 1e-6 });

function makeLayer(prefix: string, dim: number, mlp: number, heads: number, init: ParamInit): (x: T) => T {
  const norm1 = layerNorm(`${prefix}.norm1`);
  const qkv = ["query", "key", "value"].map((p) => linear(`${prefix}.attention.attention.${p}`, dim, dim, init));
  const attend = new SelfAttention({ name: `${prefix}.attention.attention.attend`, heads });
  const afterAttention = chain([linear(`${prefix}.attention.output.dense`, dim, dim, init), new LayerScale({ name: `${prefix}.layer_scale1` })]);
  const mlpBranch = chain([
    layerNorm(`${prefix}.norm2`),
    linear(`${prefix}.mlp.fc1`, dim, mlp, init),
    tf.layers.activation({ name: `${prefix}.mlp.act`, activation: "gelu" }),
    linear(`${prefix}.mlp.fc2`, mlp, dim, init),
    new LayerScale({ name: `${prefix}.layer_scale2` }),
  ]);
  const add1 = add({ name: `${prefix}.add1` });
  const add2 = add({ name: `${prefix}.add2` });
  return (x) => {
    const h = norm1.apply(x) as T;
    const a = attend.apply(qkv.map((l) => l.apply(h) as T)) as T;
    const y = add1.apply([afterAttention(a), x]) as T;
    return add2.apply([mlpBranch(y), y]) as T;
  };
}

export function buildDinov2(options: ResolvedOptions, init: ParamInit): Network {
  const { patch, depth, storedGrid } = DINOV2_CONFIG;
  const heads = scaledHeads(DINOV2_CONFIG.heads, options.widthMultiplier);
  const dim = scaled(DINOV2_CONFIG.dim, options.widthMultiplier);
  const mlp = scaled(DINOV2_CONFIG.mlp, options.widthMultiplier);
  const grid = Math.floor(options.inputSize / patch);
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  let x = patchTokens(input, "embeddings.patch_embeddings.projection", { dim, patch, grid, kernel: "conv" }, init);
  x = new TokenEmbedding({
    name: "embeddings",
    dim,
    storedGrid,
    grid,
    interpolationOffset: 0.1,
    maskToken: true,
    torchNames: { cls: "embeddings.cls_token", pos: "embeddings.position_embeddings", mask: "embeddings.mask_token" },
    initializer: init.truncNormal(0.02),
  }).apply(x) as T;
  for (let i = 0; i < depth - 1; i++) x = makeLayer(`encoder.layer.${i}`, dim, mlp, heads, init)(x);
  const lastLayer = makeLayer(`encoder.layer.${depth - 1}`, dim, mlp, heads, init);
  const classify = chain([
    layerNorm("layernorm"),
    new TokenSelect({ name: "pooler", index: 0 }),
    ...(options.dropout > 0 ? [tf.layers.dropout({ name: "dropout", rate: options.dropout })] : []),
    linear("classifier", dim, options.numClasses, init),
  ]);
  return {
    input,
    features: x,
    head: (features) => classify(lastLayer(features)),
    headLayers: ["classifier"],
    tokenGrid: { prefixTokens: 1, height: grid, width: grid },
  };
}
