/**
 * `dala cam`: heat maps of a trained run for given images, or for the run's own test images, with
 * every CAM method the kit has. Writes per image and method an overlay PNG and a coloured map PNG,
 * a method's own mask (DT Grad-CAM's) as a PNG, and `cam.json` (targets, probabilities, thresholds,
 * milliseconds per image of each method after a warm-up, the options used, provenance). Test images
 * with a ground-truth region also get region metrics by the rules notebook 06 uses
 * (src/cam/evaluation/pipeline.ts), labelled with the kind of truth.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { defineCommand, UsageError } from "../command";
import { initBackend } from "../../backend/index";
import { provenance } from "../../provenance";
import { loadRunModel, openRunTestData } from "../../experiments/run-model";
import { decodeResized } from "../../data/pipeline/decode";
import { toBatchTensor } from "../../data/pipeline/scale";
import { CAM_METHOD_NAMES, parseCamMethod, type CamMethodName, type ExplainOptions } from "../../cam/methods";
import { colorize, overlay } from "../../cam/image/overlay";
import type { ColormapName } from "../../cam/image/colormap";
import { writeMaskPng, writePng } from "../../cam/png";
import { evaluateImageSubset } from "../../cam/evaluation/evaluate-regions";
import { writeFileAtomic } from "../../io/atomic-write";
import type { RegionScores } from "../../cam/evaluation/region-metrics";
import { groundTruth, hasRegion, type GroundTruth } from "../../cam/evaluation/ground-truth";
import { camMasks, runCamMethods, type MethodRun } from "../../cam/evaluation/pipeline";
import type { KitModel } from "../../models/types";

/** One image to explain: where it came from, its pixels at the model's size, its truth if known. */
interface Subject {
  source: string;
  pixels: Uint8Array;
  label?: string;
  /** The true class's index, for the run's own test images. */
  labelIndex?: number;
  truth?: GroundTruth;
}

async function fileSubjects(files: string[], size: number): Promise<Subject[]> {
  return Promise.all(files.map(async (f) => ({ source: f, pixels: await decodeResized(f, size) })));
}

/** The first `limit` images of the run's test split, in split order, with their ground truth. */
async function testSubjects(runDir: string, limit: number): Promise<Subject[]> {
  const { spec, test, manifest } = await openRunTestData(runDir);
  const out: Subject[] = [];
  for (let i = 0; i < Math.min(limit, test.length); i++) {
    const row = test.rows[i];
    const pixels = test.image(i);
    const truth = await groundTruth(manifest, row, pixels, test.size, spec.data.source === "synthetic");
    out.push({ source: manifest.rows[row].path, pixels, label: manifest.rows[row].label, labelIndex: test.labels[i], ...(truth && hasRegion(truth.mask) ? { truth } : {}) });
  }
  return out;
}

/** Output folder names from the sources' base names, made unique. */
function stems(sources: string[]): string[] {
  const seen = new Map<string, number>();
  return sources.map((s) => {
    const base = path.basename(s).replace(/\.[^.]+$/, "");
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    return k === 0 ? base : `${base}-${k}`;
  });
}

function number(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v)) throw new UsageError(`dala cam: --${option} must be a number, got '${value}'`);
  return v;
}

