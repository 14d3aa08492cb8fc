/**
 * `dala cam`: heat maps of a trained run for given images, or for the run's own test images, with
 * every CAM method the kit has. Writes per image and method an overlay PNG and a coloured map PNG,
 * DT Grad-CAM's mask as a PNG, and `cam.json` (targets, probabilities, DT thresholds, seconds per
 * method, the options used, provenance). Test images with a ground-truth region also get region
 * metrics per method (Otsu-binarised map; DT Grad-CAM's own mask), labelled with the kind of truth.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { defineCommand, UsageError } from "../command";
import { initBackend } from "../../backend";
import { provenance } from "../../provenance";
import { loadRunModel, openRunTestData } from "../../experiments/run-model";
import { decodeResized } from "../../data/pipeline/decode";
import { toBatchTensor } from "../../data/pipeline/scale";
import { CAM_METHOD_NAMES, explain, parseCamMethod, type CamMethodName, type ExplainOptions } from "../../cam/methods";
import { colorize, overlay } from "../../cam/image/overlay";
import type { ColormapName } from "../../cam/image/colormap";
import { writeMaskPng, writePng } from "../../cam/png";
import { binarizeMaps } from "../../cam/evaluation/binarize-maps";
import { meanScores, regionScores, type RegionScores } from "../../cam/evaluation/region-metrics";
import { groundTruth, hasRegion, type GroundTruth } from "../../reproduction/cam-ground-truth";

/** One image to explain: where it came from, its pixels at the model's size, its truth if known. */
interface Subject {
  source: string;
  pixels: Uint8Array;
  label?: string;
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
    out.push({ source: manifest.rows[row].path, pixels, label: manifest.rows[row].label, ...(truth && hasRegion(truth.mask) ? { truth } : {}) });
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
scaled as the run was trained. The target class is the predicted one unless --target is given.
--split test explains the run's own test images (the first --limit in split order) and scores each
map against the image's ground-truth region when the data set has one (synthetic masks, Mini-DDSM
lesion masks, or for H&E images a haematoxylin nuclei mask, marked as a proxy).`,
  options: {
    model: { type: "string", value: "RUN_DIR", description: "a finished run directory (config.json + best.safetensors)" },
    image: { type: "string", multiple: true, value: "PATH", description: "image file to explain" },
    split: { type: "string", value: "PART", description: "explain the run's own images instead: test" },
    limit: { type: "string", value: "N", default: "16", description: "with --split: images to explain" },
    method: { type: "string", multiple: true, value: "NAME", description: "CAM method" },
    target: { type: "string", value: "CLASS", description: "class index to explain for every image" },
    out: { type: "string", value: "DIR", default: "results/cam", description: "output directory" },
    samples: { type: "string", value: "N", description: "DT Grad-CAM: noisy copies per image (default 8)" },
    sigma: { type: "string", value: "S", description: "DT Grad-CAM: noise level (default 0.1)" },
    "sigma-mode": { type: "string", value: "MODE", description: "DT Grad-CAM: relative (to the image range, default) or absolute" },
    seed: { type: "string", value: "N", default: "0", description: "DT Grad-CAM noise seed" },
    "top-channels": { type: "string", value: "N", description: "Score-CAM: keep the N most varied channels only" },
    "batch-size": { type: "string", value: "N", default: "8", description: "images per model call" },
    colormap: { type: "string", value: "NAME", default: "jet", description: "jet or viridis" },
    backend: { type: "string", value: "NAME", description: "force a backend: node-gpu, node, wasm, cpu" },
  },
  async run({ values }) {
    if (!values.model) throw new UsageError("dala cam: --model RUN_DIR is required");
    if (values.split !== undefined && values.split !== "test") throw new UsageError(`dala cam: --split must be 'test', got '${values.split}'`);
    if (values.split && values.image?.length) throw new UsageError("dala cam: give either --image PATH or --split test, not both");
    if (!values.split && !values.image?.length) throw new UsageError("dala cam: give at least one --image PATH, or --split test");
    const limit = number(values.limit, "limit")!;
    if (!(Number.isInteger(limit) && limit >= 1)) throw new UsageError(`dala cam: --limit must be a positive integer, got '${values.limit}'`);
    const methods = (values.method?.length ? values.method : [...CAM_METHOD_NAMES]).map((m) => {
      try {
        return parseCamMethod(m);
      } catch (e) {
        throw new UsageError(`dala cam: --method: ${(e as Error).message}`);
      }
    });
    const colormapName = values.colormap as ColormapName;
    if (colormapName !== "jet" && colormapName !== "viridis") throw new UsageError(`dala cam: --colormap must be jet or viridis, got '${values.colormap}'`);
    const sigmaModeValue = values["sigma-mode"];
    if (sigmaModeValue !== undefined && sigmaModeValue !== "relative" && sigmaModeValue !== "absolute") {
      throw new UsageError(`dala cam: --sigma-mode must be relative or absolute, got '${sigmaModeValue}'`);
    }
    // spelled out: tslab compiles without strictNullChecks and then does not narrow the string
    const sigmaMode = sigmaModeValue as ExplainOptions["sigmaMode"];
    const target = number(values.target, "target");

    await initBackend({ backend: values.backend });
    const kit = loadRunModel(values.model);
    const size = kit.inputSize;
    const pixels = size * size;
    let input: tf.Tensor4D | undefined;
    try {
      const subjects = values.split ? await testSubjects(values.model, limit) : await fileSubjects(values.image!, size);
      const names = stems(subjects.map((s) => s.source));
      const options: ExplainOptions = {
        batchSize: number(values["batch-size"], "batch-size"),
        samples: number(values.samples, "samples"),
        sigma: number(values.sigma, "sigma"),
        sigmaMode,
        seed: number(values.seed, "seed"),
        topChannels: number(values["top-channels"], "top-channels"),
        targets: target === undefined ? undefined : subjects.map(() => target),
      };
      input = toBatchTensor(subjects.map((s) => s.pixels), size, kit.options.normalization);
      const outDir = values.out!;
      const probabilities = tf.tidy(() => tf.softmax(kit.model.predict(input!) as tf.Tensor2D));
      const probs = Array.from(await probabilities.data());
      probabilities.dispose();
      const summary: Record<string, unknown>[] = subjects.map((s, i) => ({
        image: s.source,
        ...(s.label !== undefined ? { label: s.label } : {}),
        ...(s.truth ? { groundTruth: s.truth.kind } : {}),
        probabilities: probs.slice(i * kit.numClasses, (i + 1) * kit.numClasses),
        methods: {} as Record<string, unknown>,
      }));
      const seconds: Partial<Record<CamMethodName, number>> = {};
      const regionMeans: Partial<Record<CamMethodName, RegionScores & { images: number }>> = {};
      for (const method of methods) {
        const start = performance.now();
        const e = await explain(method, kit, input, options);
        seconds[method] = (performance.now() - start) / 1000;
        // Otsu on every method's map, DT Grad-CAM's own final mask: as notebook 06 scores them.
        const masks = e.masks ?? binarizeMaps(e.maps, e.n, { kind: "otsu" }).masks;
        const scored: RegionScores[] = [];
        for (let i = 0; i < e.n; i++) {
          const stem = path.join(outDir, names[i]);
          const map = e.maps.subarray(i * pixels, (i + 1) * pixels);
          const rgb = Float32Array.from(subjects[i].pixels, (v) => v / 255);
          await writePng(path.join(stem, `${method}-overlay.png`), overlay(rgb, map, { colormap: colormapName }), size, size, 3);
          await writePng(path.join(stem, `${method}-map.png`), Uint8Array.from(colorize(map, colormapName), (v) => Math.round(v * 255)), size, size, 3);
          const entry: Record<string, unknown> = { target: e.targets[i] };
          if (e.masks) {
            await writeMaskPng(path.join(stem, `${method}-mask.png`), e.masks.subarray(i * pixels, (i + 1) * pixels), size, size);
            entry.threshold = e.thresholds![i];
          }
          const truth = subjects[i].truth;
          if (truth) {
            const region = regionScores(masks.subarray(i * pixels, (i + 1) * pixels), truth.mask);
            entry.region = region;
            scored.push(region);
          }
          (summary[i].methods as Record<string, unknown>)[method] = entry;
        }
        if (scored.length) regionMeans[method] = { ...meanScores(scored), images: scored.length };
      }
      fs.mkdirSync(outDir, { recursive: true });
      const kinds = [...new Set(subjects.flatMap((s) => (s.truth ? [s.truth.kind] : [])))];
      const record = {
        model: { run: values.model, name: kit.name, camLayer: kit.camLayer, options: kit.options },
        options: { ...options, targets: target, colormap: colormapName, ...(values.split ? { split: values.split, limit } : {}) },
        images: summary,
        secondsPerMethod: seconds,
        ...(kinds.length ? { regionMetrics: { groundTruth: kinds, binarization: "otsu (DT Grad-CAM: its own mask)", mean: regionMeans } } : {}),
        provenance: provenance({ config: { run: values.model, options }, seed: options.seed }),
      };
      fs.writeFileSync(path.join(outDir, "cam.json"), JSON.stringify(record, null, 2) + "\n");
      console.log(`[dala] cam: ${methods.length} method(s) x ${subjects.length} image(s) -> ${outDir}`);
      if (kinds.includes("nuclei-proxy")) console.log("[dala] cam: region metrics use a nuclei mask as a PROXY ground truth (no lesion annotations)");
    } finally {
      input?.dispose();
      kit.dispose();
    }
  },
});
