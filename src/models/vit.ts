/**
 * ViT as the paper's count fits it (vit-pytorch layout): 224 px, patch 16, dim 1024, depth 6, 16 heads
 * of 64, MLP 2048, CLS token; the flattened (p1 p2 c) patches go through Linear(768, 1024) with no
 * LayerNorm around it (written here as a conv with kernel = stride = 16, the same map), learned
 * position embeddings, pre-norm blocks [LayerNorm, qkv Linear without bias, out Linear, LayerNorm,
 * Linear -> GELU -> Linear], head LayerNorm + Linear(1024, C) on the CLS token.
 * No pretrained weights exist for this configuration (the paper's ViT was trained from scratch).
 * The CAM layer is the token sequence entering the last block (CLS + patch tokens).
 */
import * as tf from "@tensorflow/tfjs";
import { add } from "./layers/add";
import type { ParamInit } from "./init";
import { chain, type Network } from "./kit-model";
import { SelfAttention } from "./layers/self-attention";
import { TokenEmbedding } from "./layers/token-embedding";
import { TokenSelect } from "./layers/token-select";
import { linear, patchTokens, scaled, scaledHeads } from "./torch-ops";
import type { ModelDefaults, ResolvedOptions } from "./types";

type T = tf.SymbolicTensor;

export const VIT_CONFIG = { patch: 16, dim: 1024, depth: 6, heads: 16, dimHead: 64, mlp: 2048 } as const;
export const VIT_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0, normalization: "paper" };

const layerNorm = (name: string) => tf.layers.layerNormalization({ name, epsilon: 1e-5 });

/** A pre-norm block whose layers are created once, so the returned function can be applied twice. */
function makeBlock(prefix: string, dims: { dim: number; heads: number; inner: number; mlp: number }, init: ParamInit): (x: T) => T {
  const att = `${prefix}.0`;
  const ff = `${prefix}.1`;
  const attention = chain([
    layerNorm(`${att}.norm`),
    linear(`${att}.fn.to_qkv`, dims.dim, 3 * dims.inner, init, false),
    new SelfAttention({ name: `${att}.fn.attend`, heads: dims.heads }),
    linear(`${att}.fn.to_out.0`, dims.inner, dims.dim, init),
  ]);
  const feedForward = chain([
    layerNorm(`${ff}.norm`),
    linear(`${ff}.fn.net.0`, dims.dim, dims.mlp, init),
    tf.layers.activation({ name: `${ff}.fn.net.1`, activation: "gelu" }),
    linear(`${ff}.fn.net.3`, dims.mlp, dims.dim, init),
  ]);
  const add1 = add({ name: `${att}.add` });
  const add2 = add({ name: `${ff}.add` });
  return (x) => {
    const y = add1.apply([attention(x), x]) as T;
    return add2.apply([feedForward(y), y]) as T;
  };
}

export function buildViT(options: ResolvedOptions, init: ParamInit): Network {
  const { patch, depth } = VIT_CONFIG;
  if (options.inputSize % patch !== 0) throw new Error(`vit: inputSize ${options.inputSize} is not a multiple of the patch size ${patch}`);
  const dim = scaled(VIT_CONFIG.dim, options.widthMultiplier);
  const heads = scaledHeads(VIT_CONFIG.heads, options.widthMultiplier);
  const inner = heads * VIT_CONFIG.dimHead;
  const dims = { dim, heads, inner, mlp: scaled(VIT_CONFIG.mlp, options.widthMultiplier) };
  const grid = options.inputSize / patch;
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  let x = patchTokens(input, "to_patch_embedding.1", { dim, patch, grid, kernel: "linear" }, init);
  x = new TokenEmbedding({
    name: "embedding",
    dim,
    storedGrid: grid,
    grid,
    torchNames: { cls: "cls_token", pos: "pos_embedding" },
    initializer: init.truncNormal(1),
  }).apply(x) as T;
  for (let i = 0; i < depth - 1; i++) x = makeBlock(`transformer.layers.${i}`, dims, init)(x);
  const lastBlock = makeBlock(`transformer.layers.${depth - 1}`, dims, init);
  const classify = chain([
    new TokenSelect({ name: "cls_token.select", index: 0 }),
    layerNorm("mlp_head.0"),
    linear("mlp_head.1", dim, options.numClasses, init),
  ]);
  return {
    input,
    features: x,
    head: (features) => classify(lastBlock(features)),
    headLayers: ["mlp_head.1"],
    tokenGrid: { prefixTokens: 1, height: grid, width: grid },
  };
}
