/**
 * `dala cam`: heat maps of a trained run for given images, with every CAM method the kit has.
 * Writes per image and method an overlay PNG and a coloured map PNG, DT Grad-CAM's mask as a PNG,
 * and `cam.json` (targets, probabilities, DT thresholds, seconds per method, the options used, provenance).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { defineCommand, UsageError } from "../command";
import { initBackend } from "../../backend";
import { provenance } from "../../provenance";
import { createModel } from "../../models/registry";
import type { KitModel, ResolvedOptions } from "../../models/types";
import { loadCheckpoint, restoreWeights } from "../../training/checkpoint";
import { decodeResized } from "../../data/pipeline/decode";
import { toBatchTensor } from "../../data/pipeline/scale";
import { CAM_METHOD_NAMES, explain, parseCamMethod, type CamMethodName, type ExplainOptions } from "../../cam/methods";
import { colorize, overlay } from "../../cam/image/overlay";
import type { ColormapName } from "../../cam/image/colormap";
import { writeMaskPng, writePng } from "../../cam/png";

/** The run's model with its best-on-validation weights. */
function loadRunModel(runDir: string): KitModel {
  const configFile = path.join(runDir, "config.json");
  const weightsFile = path.join(runDir, "best.safetensors");
  for (const f of [configFile, weightsFile]) if (!fs.existsSync(f)) throw new UsageError(`dala cam: --model ${runDir}: ${path.basename(f)} not found (is it a finished run directory?)`);
  const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as { spec: { model: string }; model: { options: ResolvedOptions } };
  if (!config.spec?.model || !config.model?.options) throw new Error(`${configFile}: missing spec.model or model.options`);
  const kit = createModel(config.spec.model, config.model.options);
  try {
    restoreWeights(kit.model, loadCheckpoint(weightsFile), weightsFile);
  } catch (e) {
    kit.dispose();
    throw e;
  }
  return kit;
}

function number(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v)) throw new UsageError(`dala cam: --${option} must be a number, got '${value}'`);
  return v;
}

export default defineCommand({
  name: "cam",
  summary: "CAM heat maps, DT Grad-CAM masks and overlays of a trained run for given images",
  details: `Methods: ${CAM_METHOD_NAMES.join(", ")} (default: all). Images are resized to the run's input size and
scaled as the run was trained. The target class is the predicted one unless --target is given.`,
  options: {
    model: { type: "string", value: "RUN_DIR", description: "a finished run directory (config.json + best.safetensors)" },
    image: { type: "string", multiple: true, value: "PATH", description: "image file to explain" },
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
    if (!values.image?.length) throw new UsageError("dala cam: give at least one --image PATH");
    const methods = (values.method?.length ? values.method : [...CAM_METHOD_NAMES]).map((m) => {
      try {
        return parseCamMethod(m);
      } catch (e) {
        throw new UsageError(`dala cam: --method: ${(e as Error).message}`);
      }
    });
    const colormapName = values.colormap as ColormapName;
    if (colormapName !== "jet" && colormapName !== "viridis") throw new UsageError(`dala cam: --colormap must be jet or viridis, got '${values.colormap}'`);
    const sigmaMode = values["sigma-mode"];
    if (sigmaMode !== undefined && sigmaMode !== "relative" && sigmaMode !== "absolute") {
      throw new UsageError(`dala cam: --sigma-mode must be relative or absolute, got '${sigmaMode}'`);
    }
    const target = number(values.target, "target");
    const options: ExplainOptions = {
      batchSize: number(values["batch-size"], "batch-size"),
      samples: number(values.samples, "samples"),
      sigma: number(values.sigma, "sigma"),
      sigmaMode,
      seed: number(values.seed, "seed"),
      topChannels: number(values["top-channels"], "top-channels"),
      targets: target === undefined ? undefined : values.image.map(() => target),
    };

    await initBackend({ backend: values.backend });
    const kit = loadRunModel(values.model);
    const size = kit.inputSize;
    const pixels = await Promise.all(values.image.map((f) => decodeResized(f, size)));
    const input = toBatchTensor(pixels, size, kit.options.normalization);
    const outDir = values.out!;
    try {
      const probabilities = tf.tidy(() => tf.softmax(kit.model.predict(input) as tf.Tensor2D));
      const probs = Array.from(await probabilities.data());
      probabilities.dispose();
      const summary: Record<string, unknown>[] = values.image.map((file, i) => ({
        image: file,
        probabilities: probs.slice(i * kit.numClasses, (i + 1) * kit.numClasses),
        methods: {} as Record<string, unknown>,
      }));
      const seconds: Partial<Record<CamMethodName, number>> = {};
      for (const method of methods) {
        const start = performance.now();
        const e = await explain(method, kit, input, options);
        seconds[method] = (performance.now() - start) / 1000;
        for (let i = 0; i < e.n; i++) {
          const stem = path.join(outDir, path.basename(values.image[i]).replace(/\.[^.]+$/, ""));
          const map = e.maps.subarray(i * size * size, (i + 1) * size * size);
          const rgb = Float32Array.from(pixels[i], (v) => v / 255);
          await writePng(path.join(stem, `${method}-overlay.png`), overlay(rgb, map, { colormap: colormapName }), size, size, 3);
          await writePng(path.join(stem, `${method}-map.png`), Uint8Array.from(colorize(map, colormapName), (v) => Math.round(v * 255)), size, size, 3);
          const entry: Record<string, unknown> = { target: e.targets[i] };
          if (e.masks) {
            await writeMaskPng(path.join(stem, `${method}-mask.png`), e.masks.subarray(i * size * size, (i + 1) * size * size), size, size);
            entry.threshold = e.thresholds![i];
          }
          (summary[i].methods as Record<string, unknown>)[method] = entry;
        }
      }
      fs.mkdirSync(outDir, { recursive: true });
      const record = {
        model: { run: values.model, name: kit.name, camLayer: kit.camLayer, options: kit.options },
        options: { ...options, targets: target, colormap: colormapName },
        images: summary,
        secondsPerMethod: seconds,
        provenance: provenance({ config: { run: values.model, options }, seed: options.seed }),
      };
      fs.writeFileSync(path.join(outDir, "cam.json"), JSON.stringify(record, null, 2) + "\n");
      console.log(`[dala] cam: ${methods.length} method(s) x ${values.image.length} image(s) -> ${outDir}`);
    } finally {
      input.dispose();
      kit.dispose();
    }
  },
});
