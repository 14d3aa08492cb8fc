/**
 * DALAResNet50: torchvision ResNet50 with the DALA attention module after one residual stage
 * (layer4 in the paper; layer1..3 for the Table 2 ablation), then GAP -> dropout -> Linear(2048, C).
 * The CAM layer is the attention output when the module sits on layer4, else layer4's last block.
 */
import * as tf from "@tensorflow/tfjs";
import { dalaAttention } from "./dala-attention";
import type { ParamInit } from "./init";
import type { Network } from "./kit-model";
import { poolDropoutLinear, resnet50Trunk } from "./resnet";
import type { ModelDefaults, ResolvedOptions } from "./types";

export const DALA_DEFAULTS: ModelDefaults = { inputSize: 224, dropout: 0.25, normalization: "paper" };

/** r = 4 for the binary models and 16 for the 4- and 3-class ones: what reproduces Tables 9-10 exactly. */
export function defaultReduction(numClasses: number): number {
  return numClasses === 2 ? 4 : 16;
}

export function buildDalaResNet50(options: ResolvedOptions, init: ParamInit): Network {
  const stage = options.attentionAfter ?? 4;
  const reduction = options.reduction ?? defaultReduction(options.numClasses);
  const input = tf.input({ name: "input", shape: [options.inputSize, options.inputSize, 3] });
  const features = resnet50Trunk(input, options.widthMultiplier, init, {
    afterStage: (x, s) => (s === stage ? dalaAttention(x, "attention", reduction, init) : x),
  });
  return {
    input,
    features,
    ...poolDropoutLinear(features.shape[3] as number, options, init),
    newLayers: ["attention.fc1", "attention.fc2"],
  };
}
