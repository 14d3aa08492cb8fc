import * as path from "node:path";
import { defineCommand, UsageError } from "../command";
import { initBackend } from "../../backend/index";
import { DEFAULT_PROFILE, PROFILE_NAMES } from "../../profiles";
import { profileResultsDir } from "../../paths";
import { requestFromCli } from "../../experiments/command-line";
import { kitDeps } from "../../experiments/kit-deps";
import { runExperiment } from "../../experiments/run";
import { experimentKey, INIT_KINDS, SPLIT_KINDS } from "../../experiments/spec";
import { specToRun } from "../../experiments/micro-batch-fit";
import type { MetricName } from "../../metrics/index";

export default defineCommand({
  name: "train",
  summary: "train and test one experiment (model x data set x split x seed x profile) into the results directory",
  details: `
Results go to <results>/runs/<key>/, key = hash of the full experiment spec (see \`dala plan\`). A finished
experiment is not trained again. With --resume an unfinished one continues from its last checkpoint and
ends with the same weights as an uninterrupted run; without it, an unfinished one restarts from scratch.
The progress line (images/s, ETA) goes to stderr.

--frozen-trunk (ResNet50 family) is a deviation from the paper's protocol, labelled as such in the run's
label and config: the layers before the stage that trains (layer4 for DALAResNet50) are frozen with
their ImageNet weights, their features are stored once per image and per symmetry of the square under
<cache>/features/ (about 6.4 MB per training image at 224 px), and only the rest trains.`,
  options: {
    model: { type: "string", value: "NAME", description: "model registry name (e.g. dala_resnet50, resnet50)" },
    dataset: { type: "string", value: "NAME", description: "data set (breakhis, bach, miniddsm, synthetic-breakhis, ...)" },
    magnification: { type: "string", value: "MAG", description: "BreakHis magnification: 40X, 100X, 200X or 400X (default: all images)" },
    split: { type: "string", value: "KIND", description: `split: ${SPLIT_KINDS.join(" or ")}`, default: "paper" },
    profile: { type: "string", value: "NAME", description: `profile: ${PROFILE_NAMES.join(", ")}`, default: DEFAULT_PROFILE },
    seed: { type: "string", value: "N", description: "training seed: weight init, data order, augmentation, dropout (default: the profile's first)" },
    "split-seed": { type: "string", value: "N", description: "seed of the train/val/test split (default: the profile's data seed, the same for every training seed)" },
    "attention-after": { type: "string", value: "N", description: "DALAResNet50: attention module after layer N (1-4; Table 2 ablation)" },
    reduction: { type: "string", value: "R", description: "DALAResNet50: attention reduction ratio (default: 4 for 2 classes, else 16)" },
    init: { type: "string", value: "KIND", description: `start weights: ${INIT_KINDS.join(" or ")} (default: imagenet for real data)` },
    weights: { type: "string", value: "FILE", description: "ImageNet checkpoint for --init imagenet (default: where dala data fetch weights puts it)" },
    epochs: { type: "string", value: "N", description: "override the profile's epochs" },
    "batch-size": { type: "string", value: "N", description: "override the profile's batch size (examples per optimizer step)" },
    "micro-batch": { type: "string", value: "N", description: "examples per forward pass; < batch size = gradient accumulation" },
    "frozen-trunk": {
      type: "boolean",
      description: "deviation from the paper, for CPUs: freeze the layers before the trained stage, store their features, train the rest (8 flips/rotations as augmentation)",
    },
    "image-size": { type: "string", value: "PX", description: "override the profile's input side in pixels" },
    "synthetic-images": { type: "string", value: "N", description: "synthetic profiles: override the images generated per data set" },
    resume: { type: "boolean", description: "continue an unfinished run from its last checkpoint" },
    results: { type: "string", value: "DIR", description: "results directory (default: DALA_RESULTS, else ./results, and results/study/ for the study profile)" },
    backend: { type: "string", value: "NAME", description: "force a backend: node-gpu, node, webgpu, wasm, cpu" },
    quiet: { type: "boolean", description: "no progress line" },
    json: { type: "boolean", description: "print the run's metrics.json content on stdout" },
  },
  async run({ values }) {
    const request = (() => {
      try {
        return requestFromCli(values, DEFAULT_PROFILE);
      } catch (e) {
        throw new UsageError(`dala train: ${(e as Error).message}`);
      }
    })();
    const backend = await initBackend({ backend: values.backend });
    const resultsRoot = path.resolve(values.results ?? profileResultsDir(request.profile));
    const { spec, note } = await specToRun(resultsRoot, request, backend);
    if (note) console.error(`[dala] ${note}`);
    const outcome = await runExperiment(spec, {
      resultsRoot,
      resume: values.resume,
      progress: values.quiet ? false : {},
      deps: kitDeps({ weightsFile: values.weights }),
    });
    if (values.json) {
      console.log(JSON.stringify(outcome.metrics, null, 2));
      return;
    }
    const m = outcome.metrics;
    console.log(`key          ${experimentKey(spec)}${outcome.reused ? " (finished earlier, reused)" : ""}`);
    console.log(`results      ${outcome.dir}`);
    const score = (name: MetricName) => m.test.scores[name]?.toFixed(4) ?? "undefined";
    console.log(`test         accuracy ${score("accuracy")}, F1 ${score("f1Macro")}/${score("f1Weighted")} (macro/weighted), G-mean ${score("gmean")}, best epoch ${m.evaluatedEpoch}`);
    console.log(`convergence  ${m.convergence.seconds.toFixed(1)} s (epoch ${m.convergence.bestEpoch} of ${m.epochs}; ${m.convergence.definition})`);
  },
});
