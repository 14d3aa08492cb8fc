/**
 * The experiment grid of each profile, as data: which models on which data sets and splits, plus the
 * Table 2 layer ablation. `dala plan` prints it; the notebooks look their results up by the same specs.
 *
 * Every run is repeated for each of the profile's training seeds (`seedsOf`: the profile's list or
 * DALA_SEEDS), with the data and split fixed, so comparisons are paired on the same test images.
 *
 * paper: the nine models of Tables 7-12 on the six data sets of Table 6 (BreakHis per magnification,
 * BACH, Mini-DDSM) with the paper's image-level split (54 runs per seed), the DALA attention module
 * after layer1..3 on BreakHis per magnification (12 more; the layer4 model is DALAResNet50 itself, as
 * Table 2's layer-4 rows equal Table 7's), and the patient-level split of BreakHis for every model (36),
 * which the paper does not have but which shows the effect of patient leakage. The ablation keeps the
 * attention module's reduction ratio at the model's default for two classes, r = 4, at every position
 * (Table 2 prints no parameter counts that could say otherwise); each run's config.json records it.
 */
import { getProfile, seedsOf, type ProfileName } from "../profiles";
import { buildSpec, experimentKey, type SplitKind, type TrainRequest } from "./spec";
import { MAGNIFICATIONS, type DatasetId, type Magnification } from "../data/datasets";
import { PROPOSED_MODEL, type ModelName } from "../models/registry";

/** Registry names of the paper's nine models, in the paper's table order. */
export const PAPER_MODELS: readonly ModelName[] = [
  "seresnet50",
  "densenet121",
  "vgg16",
  "vgg16_inception",
  "vit",
  "swin_b",
  "dinov2_vitb14",
  "resnet50",
  "dala_resnet50",
];

export interface GridDataset {
  dataset: DatasetId;
  magnification?: Magnification;
  splits: SplitKind[];
  /** The models run on this data set; default: the grid's models (reduced profiles run fewer on some sets). */
  models?: readonly ModelName[];
}

export interface GridDefinition {
  models: readonly ModelName[];
  datasets: GridDataset[];
  ablation?: {
    model: ModelName;
    attentionAfter: (1 | 2 | 3 | 4)[];
    /** The attention module's reduction ratio; omitted = the model's default (r = 4 for two classes). */
    reduction?: number;
    datasets: GridDataset[];
  };
  /**
   * DALAResNet50 trained for the CAM evaluation (notebook 06) at its own image size, when the grid's
   * size leaves layer4 too small a map for thresholding and morphology to act on (64 px gives 2 x 2;
   * 224 px gives the paper's 7 x 7). Without it notebook 06 explains the baseline DALAResNet50 runs.
   */
  cam?: { datasets: GridDataset[]; imageSize: number; syntheticImages: number; batchSize?: number };
}

/** Where DALAResNet50 puts its attention module when not told: after layer4. */
const DEFAULT_ATTENTION_AFTER = 4;

const breakhis = (dataset: DatasetId, splits: SplitKind[]): GridDataset[] => MAGNIFICATIONS.map((magnification) => ({ dataset, magnification, splits }));

