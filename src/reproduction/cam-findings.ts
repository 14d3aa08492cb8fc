/**
 * The measured facts notebook 06 ends with, written from the numbers of this run (not hard-coded),
 * so the conclusions stay true whatever profile, data or seed produced them.
 */
import { PAPER_CAMS } from "../paper/paper-tables";
import { camLabel } from "../cam/methods";
import { DT_MAP_OTSU_LABEL } from "../cam/evaluation/pipeline";
import { POOLED, type RegionRow } from "./cam-region-rows";
import { RANDOM_MAP_LABEL, TRUTH_MAP_LABEL, type FaithfulnessRow } from "../cam/evaluation/faithfulness-comparison";
import { type ScoreCamCheck } from "../cam/evaluation/score-cam-check";
import { paperMeanF1 } from "./cam-tables";
import type { SensitivityRow } from "./dt-sensitivity";

const f = (x: number) => x.toFixed(3);
const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(3)}`;

function pooled(rows: readonly RegionRow[]): Map<string, RegionRow> {
  const hasPooled = rows.some((r) => r.group === POOLED);
  return new Map(rows.filter((r) => !hasPooled || r.group === POOLED).map((r) => [r.variant, r]));
}

export interface FindingsInput {
  regions: readonly RegionRow[];
  faithfulness: readonly FaithfulnessRow[];
  sensitivity?: readonly SensitivityRow[];
  scoreCamCheck?: ScoreCamCheck;
}

export function camFindings(input: FindingsInput): string[] {
  const out: string[] = [];
  const p = pooled(input.regions);
  const grad = p.get(camLabel("gradcam"));
  const dt = p.get(camLabel("dtgradcam"));
  const dtOtsu = p.get(DT_MAP_OTSU_LABEL);
  const kitOrder = PAPER_CAMS.filter((c) => p.has(c)).sort((a, b) => p.get(b)!.scores.f1 - p.get(a)!.scores.f1);
  const paper = paperMeanF1();
  const paperOrder = [...PAPER_CAMS].sort((a, b) => paper.get(b)! - paper.get(a)!);
  const kitF1 = kitOrder.map((c) => p.get(c)!.scores.f1);
  if (kitF1.length && Math.max(...kitF1) === Math.min(...kitF1)) {
    out.push(`All methods have the same F1 (${f(kitF1[0])}): the maps carry no spatial information here (a CAM layer of one cell gives constant maps), so there is no ranking to compare with the paper's ${paperOrder.join(" > ")}.`);
  } else {
    out.push(`Ranking by F1: paper ${paperOrder.join(" > ")}; kit ${kitOrder.join(" > ")}${kitOrder.join() === paperOrder.join() ? " (the same order)" : " (a different order)"}.`);
  }
  if (grad && dt) {
    out.push(
      `DT Grad-CAM vs Grad-CAM (pooled over ${dt.images} images): F1 ${f(dt.scores.f1)} vs ${f(grad.scores.f1)} (${signed(dt.scores.f1 - grad.scores.f1)}), ` +
        `recall ${f(dt.scores.recall)} vs ${f(grad.scores.recall)}, precision ${f(dt.scores.precision)} vs ${f(grad.scores.precision)}. ` +
        `The paper reports +${f(paper.get("DT Grad-CAM")! - paper.get("Grad-CAM")!)} F1 (mean over magnifications).`,
    );
  }
  if (dt && dtOtsu) {
    out.push(`Opening + closing change DT Grad-CAM's F1 by ${signed(dt.scores.f1 - dtOtsu.scores.f1)} (${f(dtOtsu.scores.f1)} without them).`);
  }
  const methods = input.faithfulness.filter((r) => r.map !== RANDOM_MAP_LABEL && r.map !== TRUTH_MAP_LABEL);
  if (methods.length) {
    const best = [...methods].sort((a, b) => b.difference - a.difference);
    const random = input.faithfulness.find((r) => r.map === RANDOM_MAP_LABEL);
    const truth = input.faithfulness.find((r) => r.map === TRUTH_MAP_LABEL);
    out.push(
      `Faithfulness (insertion - deletion, higher is better): ${best.map((r) => `${r.map} ${signed(r.difference)}`).join(", ")}` +
        `${random ? `; a random map gives ${signed(random.difference)}` : ""}${truth ? `, the true region used as a map ${signed(truth.difference)}` : ""}.`,
    );
    if (random) {
      const above = methods.filter((r) => r.difference > random.difference).map((r) => r.map);
      out.push(
        above.length === methods.length
          ? "Every method is more faithful than a random map."
          : above.length === 0
            ? "No method is more faithful than a random map: on this model the deletion/insertion test cannot tell the maps apart from chance."
            : `Only ${above.join(", ")} ${above.length === 1 ? "is" : "are"} more faithful than a random map.`,
      );
    }
    const byF1 = [...methods].filter((r) => p.has(r.map)).sort((a, b) => p.get(b.map)!.scores.f1 - p.get(a.map)!.scores.f1);
    if (byF1.length > 1 && best[0].map !== byF1[0].map) {
      out.push(`The method that overlaps the true region best (${byF1[0].map}) is not the most faithful one (${best[0].map}): agreement with a region and faithfulness to the model are different properties.`);
    }
  }
  if (input.sensitivity?.length) {
    const s = input.sensitivity;
    const f1s = s.map((r) => r.scores.f1);
    const noNoise = s.find((r) => r.samples === 1 && r.sigma === 0);
    const bestRow = [...s].sort((a, b) => b.scores.f1 - a.scores.f1)[0];
    out.push(
      `DT Grad-CAM's F1 over the (N, sigma) grid ranges from ${f(Math.min(...f1s))} to ${f(Math.max(...f1s))} ` +
        `(best N = ${bestRow.samples}, sigma = ${bestRow.sigma}${noNoise ? `; no noise, N = 1: ${f(noNoise.scores.f1)}` : ""}), on ${s[0].images} images.`,
    );
  }
  const c = input.scoreCamCheck;
  if (c) {
    out.push(
      `Score-CAM on ${c.channels} of ${c.totalChannels} channels agrees with full Score-CAM at map correlation ${f(c.mapCorrelation)} and mask IoU ${f(c.maskIoU)} ` +
        `(${c.images} images), ${(c.msPerImageFull / c.msPerImageLimited).toFixed(1)}x faster.`,
    );
  }
  return out;
}
