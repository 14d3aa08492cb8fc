/**
 * The parameter audit: the kit's counts for every model and class count beside the paper's Tables
 * 9-10, with the reason for each difference (established in paper-facts.md, Architectures, where each
 * architecture was reproduced with PyTorch modules). BreakHis is binary, BACH has 4 classes and
 * Mini-DDSM 3.
 */
import { paperValue, type PaperDataset } from "../paper/paper-tables";
import { countParams, type ParamCount } from "../models/param-count";
import type { ModelOptions } from "../models/types";

export const AUDIT_DATASETS: readonly { dataset: PaperDataset; classes: number; table: 9 | 10 }[] = [
  { dataset: "BreakHis", classes: 2, table: 9 },
  { dataset: "BACH", classes: 4, table: 10 },
  { dataset: "Mini-DDSM", classes: 3, table: 10 },
];

const DERIVED =
  "the paper's value is its binary count plus a constant that no head of this model explains: derived, not measured (src/paper inconsistency 'parameter-count-class-deltas')";

interface AuditSpec {
  paperModel: string;
  kitModel: string;
  options?: Omit<ModelOptions, "numClasses">;
  /** `total` for counts made the Keras way (BN running statistics included). */
  compare?: keyof ParamCount;
  /** Why the kit differs from the paper, for all data sets or per data set. */
  reason?: string;
  reasonFor?: Partial<Record<PaperDataset, string>>;
  /** Rows without a paper value (the Table 2 ablation prints no counts). */
  kitOnly?: string;
}

export const AUDIT_SPECS: readonly AuditSpec[] = [
  { paperModel: "SEResNet50", kitModel: "seresnet50" },
  { paperModel: "DenseNet121", kitModel: "densenet121_paper" },
  {
    paperModel: "DenseNet121",
    kitModel: "densenet121",
    reason:
      "the working model (densenet121 + Linear(1024, C)); the paper's count includes torchvision's 1000-class classifier left in place plus an unused 2048-512-C head, a defect that densenet121_paper reproduces",
  },
  { paperModel: "VGG16", kitModel: "vgg16", reasonFor: { BACH: `prints 134,276,934, 2 more than Linear(4096, 4) gives; ${DERIVED}` } },
  {
    paperModel: "VGG16Inception",
    kitModel: "vgg16_inception",
    compare: "total",
    reason:
      "VGGIN-Net as its authors' code builds it (SainiManisha/VGGIN-Net vgginnet.py; Keras counting) has 8,959,138 parameters for 2 classes; no natural configuration gives the paper's 38,139,938",
  },
  { paperModel: "ViT", kitModel: "vit", reasonFor: { BACH: DERIVED } },
  { paperModel: "Swin-Transformer", kitModel: "swin_b", reasonFor: { BACH: DERIVED } },
  { paperModel: "Dinov2_Vitb14", kitModel: "dinov2_vitb14" },
  {
    paperModel: "ResNet50",
    kitModel: "resnet50",
    reason: "the paper's count (21,797,672) is torchvision resnet34 with its 1000-class fc; a ResNet50 + Linear(2048, C) is larger",
    reasonFor: {
      BACH: `the paper's count is torchvision resnet34 with its 1000-class fc, and ${DERIVED}`,
      "Mini-DDSM": "the paper prints the binary count again (torchvision resnet34 with its 1000-class fc)",
    },
  },
  { paperModel: "DALAResNet50", kitModel: "dala_resnet50" },
  ...([1, 2, 3] as const).map((stage) => ({
    paperModel: "DALAResNet50",
    kitModel: "dala_resnet50",
    options: { attentionAfter: stage, reduction: 16 },
    kitOnly: `Table 2 ablation (attention after layer${stage}, r = 16); the paper prints no count`,
  })),
];

export interface AuditRow {
  paperModel: string;
  kitModel: string;
  options: ModelOptions;
  dataset: PaperDataset;
  kit: ParamCount;
  compared: keyof ParamCount;
  paper?: { count: number; source: string };
  /** kit - paper on the compared count. */
  difference?: number;
  status: "exact" | "differs" | "no paper value";
  reason?: string;
}

export function auditRow(spec: AuditSpec, dataset: PaperDataset): AuditRow {
  const d = AUDIT_DATASETS.find((x) => x.dataset === dataset);
  if (!d) throw new Error(`unknown audit data set '${dataset}'`);
  if (spec.kitOnly && dataset !== "BreakHis") throw new Error(`${spec.kitModel}: the ablation rows are binary (BreakHis) only`);
  const options: ModelOptions = { ...spec.options, numClasses: d.classes };
  const kit = countParams(spec.kitModel, options);
  const compared = spec.compare ?? "trainable";
  const base = { paperModel: spec.paperModel, kitModel: spec.kitModel, options, dataset, kit, compared };
  if (spec.kitOnly) return { ...base, status: "no paper value", reason: spec.kitOnly };
  const v = paperValue({ table: d.table, dataset, model: spec.paperModel, metric: "parameters" });
  const paper = { count: v.value as number, source: `Table ${v.table}, line ${v.source.line}` };
  const difference = kit[compared] - paper.count;
  if (difference === 0) return { ...base, paper, difference, status: "exact" };
  const reason = spec.reasonFor?.[dataset] ?? spec.reason;
  if (!reason) throw new Error(`${spec.kitModel} on ${dataset}: the kit's ${kit[compared]} differs from the paper's ${paper.count} with no known reason`);
  return { ...base, paper, difference, status: "differs", reason };
}

/** Every audit row: each spec on each data set (ablation rows on the binary set only). */
export function parameterAudit(): AuditRow[] {
  return AUDIT_SPECS.flatMap((spec) =>
    AUDIT_DATASETS.filter((d) => !spec.kitOnly || d.dataset === "BreakHis").map((d) => auditRow(spec, d.dataset)),
  );
}
