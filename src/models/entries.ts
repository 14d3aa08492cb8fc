/** The registered architectures, one entry per name (builders live in their family's file). */
import { DALA_DEFAULTS, buildDalaResNet50, defaultReduction } from "./dala-resnet50";
import type { ModelEntry } from "./registry";
import { RESNET50_WEIGHTS, RESNET_DEFAULTS, buildResNet50 } from "./resnet";

export const MODEL_ENTRIES: Record<string, ModelEntry> = {
  resnet50: {
    description: "torchvision ResNet50 (v1.5) + Linear(2048, C)",
    defaults: RESNET_DEFAULTS,
    weightsSource: RESNET50_WEIGHTS,
    build: buildResNet50,
  },
  dala_resnet50: {
    description: "ResNet50 + dual-activation attention after layer4 (or layer1-3) + dropout + Linear(2048, C)",
    defaults: DALA_DEFAULTS,
    weightsSource: { ...RESNET50_WEIGHTS, note: "the attention module and the head start fresh" },
    accepts: ["attentionAfter", "reduction"],
    resolve: (o) => ({ ...o, attentionAfter: o.attentionAfter ?? 4, reduction: o.reduction ?? defaultReduction(o.numClasses) }),
    build: buildDalaResNet50,
  },
};
