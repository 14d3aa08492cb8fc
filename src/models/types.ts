import type * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "./feature-model";

/** How input pixels are scaled before the network: the paper's [-1, 1] or the ImageNet statistics the published weights expect. */
export type InputNormalization = "paper" | "imagenet";

/** `zeros` builds the same variables without random filling: the parameter audit counts VGG16's 134M weights this way in milliseconds. */
export type WeightInit = "random" | "zeros";

export interface ModelOptions {
  numClasses: number;
  /** Square input size in pixels (the family's default when omitted). */
  inputSize?: number;
  /** DALAResNet50 only: the residual stage whose output the attention module rescales (Table 2 ablation). */
  attentionAfter?: 1 | 2 | 3 | 4;
  /** Reduction ratio r of the attention / SE bottleneck (DALA: 4 for 2 classes, 16 otherwise, as the paper's counts show). */
  reduction?: number;
  /** Dropout before the classifier (the paper: 0.25). */
  dropout?: number;
  /** Scales every channel count; 1 is the real architecture, smaller values give tiny models for tests and demos. */
  widthMultiplier?: number;
  /** Seed of the random initialisers (layers get consecutive seeds, so a model is reproducible). */
  seed?: number;
  weightInit?: WeightInit;
  normalization?: InputNormalization;
}

/** Options after the family's defaults were applied: what a run records. */
export type ResolvedOptions = Required<Omit<ModelOptions, "attentionAfter" | "reduction">> &
  Pick<ModelOptions, "attentionAfter" | "reduction">;

/** A published checkpoint the family can start from. */
export interface WeightsSource {
  /** Hugging Face repository holding `model.safetensors`. */
  repo: string;
  url: string;
  /** Name convention of the checkpoint: which mapping turns its tensors into the kit's variables. */
  naming: "torchvision" | "timm-vgg" | "timm-swin" | "transformers-dinov2";
  /** What the checkpoint does not cover (initialised fresh), for the log and the report. */
  note?: string;
  /** Checkpoint tensors this model deliberately does not use (regular expressions on the kit's names). */
  unused?: RegExp[];
}

/** For token-based models: where the spatial grid sits in the CAM activations. */
export interface TokenGrid {
  /** Tokens before the patch tokens (1 for a CLS token). */
  prefixTokens: number;
  height: number;
  width: number;
}

export interface ModelDefaults {
  inputSize: number;
  dropout: number;
  normalization: InputNormalization;
}

export interface KitModel extends FeatureModel {
  /** input -> logits, for training and prediction. */
  readonly model: tf.LayersModel;
  /** input -> CAM-layer activations (shares its layers with `model`). */
  readonly featuresModel: tf.LayersModel;
  /** CAM-layer activations -> logits (shares its layers with `model`). */
  readonly headModel: tf.LayersModel;
  /** Name of the tfjs layer whose output a CAM reads. */
  readonly camLayer: string;
  readonly defaultConfig: ModelDefaults;
  readonly options: ResolvedOptions;
  readonly weightsSource?: WeightsSource;
  /** Set for transformers whose CAM activations are tokens: see `tokensToGrid`. */
  readonly tokenGrid?: TokenGrid;
  /** Layer names that form the classifier head (re-initialised when loading pretrained weights). */
  readonly headLayers: readonly string[];
  /** Layers the published checkpoint lacks (attention, SE blocks): loaded when a checkpoint has them, else left fresh. */
  readonly newLayers: readonly string[];
  /** Layers that hold parameters but take no part in the computation (densenet121_paper only). */
  readonly detachedLayers: readonly tf.layers.Layer[];
  dispose(): void;
}