export default defineCommand({
  name: "cam",
  summary: "CAM heat maps, DT Grad-CAM masks and overlays of a trained run for given images or its test split",
  details: `Methods: ${CAM_METHOD_NAMES.join(", ")} (default: all). Images are resized to the run's input size and
scaled as the run was trained. --target chooses the class explained: label (the true class, the default
with --split test, as notebook 06 does), predicted (the default for --image files, which have no label),
or a class index for every image. --split test explains the run's own test images (the first --limit in split order) and scores each
map against the image's ground-truth region when the data set has one (synthetic masks, Mini-DDSM
lesion masks, or for H&E images a haematoxylin nuclei mask, marked as a proxy).`,
  options: {
    model: { type: "string", value: "RUN_DIR", description: "a finished run directory (config.json + best.safetensors)" },
    image: { type: "string", multiple: true, value: "PATH", description: "image file to explain" },
    split: { type: "string", value: "PART", description: "explain the run's own images instead: test" },
    limit: { type: "string", value: "N", default: "16", description: "with --split: images to explain" },
    method: { type: "string", multiple: true, value: "NAME", description: "CAM method" },
    target: { type: "string", value: "CLASS", description: "label, predicted, or a class index for every image" },
    out: { type: "string", value: "DIR", default: "results/cam", description: "output directory" },
    samples: { type: "string", value: "N", description: "DT Grad-CAM: noisy copies per image (default 8)" },
    sigma: { type: "string", value: "S", description: "DT Grad-CAM: noise level (default 0.1)" },
    "sigma-mode": { type: "string", value: "MODE", description: "DT Grad-CAM: relative (to the image range, default) or absolute" },
    seed: { type: "string", value: "N", default: "0", description: "DT Grad-CAM noise seed" },
    "top-channels": { type: "string", value: "N", description: "Score-CAM: keep the N most varied channels only" },
    "batch-size": { type: "string", value: "N", default: "8", description: "images per model call" },
    colormap: { type: "string", value: "NAME", default: "jet", description: "jet or viridis" },
    backend: { type: "string", value: "NAME", description: "force a backend: node-gpu, node, webgpu, wasm, cpu" },
  },
  async run({ values }) {
    const request = camRequest(values);
    await initBackend({ backend: values.backend });
    const kit = loadRunModel(request.runDir);
    let input: tf.Tensor4D | undefined;
    try {
      const subjects = request.split ? await testSubjects(request.runDir, request.limit) : await fileSubjects(request.images, kit.inputSize);
      const options: ExplainOptions = { ...request.explain, targets: explainedClasses(request.target, subjects) };
      input = toBatchTensor(subjects.map((s) => s.pixels), kit.inputSize, kit.options.normalization);
      const probabilities = await softmaxRows(kit, input);
      const runs = await runCamMethods(kit, input, request.methods, options);
      await writeImages(request.outDir, subjects, runs, kit.inputSize, request.colormap);
      const variants = variantScores(subjects, runs);
      const record = {
        model: { run: request.runDir, name: kit.name, camLayer: kit.camLayer, options: kit.options },
        options: { ...options, targets: request.target, colormap: request.colormap, ...(request.split ? { split: "test", limit: request.limit } : {}) },
        images: imageSummaries(subjects, runs, variants, probabilities, kit.numClasses),
        msPerImage: Object.fromEntries(runs.map((r) => [r.method, r.msPerImage])),
        ...regionSummary(subjects, variants),
        provenance: provenance({ config: { run: request.runDir, options }, seed: options.seed }),
      };
      fs.mkdirSync(request.outDir, { recursive: true });
      writeFileAtomic(path.join(request.outDir, "cam.json"), JSON.stringify(record, null, 2) + "\n");
      console.log(`[dala] cam: ${runs.length} method(s) x ${subjects.length} image(s) -> ${request.outDir}`);
      if (subjects.some((s) => s.truth?.kind === "nuclei-proxy")) console.log("[dala] cam: region metrics use a nuclei mask as a PROXY ground truth (no lesion annotations)");
    } finally {
      input?.dispose();
      kit.dispose();
    }
  },
});

/** The class each image is explained for: its true label, the model's prediction, or one index for all. */
type TargetRequest = "label" | "predicted" | number;

function targetRequest(value: string | undefined, split: boolean): TargetRequest {
  if (value === undefined) return split ? "label" : "predicted";
  if (value === "label" && !split) throw new UsageError("dala cam: --target label needs --split test (image files carry no label)");
  if (value === "label" || value === "predicted") return value;
  const v = number(value, "target")!;
  if (!(Number.isInteger(v) && v >= 0)) throw new UsageError(`dala cam: --target must be label, predicted or a class index, got '${value}'`);
  return v;
}

/** undefined lets each method explain the predicted class. */
function explainedClasses(target: TargetRequest, subjects: readonly Subject[]): number[] | undefined {
  if (target === "predicted") return undefined;
  return subjects.map((s) => (target === "label" ? s.labelIndex! : target));
}

interface CamRequest {
  runDir: string;
  images: string[];
  split: boolean;
  limit: number;
  methods: CamMethodName[];
  target: TargetRequest;
  explain: Omit<ExplainOptions, "targets">;
  outDir: string;
  colormap: ColormapName;
}

/** The command line as a request; every bad value is a usage error naming the option. */
function camRequest(values: Record<string, any>): CamRequest {
  if (!values.model) throw new UsageError("dala cam: --model RUN_DIR is required");
  if (values.split !== undefined && values.split !== "test") throw new UsageError(`dala cam: --split must be 'test', got '${values.split}'`);
  if (values.split && values.image?.length) throw new UsageError("dala cam: give either --image PATH or --split test, not both");
  if (!values.split && !values.image?.length) throw new UsageError("dala cam: give at least one --image PATH, or --split test");
  const limit = number(values.limit, "limit")!;
  if (!(Number.isInteger(limit) && limit >= 1)) throw new UsageError(`dala cam: --limit must be a positive integer, got '${values.limit}'`);
  const methods = (values.method?.length ? values.method : [...CAM_METHOD_NAMES]).map((m: string) => {
    try {
      return parseCamMethod(m);
    } catch (e) {
      throw new UsageError(`dala cam: --method: ${(e as Error).message}`);
    }
  });
  const colormap = values.colormap as ColormapName;
  if (colormap !== "jet" && colormap !== "viridis") throw new UsageError(`dala cam: --colormap must be jet or viridis, got '${values.colormap}'`);
  const sigmaMode = values["sigma-mode"];
  if (sigmaMode !== undefined && sigmaMode !== "relative" && sigmaMode !== "absolute") {
    throw new UsageError(`dala cam: --sigma-mode must be relative or absolute, got '${sigmaMode}'`);
  }
  return {
    runDir: values.model,
    images: values.image ?? [],
    split: values.split === "test",
    limit,
    methods,
    target: targetRequest(values.target, values.split === "test"),
    explain: {
      batchSize: number(values["batch-size"], "batch-size"),
      samples: number(values.samples, "samples"),
      sigma: number(values.sigma, "sigma"),
      // spelled out: tslab compiles without strictNullChecks and then does not narrow the string
      sigmaMode: sigmaMode as ExplainOptions["sigmaMode"],
      seed: number(values.seed, "seed"),
      topChannels: number(values["top-channels"], "top-channels"),
    },
    outDir: values.out,
    colormap,
  };
}

