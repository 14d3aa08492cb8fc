import { test } from "node:test";
import { getProfile } from "../../src/profiles";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { gridEntries } from "../../src/experiments/grid";
import { buildSpec, experimentKey } from "../../src/experiments/spec";
import { RESULT_FILES, runDirectory, writeJsonAtomic } from "../../src/experiments/run-dir";
import { savePredictions } from "../../src/training/predict";
import { convergenceEntries, curvesFigure, epochTimingTable, relativeConvergenceTable } from "../../src/reproduction/convergence-table";
import { ablationRequests, baselineRequests, coverageMarkdown, paperDatasetOf, planCoverage } from "../../src/reproduction/experiment-plan";
import { paperModelName, registryModelName, paperOrderRegistryNames } from "../../src/reproduction/model-names";
import { loadRunResult, loadRunResults } from "../../src/reproduction/run-results";
import { BINARY, fixtureRun } from "./run-fixtures";
import { tempDir } from "./helpers";

const mag = { dataset: "synthetic-breakhis", magnification: "40X" } as const;
// DALA: best epoch 2 after 10 + 20 s; ResNet50: best epoch 3 after 3 x 15 s
const dala = fixtureRun({ request: { model: "dala_resnet50", ...mag }, ...BINARY, valLoss: [0.6, 0.3, 0.4], epochSeconds: [10, 20, 30] });
const resnet = fixtureRun({ request: { model: "resnet50", ...mag }, ...BINARY, valLoss: [0.6, 0.5, 0.2], epochSeconds: [15, 15, 15] });
const bach = fixtureRun({ request: { model: "dala_resnet50", dataset: "synthetic-bach" }, labels: [0, 1, 2, 3], predictions: [0, 1, 2, 3], valLoss: [0.9, 0.8], epochSeconds: [5, 7] });

test("convergence entries: per magnification (Table 9) and averages (Tables 9-10)", () => {
  const e = convergenceEntries([dala, resnet, bach]);
  const find = (model: string, metric: string, dataset = "BreakHis") => e.find((x) => x.model === model && x.metric === metric && x.dataset === dataset)!;
  assert.equal(find("DALAResNet50", "convergenceTimeSeconds").kit, 30);
  assert.equal(find("DALAResNet50", "convergenceTimeSeconds").magnification, "40X");
  assert.equal(find("ResNet50", "averageConvergenceTimeSeconds").kit, 45);
  assert.equal(find("DALAResNet50", "averageConvergenceTimeSeconds", "BACH").kit, 12);
  assert.equal(find("DALAResNet50", "averageConvergenceTimeSeconds", "BACH").table, 10);
});

test("convergence relative to DALAResNet50: kit 45/30 vs the paper's 2920.53/2133.02 at 40X", () => {
  const t = relativeConvergenceTable([dala, resnet])!;
  const r = t.table.rows.find((x) => x[1] === "ResNet50")!;
  assert.ok(Math.abs((r[2] as number) - 2920.53 / 2133.02) < 1e-12);
  assert.equal(r[3], 1.5);
  assert.deepEqual(r.slice(5), [2, 2, "3", 3]); // best epoch of every seed, joined
  const timing = epochTimingTable([dala]);
  assert.deepEqual(timing.table.rows[0].slice(5, 9), [3, 2, 30, 20]);
  const fig = curvesFigure([dala, resnet], "curves");
  assert.deepEqual((fig.data[2] as any).y, [0.6, 0.3, 0.4]); // validation loss panel, DALAResNet50
});

test("model names: one mapping both ways, in the paper's order", () => {
  assert.equal(paperModelName("swin_b"), "Swin-Transformer");
  assert.equal(registryModelName("Dinov2_Vitb14"), "dinov2_vitb14");
  assert.deepEqual(paperOrderRegistryNames().slice(-2), ["resnet50", "dala_resnet50"]);
  assert.throws(() => paperModelName("densenet121_paper"), /not one of the paper's nine/);
  assert.equal(paperDatasetOf("synthetic-miniddsm").paperName, "Mini-DDSM");
  assert.throws(() => paperDatasetOf("cifar10"), /stands for none of the paper's/);
});

test("plans: requests come from the experiment grid; coverage against the paper's grid", () => {
  const keys = (rs: ReturnType<typeof ablationRequests>) => rs.map((r) => experimentKey(buildSpec(r)));
  assert.deepEqual(keys(ablationRequests("paper")), gridEntries("paper", { group: "ablation" }).map((e) => e.key));
  // one run per training seed of the profile
  const seeds = getProfile("paper").seeds.length;
  assert.equal(baselineRequests("paper", "paper").length, 54 * seeds);
  assert.equal(baselineRequests("paper", "patient").length, 36 * seeds);
  const paper = planCoverage("paper", "baseline");
  assert.equal(paper.runs, paper.paperRuns);
  assert.ok(paper.cells.every((c) => c.leftOut.length === 0) && paper.protocol.length === 0);
  const demo = planCoverage("demo", "ablation");
  const cell = demo.cells.find((c) => c.cell === "BreakHis 40X · paper split")!;
  assert.deepEqual(cell.leftOut, []);
  assert.deepEqual(demo.cells.find((c) => c.cell === "BreakHis 400X · paper split")!.run, []);
  assert.match(coverageMarkdown("demo", demo), /trains \*\*4 of the paper grid's 16 runs\*\*/);
});

test("a finished run is read back from its results directory; an unfinished one is missing", () => {
  const root = tempDir("dala-repro-runs-");
  const request = { model: "dala_resnet50" as const, ...mag, split: "paper" as const, profile: "ci" as const };
  const key = experimentKey(buildSpec(request));
  const dir = runDirectory(root, key);
  fs.mkdirSync(dir, { recursive: true });
  const n = BINARY.labels.length;
  savePredictions(path.join(dir, RESULT_FILES.testPredictions), {
    numClasses: 2,
    classNames: ["benign", "malignant"],
    logits: Float32Array.from(BINARY.probabilities),
    probabilities: Float32Array.from(BINARY.probabilities),
    predictions: Int32Array.from(BINARY.predictions),
    labels: Int32Array.from(BINARY.labels),
    indices: Int32Array.from({ length: n }, (_, i) => 10 + i),
    loss: 0.4,
  });
  writeJsonAtomic(path.join(dir, RESULT_FILES.config), { key, spec: buildSpec(request), data: { split: { kind: "paper", train: 30, val: 5, test: n } } });
  writeJsonAtomic(path.join(dir, RESULT_FILES.metrics), { key, parameters: 1234, convergence: { seconds: 3 } });
  fs.writeFileSync(path.join(dir, "log.jsonl"), `${JSON.stringify({ epoch: 1, valLoss: 0.4 })}\n`);
  assert.equal(loadRunResult(root, request), undefined); // no DONE yet
  fs.writeFileSync(path.join(dir, RESULT_FILES.done), "now\n");
  const run = loadRunResult(root, request)!;
  assert.equal(run.parameters, 1234);
  assert.deepEqual(Array.from(run.predictions.predictions), BINARY.predictions);
  assert.deepEqual(Array.from(run.predictions.indices!).slice(0, 2), [10, 11]);
  assert.equal(run.history[0].valLoss, 0.4);
  assert.equal(run.data.split?.test, n);
  const both = loadRunResults(root, [request, { ...request, model: "resnet50" }]);
  assert.deepEqual([both.runs.length, both.missing.map((r) => r.model)], [1, ["resnet50"]]);
});
