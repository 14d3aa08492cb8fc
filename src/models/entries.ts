/** The registered architectures, one entry per name (builders and weight sources live in their family's file). */
import { DALA_DEFAULTS, buildDalaResNet50, defaultReduction } from "./dala-resnet50";
import { DENSENET121_WEIGHTS, DENSENET_DEFAULTS, buildDenseNet121, buildDenseNet121Paper } from "./densenet121";
import type { ModelEntry } from "./registry";
import { RESNET50_WEIGHTS, RESNET_DEFAULTS, buildResNet50, resnet50StageInput } from "./resnet";
import { SERESNET50_WEIGHTS, SERESNET_DEFAULTS, buildSEResNet50 } from "./seresnet50";
import { VGG16_WEIGHTS, VGG_DEFAULTS, buildVGG16 } from "./vgg16";
import { VIT_DEFAULTS, buildViT } from "./vit";
import { DINOV2_DEFAULTS, DINOV2_WEIGHTS, buildDinov2 } from "./dinov2";
import { SWIN_B_WEIGHTS, SWIN_DEFAULTS, buildSwinB } from "./swin";
import { VGGIN_DEFAULTS, VGGIN_WEIGHTS, buildVGG16Inception } from "./vgg16-inception";

export const MODEL_ENTRIES = {
  resnet50: {
    description: "torchvision ResNet50 (v1.5) + Linear(2048, C)",
    defaults: RESNET_DEFAULTS,
    weightsSource: RESNET50_WEIGHTS,
    build: buildResNet50,
    frozenTrunkCut: () => resnet50StageInput(4),
  },
  dala_resnet50: {
    description: "ResNet50 + dual-activation attention after layer4 (or layer1-3) + dropout + Linear(2048, C)",
    defaults: DALA_DEFAULTS,
    weightsSource: { ...RESNET50_WEIGHTS, note: "the attention module and the head start fresh" },
    accepts: ["attentionAfter", "reduction"],
    resolve: (o) => {
      if (o.attentionAfter !== undefined && ![1, 2, 3, 4].includes(o.attentionAfter)) {
        throw new Error(`model 'dala_resnet50': attentionAfter must be 1, 2, 3 or 4, got ${o.attentionAfter}`);
      }
      return { ...o, attentionAfter: o.attentionAfter ?? 4, reduction: o.reduction ?? defaultReduction(o.numClasses) };
    },
    build: buildDalaResNet50,
    // The stage the attention module rescales trains with it: layer4 + attention + head for the paper's model.
    frozenTrunkCut: (o) => resnet50StageInput(o.attentionAfter ?? 4),
  },
  seresnet50: {
    description: "ResNet50 + bias-free SE blocks (r = 16) + Linear(2048, 512) -> ReLU -> Dropout -> Linear(512, C)",
    defaults: SERESNET_DEFAULTS,
    weightsSource: SERESNET50_WEIGHTS,
    accepts: ["reduction"],
    resolve: (o) => ({ ...o, reduction: o.reduction ?? 16 }),
    build: buildSEResNet50,
    frozenTrunkCut: () => resnet50StageInput(4),
  },
  densenet121: {
    description: "torchvision DenseNet121 + Linear(1024, C)",
    defaults: DENSENET_DEFAULTS,
    weightsSource: DENSENET121_WEIGHTS,
    build: buildDenseNet121,
  },
  densenet121_paper: {
    description: "the paper's DenseNet121 as its counts show: 1000-class classifier kept + an unused 2048-512-C head (for the audit)",
    defaults: DENSENET_DEFAULTS,
    weightsSource: DENSENET121_WEIGHTS,
    build: buildDenseNet121Paper,
  },
  vgg16: {
    description: "torchvision VGG16 with classifier[6] = Linear(4096, C)",
    defaults: VGG_DEFAULTS,
    weightsSource: VGG16_WEIGHTS,
    build: buildVGG16,
  },
  vgg16_inception: {
    description: "VGGIN-Net: VGG16 to block4_pool + naive inception block + BatchNorm + Flatten + Dropout 0.4 + Dense(C)",
    defaults: VGGIN_DEFAULTS,
    weightsSource: VGGIN_WEIGHTS,
    build: buildVGG16Inception,
  },
  vit: {
    description: "ViT (vit-pytorch layout) 224/16, dim 1024, depth 6, 16 heads, MLP 2048; no published weights",
    defaults: VIT_DEFAULTS,
    build: buildViT,
  },
  swin_b: {
    description: "torchvision Swin-B (patch 4, window 7, embed 128, depths 2/2/18/2) + Linear(1024, C)",
    defaults: SWIN_DEFAULTS,
    weightsSource: SWIN_B_WEIGHTS,
    build: buildSwinB,
  },
  dinov2_vitb14: {
    description: "DINOv2 ViT-B/14 (transformers naming) + Linear(768, C) on the CLS token",
    defaults: DINOV2_DEFAULTS,
    weightsSource: DINOV2_WEIGHTS,
    build: buildDinov2,
  },
} as const satisfies Record<string, ModelEntry>;

export type ModelName = keyof typeof MODEL_ENTRIES;

/** The paper's own model: DALAResNet50. */
export const PROPOSED_MODEL: ModelName = "dala_resnet50";
