/**
 * The experiment grid of each profile, as data: which models on which data sets and splits, plus the
 * Table 2 layer ablation. `dala plan` prints it; the notebooks look their results up by the same specs.
 *
 * paper: the nine models of Tables 7-12 on the six data sets of Table 6 (BreakHis per magnification,
 * BACH, Mini-DDSM) with the paper's image-level split (54 runs), the DALA attention module after
 * layer1..4 on BreakHis per magnification (16 runs; r = 16 as the paper's Table 2 parameter counts
 * show), and the patient-level split of BreakHis for every model (36 runs), which the paper does not
 * have but which shows the effect of patient leakage.
 */
import type { ProfileName } from "../profiles";
import { buildSpec, experimentKey, type SplitKind, type TrainRequest } from "./spec";
import { MAGNIFICATIONS, type DatasetId, type Magnification } from "../data/datasets";
import type { ModelName } from "../models/registry";

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
    reduction: number;
    datasets: GridDataset[];
  };
  seeds: number[];
}

const breakhis = (dataset: DatasetId, splits: SplitKind[]): GridDataset[] => MAGNIFICATIONS.map((magnification) => ({ dataset, magnification, splits }));

export const GRIDS: Record<ProfileName, GridDefinition> = {
  ci: {
    models: ["resnet50", "dala_resnet50"],
    datasets: [
      { dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper", "patient"] },
      { dataset: "synthetic-bach", splits: ["paper"], models: ["dala_resnet50"] },
      { dataset: "synthetic-miniddsm", splits: ["paper"], models: ["dala_resnet50"] },
    ],
    ablation: { model: "dala_resnet50", attentionAfter: [1, 2, 3, 4], reduction: 16, datasets: [{ dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper"] }] },
    seeds: [0],
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
    ablation: { model: "dala_resnet50", attentionAfter: [1, 2, 3, 4], reduction: 16, datasets: [{ dataset: "synthetic-breakhis", magnification: "40X", splits: ["paper"] }] },
    seeds: [0],
  },
  paper: {
    models: PAPER_MODELS,
    datasets: [...breakhis("breakhis", ["paper", "patient"]), { dataset: "bach", splits: ["paper"] }, { dataset: "miniddsm", splits: ["paper"] }],
    ablation: { model: "dala_resnet50", attentionAfter: [1, 2, 3, 4], reduction: 16, datasets: breakhis("breakhis", ["paper"]) },
    seeds: [0],
  },
};

export interface GridEntry {
  /** `baseline`: Tables 7-12; `ablation`: Table 2. */
  group: "baseline" | "ablation";
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
  for (const seed of grid.seeds) {
    for (const d of grid.datasets) {
      for (const split of d.splits) {
        for (const model of d.models ?? grid.models) add("baseline", { model, dataset: d.dataset, magnification: d.magnification, split, profile, seed });
      }
    }
    const ab = grid.ablation;
    for (const d of ab?.datasets ?? []) {
      for (const split of d.splits) {
        for (const attentionAfter of ab!.attentionAfter) {
          add("ablation", { model: ab!.model, dataset: d.dataset, magnification: d.magnification, split, profile, seed, attentionAfter, reduction: ab!.reduction });
        }
      }
    }
  }
  return out;
}
