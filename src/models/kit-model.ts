/**
 * Turns a built network (input, CAM-layer tensor, head) into a KitModel: one LayersModel for training
 * and two that share its layers, split at the CAM layer, for CAM code (timm's forward_features /
 * forward_head). The head's layers are called a second time on a fresh input, so all three models
 * read and train the same variables.
 */
import * as tf from "@tensorflow/tfjs";
import type { KitModel, ModelDefaults, ResolvedOptions, TokenGrid, WeightsSource } from "./types";

type T = tf.SymbolicTensor;

/** What a family builder returns. */
export interface Network {
  input: T;
  /** Output of the CAM layer. */
  features: T;
  /** Applies the head's layers (created once by the builder) to a tensor shaped like `features`. */
  head: (features: T) => T;
  /** Names of the head's parameterised layers (re-initialised when pretrained weights are loaded). */
  headLayers: string[];
  /** Parameterised layers that published checkpoints lack (see KitModel.newLayers). */
  newLayers?: string[];
  /** Layers built (and counted) but not part of the computation: a defect the paper's counts show. */
  detachedLayers?: tf.layers.Layer[];
  tokenGrid?: TokenGrid;
}

/** Chains layers created once, so that applying the chain twice shares their weights. */
export function chain(layers: tf.layers.Layer[]): (x: T) => T {
  return (x) => layers.reduce((t, layer) => layer.apply(t) as T, x);
}

export function assembleKitModel(
  name: string,
  net: Network,
  meta: { options: ResolvedOptions; defaults: ModelDefaults; weightsSource?: WeightsSource },
): KitModel {
  const model = tf.model({ name, inputs: net.input, outputs: net.head(net.features) });
  const featuresModel = tf.model({ name: `${name}.features`, inputs: net.input, outputs: net.features });
  const headInput = tf.input({ name: `${name}.head_input`, shape: net.features.shape.slice(1) as number[] });
  const headModel = tf.model({ name: `${name}.head`, inputs: headInput, outputs: net.head(headInput) });
  const camLayer = net.features.sourceLayer.name;
  const tokens = net.tokenGrid ? tokenAdapter(net.tokenGrid) : undefined;
  // The logit width, which is the class count except for the paper's DenseNet121 defect (1000).
  const numClasses = model.outputs[0].shape[1] as number;
  const inputSize = meta.options.inputSize;
  return {
    name,
    numClasses,
    inputSize,
    model,
    featuresModel,
    headModel,
    camLayer,
    defaultConfig: meta.defaults,
    options: meta.options,
    weightsSource: meta.weightsSource,
    tokenGrid: net.tokenGrid,
    headLayers: net.headLayers,
    newLayers: net.newLayers ?? [],
    detachedLayers: net.detachedLayers ?? [],
    forwardFeatures(x: tf.Tensor4D, training = false): tf.Tensor4D {
      const out = featuresModel.apply(x, { training }) as tf.Tensor;
      return tokens ? tokens.toGrid(out as tf.Tensor3D) : (out as tf.Tensor4D);
    },
    forwardHead(a: tf.Tensor4D, training = false): tf.Tensor2D {
      if (!tokens) return headModel.apply(a, { training }) as tf.Tensor2D;
      return tf.tidy(() => headModel.apply(tokens.fromGrid(a), { training }) as tf.Tensor2D);
    },
    dispose() {
      // Layers count the times they were applied: the head's were applied twice (model and headModel),
      // so headModel releases the second share; featuresModel only holds layers \`model\` already freed.
      model.dispose();
      headModel.dispose();
      // tfjs refuses to dispose a layer that was never applied: free its variables directly.
      for (const layer of net.detachedLayers ?? []) for (const v of layer.weights) v.dispose();
      tokens?.dispose();
    },
  };
}

/**
 * For CLS-token transformers the CAM layer holds [n, prefix + h*w, d] tokens. CAM code wants a
 * spatial map, so forwardFeatures returns the patch tokens as [n, h, w, d] and keeps the prefix (CLS)
 * tokens of that call; forwardHead puts them back in front. A gradient with respect to the grid is
 * then exactly the partial derivative pytorch-grad-cam takes (the CLS activation held fixed). The
 * prefix belongs to the last forwardFeatures call: a head call with another batch size is an error.
 */
function tokenAdapter(grid: TokenGrid) {
  let prefix: tf.Tensor3D | undefined;
  return {
    toGrid(tokens: tf.Tensor3D): tf.Tensor4D {
      const [n, len, d] = tokens.shape;
      const p = grid.prefixTokens;
      if (len !== p + grid.height * grid.width) throw new Error(`token count ${len} does not match the ${grid.height}x${grid.width} grid + ${p}`);
      const patches = tf.tidy(() => tf.reshape(tf.slice(tokens, [0, p, 0], [n, len - p, d]), [n, grid.height, grid.width, d]) as tf.Tensor4D);
      const next = tf.keep(tf.slice(tokens, [0, 0, 0], [n, p, d]));
      prefix?.dispose();
      prefix = next;
      tokens.dispose();
      return patches;
    },
    fromGrid(a: tf.Tensor4D): tf.Tensor3D {
      if (grid.prefixTokens === 0) return tf.reshape(a, [a.shape[0], grid.height * grid.width, a.shape[3]]);
      if (!prefix || prefix.shape[0] !== a.shape[0]) {
        throw new Error(`forwardHead on a batch of ${a.shape[0]} needs the CLS tokens of a forwardFeatures call on the same batch (have ${prefix?.shape[0] ?? "none"})`);
      }
      const [n, h, w, d] = a.shape;
      return tf.concat([prefix, tf.reshape(a, [n, h * w, d])], 1);
    },
    dispose() {
      prefix?.dispose();
      prefix = undefined;
    },
  };
}