async function softmaxRows(kit: KitModel, input: tf.Tensor4D): Promise<number[]> {
  const p = tf.tidy(() => tf.softmax(kit.model.predict(input) as tf.Tensor2D));
  const rows = Array.from(await p.data());
  p.dispose();
  return rows;
}

/** Per image and method: the overlay, the coloured map and, where the method makes one, its mask. */
async function writeImages(outDir: string, subjects: Subject[], runs: MethodRun[], size: number, colormap: ColormapName): Promise<void> {
  const pixels = size * size;
  const names = stems(subjects.map((s) => s.source));
  for (const { method, explanation: e } of runs) {
    for (let i = 0; i < e.n; i++) {
      const stem = path.join(outDir, names[i]);
      const map = e.maps.subarray(i * pixels, (i + 1) * pixels);
      const rgb = Float32Array.from(subjects[i].pixels, (v) => v / 255);
      await writePng(path.join(stem, `${method}-overlay.png`), overlay(rgb, map, { colormap }), size, size, 3);
      await writePng(path.join(stem, `${method}-map.png`), Uint8Array.from(colorize(map, colormap), (v) => Math.round(v * 255)), size, size, 3);
      if (e.masks) await writeMaskPng(path.join(stem, `${method}-mask.png`), e.masks.subarray(i * pixels, (i + 1) * pixels), size, size);
    }
  }
}

interface VariantScores {
  label: string;
  method: CamMethodName;
  /** Per subject; undefined where it has no ground-truth region. */
  perImage: (RegionScores | undefined)[];
  mean: RegionScores;
}

/** Region scores of every mask variant on the images that have a ground-truth region. */
function variantScores(subjects: Subject[], runs: MethodRun[]): VariantScores[] {
  const scored = subjects.flatMap((s, i) => (s.truth ? [i] : []));
  if (scored.length === 0) return [];
  const pixels = subjects[0].pixels.length / 3;
  const truth = new Uint8Array(subjects.length * pixels);
  scored.forEach((i) => truth.set(subjects[i].truth!.mask, i * pixels));
  return camMasks(runs, { kind: "otsu" }).map((v) => {
    const evaluation = evaluateImageSubset(v.masks, truth, subjects.length, scored);
    const perImage: (RegionScores | undefined)[] = subjects.map(() => undefined);
    scored.forEach((i, k) => (perImage[i] = evaluation.perImage[k]));
    return { label: v.label, method: v.method, perImage, mean: evaluation.mean };
  });
}

function imageSummaries(subjects: Subject[], runs: MethodRun[], variants: VariantScores[], probabilities: number[], numClasses: number): Record<string, unknown>[] {
  return subjects.map((s, i) => ({
    image: s.source,
    ...(s.label !== undefined ? { label: s.label } : {}),
    ...(s.truth ? { groundTruth: s.truth.kind } : {}),
    probabilities: probabilities.slice(i * numClasses, (i + 1) * numClasses),
    methods: Object.fromEntries(
      runs.map(({ method, explanation: e }) => {
        const [own, map] = variants.filter((v) => v.method === method);
        const scores = own?.perImage[i] ? { region: own.perImage[i], ...(map?.perImage[i] ? { mapRegion: map.perImage[i] } : {}) } : {};
        return [method, { target: e.targets[i], ...(e.thresholds ? { threshold: e.thresholds[i] } : {}), ...scores }];
      }),
    ),
  }));
}

/**
 * Means over the images with a region, by method: `mean` scores each method's first mask variant (its
 * own mask where it makes one, else its map under Otsu), `mapMean` the map under Otsu of a method
 * that also has its own mask.
 */
function regionSummary(subjects: Subject[], variants: VariantScores[]): Record<string, unknown> {
  const kinds = [...new Set(subjects.flatMap((s) => (s.truth ? [s.truth.kind] : [])))];
  if (kinds.length === 0) return {};
  const images = subjects.filter((s) => s.truth).length;
  const byMethod = (k: 0 | 1) =>
    Object.fromEntries([...new Set(variants.map((v) => v.method))].flatMap((m) => {
      const v = variants.filter((x) => x.method === m)[k];
      return v ? [[m, { variant: v.label, ...v.mean, images }]] : [];
    }));
  return {
    regionMetrics: {
      groundTruth: kinds,
      binarization: "otsu per map; a method's own mask where it makes one (DT Grad-CAM: Otsu + opening + closing), and then its map under Otsu as mapRegion",
      mean: byMethod(0),
      mapMean: byMethod(1),
    },
  };
}
