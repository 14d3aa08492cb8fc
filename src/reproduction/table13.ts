/**
 * The paper's Table 13 (DT Grad-CAM against Grad-CAM in words: "clear and focused", "effectively
 * minimizes noise", ...) beside a measurement that stands for each row, computed from notebook 06's
 * evaluation. The paper measures none of its five rows, so each counterpart is a proxy the kit
 * chooses and names; the direction each one shows is computed, never written by hand.
 *
 * DT Grad-CAM is scored by its own final mask (Otsu + opening + closing), Grad-CAM by its map under
 * Otsu's threshold, the binarisation the kit's Table 14 uses for every method. Each measured row is a
 * paired difference over the same images (DT Grad-CAM - Grad-CAM) with a paired bootstrap interval,
 * resampled within each magnification so that every resample keeps the set's mix.
 */
import { maskMeasures, type MaskMeasures } from "../cam/evaluation/mask-measures";
import { truthMasks } from "../cam/evaluation/images";
import type { FaithfulnessRow } from "../cam/evaluation/faithfulness-comparison";
import type { Connectivity } from "../cam/image/connected-components";
import { camLabel } from "../cam/methods";
import { paperRows } from "../paper/paper-tables";
import type { TableData } from "../report/tables/table-data";
import { pairedBootstrap } from "../statistics/index";
import type { CamRunEvaluation } from "./cam-run";

/** What Table 13 needs of one evaluated run, in plain arrays (so a test can build one by hand). */
export interface Table13Images {
  height: number;
  width: number;
  /** Magnification (or "all") per image: the bootstrap resamples within each. */
  groups: readonly string[];
  /** True regions [n, H, W]. */
  truth: Uint8Array;
  /** DT Grad-CAM's final masks [n, H, W]. */
  dtMasks: Uint8Array;
  /** Otsu's threshold of each image's averaged DT Grad-CAM map. */
  dtThresholds: ArrayLike<number>;
  /** Grad-CAM's maps binarised with Otsu [n, H, W]. */
  gradCamMasks: Uint8Array;
}

const DT = camLabel("dtgradcam");
const GRAD = camLabel("gradcam");

export function table13Images(ev: Pick<CamRunEvaluation, "set" | "runs" | "variants">): Table13Images {
  const dtMask = ev.variants.find((v) => v.method === "dtgradcam" && v.label === DT);
  const gradMask = ev.variants.find((v) => v.method === "gradcam");
  const thresholds = ev.runs.find((r) => r.method === "dtgradcam")?.explanation.thresholds;
  if (!dtMask || !gradMask || !thresholds) throw new Error(`Table 13 needs DT Grad-CAM (mask and thresholds) and Grad-CAM; the evaluation has ${ev.variants.map((v) => v.label).join(", ")}`);
  return {
    height: ev.set.size,
    width: ev.set.size,
    groups: ev.set.images.map((im) => im.group),
    truth: truthMasks(ev.set),
    dtMasks: dtMask.masks,
    dtThresholds: thresholds,
    gradCamMasks: gradMask.masks,
  };
}

export type Expectation = "lower" | "higher";

/** A measured stand-in for one of Table 13's aspects, and which way the paper's words point it. */
interface Proxy {
  aspect: string;
  measure: keyof MaskMeasures;
  label: (connectivity: Connectivity) => string;
  paperImplies: Expectation;
}

const PROXIES: readonly Proxy[] = [
  { aspect: "visualizationClarity", measure: "share", label: () => "highlighted share of the image ('focused' read as less area)", paperImplies: "lower" },
  { aspect: "visualizationClarity", measure: "components", label: (c) => `connected components of the mask, ${c}-connectivity ('dispersed' read as more blobs)`, paperImplies: "lower" },
  { aspect: "interpretability", measure: "iou", label: () => "IoU with the true region ('meaningful' read as on the region)", paperImplies: "higher" },
  { aspect: "noiseReduction", measure: "outsideOfMask", label: () => "share of the highlight outside the true region (1 - precision)", paperImplies: "lower" },
  { aspect: "noiseReduction", measure: "outsideOfImage", label: () => "highlight outside the true region, as a share of the image", paperImplies: "lower" },
  { aspect: "noiseReduction", measure: "componentsOutside", label: (c) => `components sharing no pixel with the true region, ${c}-connectivity`, paperImplies: "lower" },
];

