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
      return featuresModel.apply(x, { training }) as tf.Tensor4D;
    },
    forwardHead(a: tf.Tensor4D, training = false): tf.Tensor2D {
      return headModel.apply(a, { training }) as tf.Tensor2D;
    },
    dispose() {
      // Layers count the times they were applied: the head's were applied twice (model and headModel),
      // so headModel releases the second share; featuresModel only holds layers \`model\` already freed.
      model.dispose();
      headModel.dispose();
      // tfjs refuses to dispose a layer that was never applied: free its variables directly.
      for (const layer of net.detachedLayers ?? []) for (const v of layer.weights) v.dispose();
    },
  };
}
