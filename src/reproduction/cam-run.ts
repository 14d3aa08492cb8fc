/**
 * Notebook 06's evaluation of one finished run, end to end: its model and test images, every CAM
 * method, region metrics under Otsu and under the fixed threshold, and faithfulness. The model stays
 * open (for the sensitivity study and the Score-CAM check) until `dispose()`.
 */
import type { KitModel } from "../models/types";
import { loadRunModel, openRunTestData } from "../experiments/run-model";
import type { ExperimentSpec } from "../experiments/spec";
import { camInput, selectCamImages, type CamImageSet } from "../cam/evaluation/images";
import { camMasks, camTargets, runCamMethods, type MaskVariant, type MethodRun } from "../cam/evaluation/pipeline";
import { faithfulnessRows, type FaithfulnessRow } from "../cam/evaluation/faithfulness-comparison";
import { regionRows, type RegionRow } from "./cam-region-rows";
import { subsetPerGroup } from "../cam/evaluation/images";
import type { CamEvaluationSettings } from "./cam-settings";
import { referenceMasks, type ReferenceMasks } from "../cam/evaluation/reference-maps";

export interface CamRunEvaluation {
  runDir: string;
  spec: ExperimentSpec;
  model: KitModel;
  set: CamImageSet;
  targets: Int32Array;
  predicted: Int32Array;
  runs: MethodRun[];
  /** Otsu masks of every method (+ DT Grad-CAM's own). */
  variants: MaskVariant[];
  /** Otsu masks of the two model-free reference maps (random, centre prior); never a method. */
  references: ReferenceMasks[];
  regions: RegionRow[];
  regionsFixed: RegionRow[];
  faithfulness: FaithfulnessRow[];
  dispose(): void;
}

export async function evaluateCamRun(runDir: string, settings: CamEvaluationSettings): Promise<CamRunEvaluation> {
  const { spec, test, manifest } = await openRunTestData(runDir);
  const model = loadRunModel(runDir);
  try {
    const set: CamImageSet = await selectCamImages(test, manifest, { perGroup: settings.imagesPerGroup, seed: settings.imageSeed, synthetic: spec.data.source === "synthetic" });
    const { targets, predicted } = await camTargets(model, set, settings.target);
    const input = camInput(set);
    let runs: MethodRun[];
    try {
      runs = await runCamMethods(model, input, settings.methods, {
        targets,
        topChannels: settings.scoreCamChannels,
        samples: settings.dt.samples,
        sigma: settings.dt.sigma,
        seed: spec.seed,
      });
    } finally {
      input.dispose();
    }
    const variants = camMasks(runs, { kind: "otsu" });
    const n = set.images.length;
    const references = referenceMasks(n, set.size, spec.seed, { kind: "otsu" });
    const fixed = { kind: "fixed" as const, threshold: settings.fixedThreshold };
    const faithfulness = await faithfulnessRows(model, set, runs, targets, subsetPerGroup(set, settings.faithfulness.imagesPerGroup), {
      steps: settings.faithfulness.steps,
      seed: spec.seed,
    });
    return {
      runDir,
      spec,
      model,
      set,
      targets,
      predicted,
      runs,
      variants,
      references,
      regions: regionRows([...variants, ...references], set),
      regionsFixed: regionRows([...camMasks(runs, fixed), ...referenceMasks(n, set.size, spec.seed, fixed)], set),
      faithfulness,
      dispose: () => model.dispose(),
    };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
