/**
 * Notebook 06's model randomisation test on one evaluated run: every method on a subset of its test
 * images, once with the trained model (the maps the evaluation already holds) and once with the same
 * architecture re-initialised; the re-initialised model is disposed before returning.
 */
import { reinitialisedRunModel } from "../experiments/run-model";
import { camInput, subsetPerGroup } from "../cam/evaluation/images";
import { explain } from "../cam/methods";
import { pickRows } from "../cam/evaluation/faithfulness-comparison";
import { randomisationSample, type RandomisationSample } from "./model-randomisation";
import { summariseRandomisation, type RandomisationSummary } from "../statistics/randomisation-rule";
import type { TableData } from "../report/tables/table-data";
import type { CamRunEvaluation } from "./cam-run";
import type { CamEvaluationSettings } from "./cam-settings";
import type { FeatureModel } from "../models/feature-model";
import type * as tf from "@tensorflow/tfjs";

export async function camRandomisation(ev: CamRunEvaluation, settings: CamEvaluationSettings): Promise<RandomisationSample[]> {
  const idx = subsetPerGroup(ev.set, settings.randomisation.imagesPerGroup);
  const pixels = ev.set.size * ev.set.size;
  const targets = Int32Array.from(idx, (i) => ev.targets[i]);
  const options = { targets, topChannels: settings.scoreCamChannels, samples: settings.dt.samples, sigma: settings.dt.sigma, seed: ev.spec.seed };
  const randomised = reinitialisedRunModel(ev.runDir);
  const input = camInput(ev.set, idx);
  try {
    const out: RandomisationSample[] = [];
    for (const run of ev.runs) {
      // maps, not masks: DT Grad-CAM is compared by its continuous averaged map
      const explainer = async (model: FeatureModel, x: tf.Tensor4D) => (await explain(run.method, model, x, options)).maps;
      out.push(await randomisationSample(run.label, explainer, pickRows(run.explanation.maps, pixels, idx), randomised, input));
    }
    return out;
  } finally {
    input.dispose();
    randomised.dispose();
  }
}

/** The samples of several runs (the paper profile's magnifications) joined per method, then summarised. */
export function randomisationSummaries(perRun: readonly (readonly RandomisationSample[])[]): { label: string; summary: RandomisationSummary }[] {
  const labels = [...new Set(perRun.flat().map((s) => s.label))];
  return labels.map((label) => ({ label, summary: summariseRandomisation(perRun.flat().filter((s) => s.label === label).flatMap((s) => s.rhos)) }));
}

export function randomisationTable(rows: readonly { label: string; summary: RandomisationSummary }[]): TableData {
  return {
    columns: ["method", "images", "images with a constant map", "mean rho_s", "mean |rho_s|", "95% low", "95% high", "fails if low >", "verdict"],
    rows: rows.map(({ label, summary: s }) => [label, s.images, s.undefinedImages, s.meanRho, s.meanAbsRho, s.low, s.high, s.threshold, s.verdict]),
  };
}

/** One sentence per method, from the computed values. */
export function randomisationFindings(rows: readonly { label: string; summary: RandomisationSummary }[]): string[] {
  const f = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
  return rows.map(({ label, summary: s }) => {
    const interval = s.low === null ? "no interval (fewer than two images with a defined rho_s)" : `${Math.round(s.confidence * 100)}% interval ${f(s.low)} to ${f(s.high)}`;
    const what = s.verdict === "fail" ? "FAILS: its maps stay similar when the weights are replaced" : s.verdict === "pass" ? "passes: its maps change with the weights" : "inconclusive on this run";
    const constant = s.undefinedImages ? ` (${s.undefinedImages} image${s.undefinedImages === 1 ? "" : "s"} left out: a constant map has no ranks)` : "";
    return `${label}: mean |rho_s| ${f(s.meanAbsRho)} over ${s.images} images${constant}, ${interval}; ${what}.`;
  });
}