export const GRIDS: Record<ProfileName, GridDefinition> = {
  ci: {
    models: ["resnet50", "dala_resnet50"],
    datasets: [
      { dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper", "patient"] },
      { dataset: "synthetic-bach", splits: ["paper"], models: ["dala_resnet50"] },
      { dataset: "synthetic-miniddsm", splits: ["paper"], models: ["dala_resnet50"] },
    ],
    ablation: { model: "dala_resnet50", attentionAfter: [1, 2, 3, 4], datasets: [{ dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper"] }] },
  },
  demo: {
    // Sized for the ~20-minute demo on a 2-core CPU (src/reproduction/experiment-plan.ts explains the cuts):
    // the CNNs on BreakHis-like 40X; the transformers are too slow on wasm at this budget.
    models: ["seresnet50", "densenet121", "vgg16", "vgg16_inception", "resnet50", "dala_resnet50"],
    datasets: [
      { dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper"] },
      { dataset: "synthetic-breakhis", magnification: "40X", splits: ["patient"], models: ["resnet50", "dala_resnet50"] },
      { dataset: "synthetic-bach", splits: ["paper"], models: ["dala_resnet50"] },
      { dataset: "synthetic-miniddsm", splits: ["paper"], models: ["dala_resnet50"] },
    ],
    ablation: { model: "dala_resnet50", attentionAfter: [1, 2, 3, 4], datasets: [{ dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper"] }] },
  },
  study: {
    // Every comparison the claims ledger reads, each with the profile's three seeds (experiment-plan.ts
    // lists what is left out of the paper's grid): the six CNNs on the 40X set, DALAResNet50 against
    // ResNet50 on BACH and Mini-DDSM, the layer ablation at 40X, and the CAM model at 224 px per
    // magnification (the other magnifications have no 64 px runs: the 90-minute budget).
    models: ["seresnet50", "densenet121", "vgg16", "vgg16_inception", "resnet50", "dala_resnet50"],
    datasets: [
      { dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper"] },
      { dataset: "synthetic-bach", splits: ["paper"], models: ["resnet50", "dala_resnet50"] },
      { dataset: "synthetic-miniddsm", splits: ["paper"], models: ["resnet50", "dala_resnet50"] },
    ],
    ablation: { model: "dala_resnet50", attentionAfter: [1, 2, 3, 4], datasets: [{ dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper"] }] },
    // batch 8, not the profile's 32: 320 images per magnification leave 192 for training, and at batch 32
    // (6 steps an epoch) all twelve 224 px models stayed at the majority class (test accuracy 0.6875 each,
    // the study run at 5f307a4); at batch 8 a probe reached validation accuracy 0.97 in its second epoch
    cam: { datasets: breakhis("synthetic-breakhis", ["paper"]), imageSize: 224, syntheticImages: 320, batchSize: 8 },
  },
  "paper-smoke": {
    // every model and every data set of the paper grid at least once, not their product (the smoke run
    // must fit 45 minutes on a 2-core CPU): the nine models on BreakHis 40X, DALAResNet50 and ResNet50 on
    // each other data set and on the patient split, the attention module after layers 1-3 at 40X
    models: PAPER_MODELS,
    datasets: [
      { dataset: "breakhis", magnification: "40X", splits: ["paper"] },
      ...breakhis("breakhis", ["paper"]).slice(1).map((d) => ({ ...d, models: ["resnet50", "dala_resnet50"] as ModelName[] })),
      { dataset: "breakhis", magnification: "40X", splits: ["patient"], models: ["resnet50", "dala_resnet50"] },
      { dataset: "bach", splits: ["paper"], models: ["resnet50", "dala_resnet50"] },
      { dataset: "miniddsm", splits: ["paper"], models: ["resnet50", "dala_resnet50"] },
    ],
    ablation: { model: "dala_resnet50", attentionAfter: [1, 2, 3, 4], datasets: [{ dataset: "breakhis", magnification: "40X", splits: ["paper"] }] },
  },
  paper: {
    models: PAPER_MODELS,
    datasets: [...breakhis("breakhis", ["paper", "patient"]), { dataset: "bach", splits: ["paper"] }, { dataset: "miniddsm", splits: ["paper"] }],
    ablation: { model: "dala_resnet50", attentionAfter: [1, 2, 3, 4], datasets: breakhis("breakhis", ["paper"]) },
  },
};

export interface GridEntry {
  /** `baseline`: Tables 7-12; `ablation`: Table 2; `cam`: the model notebook 06 explains (Table 14). */
  group: "baseline" | "ablation" | "cam";
  request: TrainRequest;
  key: string;
}

/** Every run of a profile's grid, deduplicated by key, in a stable order (grouped by data set). */
export function gridEntries(profile: ProfileName, filter: { split?: SplitKind; group?: GridEntry["group"] } = {}): GridEntry[] {
  const grid = GRIDS[profile];
  const out: GridEntry[] = [];
  const seen = new Set<string>();
  const add = (group: GridEntry["group"], request: TrainRequest) => {
    if (filter.split && request.split !== filter.split) return;
    if (filter.group && group !== filter.group) return;
    const key = experimentKey(buildSpec(request));
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ group, request, key });
  };
  for (const seed of seedsOf(getProfile(profile))) {
    for (const d of grid.datasets) {
      for (const split of d.splits) {
        for (const model of d.models ?? grid.models) add("baseline", { model, dataset: d.dataset, magnification: d.magnification, split, profile, seed });
      }
    }
    const ab = grid.ablation;
    for (const d of ab?.datasets ?? []) {
      for (const split of d.splits) {
        for (const attentionAfter of ab!.attentionAfter) {
          // the default position and ratio are left out, so the layer4 run is the baseline run itself
          add("ablation", {
            model: ab!.model,
            dataset: d.dataset,
            magnification: d.magnification,
            split,
            profile,
            seed,
            ...(attentionAfter !== DEFAULT_ATTENTION_AFTER ? { attentionAfter } : {}),
            ...(ab!.reduction !== undefined ? { reduction: ab!.reduction } : {}),
          });
        }
      }
    }
    for (const d of grid.cam?.datasets ?? []) {
      for (const split of d.splits) {
        const { imageSize, syntheticImages, batchSize } = grid.cam!;
        add("cam", { model: PROPOSED_MODEL, dataset: d.dataset, magnification: d.magnification, split, profile, seed, imageSize, syntheticImages, ...(batchSize !== undefined ? { batchSize } : {}) });
      }
    }
  }
  return out;
}
