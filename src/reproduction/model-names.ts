/**
 * The paper's model names and the kit's registry names, mapped in one place. The paper's tables key
 * their rows "SEResNet50", "Swin-Transformer", "Dinov2_Vitb14", ... (src/paper), the registry and the
 * experiment grid use "seresnet50", "swin_b", "dinov2_vitb14", ... (src/models, src/experiments).
 */
import { PAPER_MODELS as REGISTRY_MODELS } from "../experiments/grid";
import { PAPER_MODELS } from "../paper/paper-tables";

export type PaperModelName = (typeof PAPER_MODELS)[number];

/** Registry name -> the paper's row key, in the paper's table order. */
const TO_PAPER: Record<string, PaperModelName> = {
  seresnet50: "SEResNet50",
  densenet121: "DenseNet121",
  vgg16: "VGG16",
  vgg16_inception: "VGG16Inception",
  vit: "ViT",
  swin_b: "Swin-Transformer",
  dinov2_vitb14: "Dinov2_Vitb14",
  resnet50: "ResNet50",
  dala_resnet50: "DALAResNet50",
};

export function paperModelName(registryName: string): PaperModelName {
  const name = TO_PAPER[registryName];
  if (!name) throw new Error(`model '${registryName}' is not one of the paper's nine (${REGISTRY_MODELS.join(", ")})`);
  return name;
}

export function registryModelName(paperName: string): string {
  const found = Object.entries(TO_PAPER).find(([, p]) => p === paperName);
  if (!found) throw new Error(`'${paperName}' is not one of the paper's models (${PAPER_MODELS.join(", ")})`);
  return found[0];
}

/** The registry names of the paper's nine models, in the paper's table order. */
export function paperOrderRegistryNames(): string[] {
  return PAPER_MODELS.map((p) => registryModelName(p));
}