export interface Table13Row {
  /** The paper's row label, e.g. "Noise Reduction". */
  aspect: string;
  paperDtGradCam: string;
  paperGradCam: string;
  /** What was measured for this row (or why nothing was). */
  measure: string;
  images: number;
  /** Mean over images (DT Grad-CAM's threshold row: the mean threshold). */
  dtGradCam: number | null;
  gradCam: number | null;
  /** Mean paired difference DT Grad-CAM - Grad-CAM, and its bootstrap interval. */
  difference: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
  /** Which way the paper's words point the measure; null where they point no measurable way. */
  paperImplies: Expectation | null;
  /** The measured direction, in words. */
  direction: string;
  /** Whether the interval lies on the side the paper implies; null where nothing is shown either way. */
  agreesWithPaper: boolean | null;
}

export interface Table13Options {
  nResamples?: number;
  seed?: number;
  confidence?: number;
  connectivity?: Connectivity;
  /** Faithfulness rows of the same run: shown as a related number for Diagnostic Relevance. */
  faithfulness?: readonly FaithfulnessRow[];
}

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0) / xs.length;

/** The interval's side of 0 in words, and whether that side is the one the paper implies. */
export function measuredDirection(low: number, high: number, implies: Expectation | null): { direction: string; agreesWithPaper: boolean | null } {
  const shown: Expectation | null = low > 0 ? "higher" : high < 0 ? "lower" : null;
  if (shown === null) return { direction: "no difference shown (the interval includes 0)", agreesWithPaper: null };
  const agrees = implies === null ? null : shown === implies;
  const paper = agrees === null ? "" : agrees ? ", the way the paper's row points" : ", against the paper's row";
  return { direction: `DT Grad-CAM ${shown}${paper}`, agreesWithPaper: agrees };
}

