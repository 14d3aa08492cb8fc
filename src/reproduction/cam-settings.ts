/**
 * What notebook 06 computes under each profile, and which trained runs it reads. Image counts and the
 * Score-CAM channel limit are chosen for the time budget (demo: under a minute on two CPU cores once
 * the model exists, ci: seconds); the paper profile evaluates the profile's `camImages` per magnification with full
 * Score-CAM.
 *
 * The runs are the experiment grid's own entries (src/experiments/grid.ts), so the notebook reuses the
 * DALAResNet50 that notebook 04 trained instead of training a model of its own.
 */
import type { CamMethodName } from "../cam/methods";
import { CAM_METHOD_NAMES } from "../cam/methods";
import { gridEntries, type GridEntry } from "../experiments/grid";
import { datasetInfo } from "../data/datasets";
import { PROPOSED_MODEL } from "../models/registry";
import { getProfile, type ProfileName } from "../profiles";
import type { TargetChoice } from "../cam/evaluation/pipeline";
import type { SensitivityGrid } from "./dt-sensitivity";

export interface CamEvaluationSettings {
  /** Test images per magnification (per data set when it has none). */
  imagesPerGroup: number;
  methods: readonly CamMethodName[];
  /** Score-CAM's masked forward passes per image (Faster-ScoreCAM); undefined = every channel. */
  scoreCamChannels?: number;
  /** Images on which limited Score-CAM is compared with full Score-CAM (0 = no check). */
  scoreCamCheckImages: number;
  /** DT Grad-CAM's N and sigma (relative to the image's value range); the kit's defaults. */
  dt: { samples: number; sigma: number };
  /** The fixed threshold of the binarisation variant (maps are in [0, 1]). */
  fixedThreshold: number;
  target: TargetChoice;
  faithfulness: { imagesPerGroup: number; steps: number };
  sensitivity: SensitivityGrid & { imagesPerGroup: number };
  /** Test images per magnification explained again with a re-initialised model (model randomisation test). */
  randomisation: { imagesPerGroup: number };
  /** Images per magnification in the Fig. 7-style grid. */
  figureImagesPerGroup: number;
  /**
   * Seeds which test images are evaluated: the profile's data seed, so every training seed's model is
   * explained on the same images. DT Grad-CAM's noise and the random reference map follow the run's
   * own training seed.
   */
  imageSeed: number;
}

export function camEvaluationSettings(profile: ProfileName): CamEvaluationSettings {
  const p = getProfile(profile);
  const common = {
    methods: CAM_METHOD_NAMES,
    dt: { samples: 8, sigma: 0.1 },
    fixedThreshold: 0.5,
    target: "label" as const,
    imageSeed: p.dataSeed,
  };
  switch (p.name) {
    case "ci":
      return {
        ...common,
        imagesPerGroup: 2,
        figureImagesPerGroup: 2,
        scoreCamChannels: 8,
        scoreCamCheckImages: 1,
        faithfulness: { imagesPerGroup: 1, steps: 4 },
        randomisation: { imagesPerGroup: 2 },
        sensitivity: { imagesPerGroup: 1, samples: [2, 4], sigmas: [0.1] },
      };
    case "demo":
      return {
        ...common,
        // the demo grid trains DALAResNet50 on the 40X images only: one group, so more images in it
        imagesPerGroup: 24,
        figureImagesPerGroup: 4,
        scoreCamChannels: 64,
        scoreCamCheckImages: 2,
        faithfulness: { imagesPerGroup: 12, steps: 12 },
        randomisation: { imagesPerGroup: 8 },
        sensitivity: { imagesPerGroup: 8, samples: [1, 4, 8, 16], sigmas: [0.05, 0.1, 0.2] },
      };
    case "study":
      return {
        ...common,
        // the CAM model's 224 px test sets hold 96 images per magnification (30% of 320)
        imagesPerGroup: p.camImages,
        figureImagesPerGroup: 2,
        scoreCamChannels: 64,
        scoreCamCheckImages: 4,
        faithfulness: { imagesPerGroup: 6, steps: 16 },
        sensitivity: { imagesPerGroup: 6, samples: [1, 4, 8, 16], sigmas: [0.05, 0.1, 0.2] },
        randomisation: { imagesPerGroup: 8 },
      };
    case "paper-smoke":
      return {
        ...common,
        // the paper's settings on few images: each analysis runs once at full width, not to measure
        imagesPerGroup: p.camImages,
        figureImagesPerGroup: 1,
        scoreCamChannels: 64,
        scoreCamCheckImages: 1,
        faithfulness: { imagesPerGroup: 2, steps: 8 },
        randomisation: { imagesPerGroup: 2 },
        sensitivity: { imagesPerGroup: 2, samples: [1, 8], sigmas: [0.1] },
      };
    case "paper":
      return {
        ...common,
        imagesPerGroup: p.camImages,
        figureImagesPerGroup: 1,
        scoreCamCheckImages: 0,
        faithfulness: { imagesPerGroup: 25, steps: 16 },
        randomisation: { imagesPerGroup: 25 },
        sensitivity: { imagesPerGroup: 10, samples: [1, 4, 8, 16, 32], sigmas: [0.05, 0.1, 0.15, 0.2, 0.3] },
      };
  }
}

export interface CamRunPlan {
  /** DALAResNet50 on the BreakHis(-like) data (the grid's CAM model where it has one): trained here if notebook 04 has not. */
  breakhis: GridEntry[];
  /** DALAResNet50 on the other data sets: evaluated when a finished run exists, never trained here. */
  otherDatasets: GridEntry[];
  /** ResNet50 on the BreakHis(-like) data, for a model comparison: also only when finished. */
  resnet50: GridEntry[];
}

const isBreakhis = (e: GridEntry) => datasetInfo(e.request.dataset).family === "breakhis";

export function camRunPlan(profile: ProfileName): CamRunPlan {
  const baseline = gridEntries(profile, { split: "paper", group: "baseline" });
  const dala = baseline.filter((e) => e.request.model === PROPOSED_MODEL);
  const camModels = gridEntries(profile, { split: "paper", group: "cam" });
  const plan = {
    breakhis: (camModels.length ? camModels : dala).filter(isBreakhis),
    otherDatasets: dala.filter((e) => !isBreakhis(e)),
    resnet50: baseline.filter((e) => e.request.model === "resnet50" && isBreakhis(e)),
  };
  if (plan.breakhis.length === 0) throw new Error(`profile '${profile}': the experiment grid has no DALAResNet50 run on BreakHis data`);
  return plan;
}