/** Mean, sample standard deviation and range of per-image values. */
export function spread(values: ArrayLike<number>): { mean: number; sd: number; min: number; max: number } {
  const xs = Array.from(values);
  if (xs.length === 0) throw new Error("spread: no values");
  const m = mean(xs);
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean: m, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

function perImageMeasures(masks: Uint8Array, im: Table13Images, connectivity: Connectivity): MaskMeasures[] {
  const pixels = im.height * im.width;
  return im.groups.map((_, i) => maskMeasures(masks.subarray(i * pixels, (i + 1) * pixels), im.truth.subarray(i * pixels, (i + 1) * pixels), im.height, im.width, connectivity));
}

function checkImages(im: Table13Images): void {
  const n = im.groups.length;
  const pixels = im.height * im.width;
  if (n === 0) throw new Error("Table 13: no images");
  for (const [name, a] of [["truth", im.truth], ["dtMasks", im.dtMasks], ["gradCamMasks", im.gradCamMasks]] as const) {
    if (a.length !== n * pixels) throw new Error(`Table 13: ${name} has ${a.length} values for ${n} images of ${im.height}x${im.width}`);
  }
  if (im.dtThresholds.length !== n) throw new Error(`Table 13: ${im.dtThresholds.length} thresholds for ${n} images`);
}

const fixed = (x: number) => x.toPrecision(4);

export function table13Rows(im: Table13Images, options: Table13Options = {}): Table13Row[] {
  checkImages(im);
  const connectivity = options.connectivity ?? 8;
  const n = im.groups.length;
  const groupIds = [...new Set(im.groups)];
  const strata = im.groups.map((g) => groupIds.indexOf(g));
  const dt = perImageMeasures(im.dtMasks, im, connectivity);
  const grad = perImageMeasures(im.gradCamMasks, im, connectivity);
  const paper = new Map(paperRows(13).map((r) => [r.keys.aspect!, { label: r.label, dt: String(r.values.find((v) => v.keys.cam === DT)!.value), grad: String(r.values.find((v) => v.keys.cam === GRAD)!.value) }]));
  const text = (aspect: string) => {
    const p = paper.get(aspect);
    if (!p) throw new Error(`Table 13 has no aspect '${aspect}'`);
    return { aspect: p.label, paperDtGradCam: p.dt, paperGradCam: p.grad };
  };
  const empty = { images: n, dtGradCam: null, gradCam: null, difference: null, low: null, high: null, pValue: null, paperImplies: null, agreesWithPaper: null };

  const t = spread(im.dtThresholds);
  const rows: Table13Row[] = [
    {
      ...text("adaptiveThresholding"),
      ...empty,
      measure: "Otsu's threshold of DT Grad-CAM's averaged map, per image (Grad-CAM as the paper describes it sets none)",
      dtGradCam: t.mean,
      direction: t.sd > 0 ? `the threshold changes from image to image: sd ${fixed(t.sd)}, range ${fixed(t.min)} to ${fixed(t.max)}` : `one threshold for every image (${fixed(t.mean)})`,
    },
  ];
  for (const p of PROXIES) {
    const a = Float64Array.from(dt, (m) => m[p.measure]);
    const b = Float64Array.from(grad, (m) => m[p.measure]);
    const ci = pairedBootstrap((_y, x: Float64Array) => mean(x), strata, a, b, { nResamples: options.nResamples ?? 1000, seed: options.seed ?? 0, confidence: options.confidence ?? 0.95, stratify: true });
    rows.push({
      ...text(p.aspect),
      ...empty,
      measure: p.label(connectivity),
      dtGradCam: mean(a),
      gradCam: mean(b),
      difference: ci.estimate,
      low: ci.low,
      high: ci.high,
      pValue: ci.pValue,
      paperImplies: p.paperImplies,
      ...measuredDirection(ci.low, ci.high, p.paperImplies),
    });
  }
  rows.push({ ...text("diagnosticRelevance"), ...empty, measure: "no measured counterpart: nothing here makes or scores a diagnosis from a map", direction: "not measured" });
  const faithDt = options.faithfulness?.find((r) => r.map === DT);
  const faithGrad = options.faithfulness?.find((r) => r.map === GRAD);
  if (faithDt && faithGrad) {
    const d = faithDt.difference - faithGrad.difference;
    rows.push({
      ...text("diagnosticRelevance"),
      ...empty,
      images: faithDt.images,
      measure: "related only, not diagnosis: faithfulness of the map to the model's decision (insertion - deletion; means, no per-image values kept, so no interval)",
      dtGradCam: faithDt.difference,
      gradCam: faithGrad.difference,
      difference: d,
      direction: d === 0 ? "equal means" : `DT Grad-CAM's map ${d > 0 ? "higher" : "lower"} on the mean (no interval)`,
    });
  }
  return rows;
}

const interval = (r: Table13Row) => (r.low === null || r.high === null ? "" : `[${r.low.toFixed(4)}, ${r.high.toFixed(4)}]`);

/** The paper's words beside the measurements; the paper's cells only on an aspect's first row. */
export function table13Table(rows: readonly Table13Row[]): TableData {
  return {
    columns: ["Table 13 aspect", "paper: DT Grad-CAM", "paper: Grad-CAM", "measured counterpart", "images", "DT Grad-CAM", "Grad-CAM", "difference (DT - Grad)", "95% CI", "measured direction"],
    rows: rows.map((r, i) => {
      const first = i === 0 || rows[i - 1].aspect !== r.aspect;
      return [r.aspect, first ? r.paperDtGradCam : "", first ? r.paperGradCam : "", r.measure, r.images, r.dtGradCam, r.gradCam, r.difference, interval(r), r.direction];
    }),
  };
}

const value = (x: number | null) => (x === null ? "none" : x.toFixed(4));

/** One sentence per measured row, then how many rows go the paper's way, against it, or neither. */
export function table13Findings(rows: readonly Table13Row[]): string[] {
  const out = rows.map((r) => {
    if (r.dtGradCam === null) return `${r.aspect} ("${r.paperDtGradCam}"): ${r.measure}.`;
    if (r.gradCam === null) return `${r.aspect} ("${r.paperDtGradCam}"): mean ${r.measure} ${value(r.dtGradCam)} over ${r.images} images; ${r.direction}.`;
    const ci = r.low === null ? "" : ` ${interval(r)}`;
    return `${r.aspect} ("${r.paperDtGradCam}" against "${r.paperGradCam}"): ${r.measure}: DT Grad-CAM ${value(r.dtGradCam)}, Grad-CAM ${value(r.gradCam)}, difference ${value(r.difference)}${ci} over ${r.images} images; ${r.direction}.`;
  });
  const tested = rows.filter((r) => r.paperImplies !== null);
  const agree = tested.filter((r) => r.agreesWithPaper === true).length;
  const against = tested.filter((r) => r.agreesWithPaper === false).length;
  out.push(`Of the ${tested.length} measured rows with an interval, ${agree} show DT Grad-CAM on the side the paper's words point, ${against} on the other side, and ${tested.length - agree - against} no difference.`);
  return out;
}
