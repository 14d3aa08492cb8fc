import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import type { CamMethodName, Explanation } from "../../src/cam/methods";
import { computeCam } from "../../src/cam/base";
import { gradCam } from "../../src/cam/grad-cam";
import { binarize, otsuThreshold } from "../../src/cam/image/otsu";
import { binaryClosing, binaryOpening, disk } from "../../src/cam/image/morphology";
import { classProbability, deletionInsertion } from "../../src/cam/evaluation/faithfulness";
import { comparePaper } from "../../src/report/tables/comparison";
import type { CamImageSet } from "../../src/cam/evaluation/images";
import { compareGroups, interleaveByClass } from "../../src/cam/evaluation/images";
import { DT_MAP_OTSU_LABEL, camMasks, type MethodRun } from "../../src/cam/evaluation/pipeline";
import { POOLED, combineFaithfulness, combineRegionRows, regionRows, type RegionRow } from "../../src/reproduction/cam-region-rows";
import { RANDOM_MAP_LABEL, TRUTH_MAP_LABEL, faithfulnessRows, pickRows } from "../../src/cam/evaluation/faithfulness-comparison";
import { pearson } from "../../src/metrics/pearson";
import { subsetPerGroup } from "../../src/cam/evaluation/images";
import { blurImage, baselineBlurRadius } from "../../src/cam/image/blur";
import { dtSensitivity, sensitivityPairs } from "../../src/reproduction/dt-sensitivity";
import { paperMeanF1, rankingTable, table14Entries } from "../../src/reproduction/cam-tables";
import { camRunPlan, camEvaluationSettings } from "../../src/reproduction/cam-settings";
import { figureImages } from "../../src/reproduction/cam-figure";
import { loadTinyCnn } from "../cam/tiny-cnn";
import { REPO_CAM_SET } from "../paths";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

/** Two 2x2 images, one per magnification, with hand-checkable masks. */
function tinySet(): CamImageSet {
  const im = (group: string, labelIndex: number, truth: number[]) => ({
    row: 0,
    path: `${group}.png`,
    labelIndex,
    group,
    rgb: new Uint8Array(12).fill(128),
    truth: Uint8Array.from(truth),
    truthKind: "synthetic-region" as const,
  });
  return {
    dataset: "t",
    classNames: ["benign", "malignant"],
    size: 2,
    scaling: "paper",
    images: [im("40X", 0, [1, 0, 1, 0]), im("100X", 1, [0, 1, 1, 0])],
    groups: ["40X", "100X"],
    skippedWithoutRegion: 0,
  };
}

function fakeRun(method: CamMethodName, label: string, maps: number[], masks?: number[]): MethodRun {
  const explanation: Explanation = { method, n: 2, height: 2, width: 2, targets: new Int32Array(2), maps: Float32Array.from(maps), ...(masks ? { masks: Uint8Array.from(masks) } : {}) };
  return { method, label, explanation, msPerImage: 1 };
}

test("region rows: fixed-threshold masks scored per magnification and pooled, by hand", () => {
  const set = tinySet();
  // image 0: mask [1,1,0,0] vs truth [1,0,1,0]: tp 1, fp 1, fn 1 -> IoU 1/3, Dice 1/2, recall 1/2
  // image 1: mask [0,1,1,0] vs truth [0,1,1,0]: IoU 1
  const runs = [fakeRun("gradcam", "Grad-CAM", [0.9, 0.8, 0.1, 0, 0.2, 0.7, 0.6, 0.1])];
  const rows = regionRows(camMasks(runs, { kind: "fixed", threshold: 0.5 }), set);
  assert.deepEqual(rows.map((r) => r.group), ["40X", "100X", POOLED]);
  close(rows[0].scores.iou, 1 / 3);
  close(rows[0].scores.dice, 0.5);
  close(rows[0].scores.recall, 0.5);
  close(rows[0].scores.precision, 0.5);
  close(rows[1].scores.iou, 1);
  close(rows[2].scores.iou, 2 / 3);
  assert.equal(rows[2].images, 2);
  for (const r of rows) close(r.scores.f1, r.scores.dice);
});

test("DT Grad-CAM is scored twice: its own final mask and its averaged map under the common binarisation", () => {
  const set = tinySet();
  const runs = [fakeRun("dtgradcam", "DT Grad-CAM", [0.9, 0.8, 0.1, 0, 0.2, 0.7, 0.6, 0.1], [1, 0, 1, 0, 0, 0, 0, 0])];
  const variants = camMasks(runs, { kind: "fixed", threshold: 0.5 });
  assert.deepEqual(variants.map((v) => v.label), ["DT Grad-CAM", DT_MAP_OTSU_LABEL]);
  assert.deepEqual(Array.from(variants[0].masks), [1, 0, 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(variants[1].masks), [1, 1, 0, 0, 0, 1, 1, 0]);
  const rows = regionRows(variants, set);
  close(rows[0].scores.iou, 1); // own mask equals the truth on image 0
  close(rows[1].scores.iou, 0); // empty own mask on image 1 (zero division -> 0)
});

test("combining runs weights pooled rows and faithfulness by image count", () => {
  const row = (group: string, images: number, iou: number): RegionRow => ({ variant: "Grad-CAM", method: "gradcam", group, images, scores: { iou, dice: iou, precision: iou, recall: iou, f1: iou } });
  const combined = combineRegionRows([[row("40X", 1, 0.2)], [row("100X", 3, 0.6)]]);
  assert.deepEqual(combined.map((r) => r.group), ["40X", "100X", POOLED]);
  close(combined[2].scores.iou, (0.2 + 3 * 0.6) / 4);
  assert.equal(combined[2].images, 4);
  const f = combineFaithfulness([[{ map: "m", images: 1, deletion: 0.2, insertion: 0.4, difference: 0.2 }], [{ map: "m", images: 3, deletion: 0.6, insertion: 0.8, difference: 0.2 }]]);
  close(f[0].deletion, 0.5);
  close(f[0].insertion, 0.7);
  close(f[0].difference, 0.2);
});

test("small helpers: pearson, pickRows, subsetPerGroup, group order, class interleaving", () => {
  close(pearson([1, 2, 3], [2, 4, 6]), 1);
  close(pearson([1, 2, 3], [3, 2, 1]), -1);
  assert.equal(pearson([1, 1, 1], [1, 2, 3]), 0);
  assert.deepEqual(Array.from(pickRows(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, [2, 0])), [5, 6, 1, 2]);
  const set = tinySet();
  set.images.push({ ...set.images[0] });
  assert.deepEqual(subsetPerGroup(set, 1), [0, 1]);
  assert.deepEqual(subsetPerGroup(set, 2), [0, 1, 2]);
  assert.deepEqual(["400X", "all", "40X", "200X", "100X"].sort(compareGroups), ["40X", "100X", "200X", "400X", "all"]);
  const items = [10, 11, 12, 13, 14, 15];
  const labels = [0, 0, 0, 0, 1, 1];
  const order = interleaveByClass(items, labels, 7);
  assert.deepEqual([...order].sort(), items);
  assert.deepEqual(order.map((i) => labels[items.indexOf(i)]), [0, 1, 0, 1, 0, 0]);
  assert.deepEqual(interleaveByClass(items, labels, 7), order);
  assert.throws(() => interleaveByClass([1, 2], [0], 0), /2 items but 1 labels/);
});

test("Fig. 7 rows alternate the class down the figure when the groups allow it", () => {
  const set = tinySet();
  set.images = [
    { ...set.images[0], group: "40X", labelIndex: 0 },
    { ...set.images[0], group: "100X", labelIndex: 0 },
    { ...set.images[0], group: "100X", labelIndex: 1 },
  ];
  assert.deepEqual(figureImages(set, 1), [0, 2]);
});

test("blur baseline: constant images stay constant, an impulse spreads as the box says", () => {
  const flat = new Float32Array(5 * 5 * 3).fill(0.25);
  for (const v of blurImage(flat, 5, 5, 3, 2)) close(v, 0.25, 1e-7);
  const impulse = new Float32Array(25);
  impulse[12] = 9;
  const once = blurImage(impulse, 5, 5, 1, 1, 1);
  for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) close(once[y * 5 + x], Math.abs(y - 2) <= 1 && Math.abs(x - 2) <= 1 ? 1 : 0, 1e-6);
  assert.equal(baselineBlurRadius(64), 4);
  assert.equal(baselineBlurRadius(224), 14);
  assert.equal(baselineBlurRadius(8), 1);
  assert.throws(() => blurImage(flat, 5, 5, 2, 1), /75 values for 5x5x2/);
});

test("sensitivity pairs start with the no-noise reference and list each pair once", () => {
  assert.deepEqual(sensitivityPairs({ samples: [1, 4], sigmas: [0, 0.1] }), [[1, 0], [1, 0.1], [4, 0], [4, 0.1]]);
  assert.deepEqual(sensitivityPairs({ samples: [8], sigmas: [0.1] }), [[1, 0], [8, 0.1]]);
});

test("DT Grad-CAM sensitivity: N = 1, sigma = 0 is Grad-CAM + Otsu + opening + closing (tiny CNN)", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const model = loadTinyCnn(REPO_CAM_SET);
  const x = tf.randomUniform([2, 32, 32, 3], -1, 1, "float32", 5) as tf.Tensor4D;
  const targets = Int32Array.from([0, 2]);
  const cam = await computeCam(gradCam, model, x, { targets });
  const truth = new Uint8Array(2 * 32 * 32);
  for (let i = 0; i < truth.length; i++) truth[i] = (i % 32) < 16 ? 1 : 0;
  const expected = new Uint8Array(2 * 1024);
  for (let j = 0; j < 2; j++) {
    const map = Float64Array.from(cam.map.subarray(j * 1024, (j + 1) * 1024));
    const raw = binarize(map, otsuThreshold(map).threshold);
    expected.set(binaryClosing(binaryOpening(raw, 32, 32, disk(1)), 32, 32, disk(1)), j * 1024);
  }
  const rows = await dtSensitivity(model, x, truth, targets, { samples: [2], sigmas: [0.1] }, { seed: 0 });
  assert.deepEqual(rows.map((r) => [r.samples, r.sigma]), [[1, 0], [2, 0.1]]);
  const share = expected.reduce((s, v) => s + v, 0) / expected.length;
  close(rows[0].maskShare, share);
  // region scores are means of per-image scores
  let iouSum = 0;
  for (let j = 0; j < 2; j++) {
    let a = 0;
    let u = 0;
    for (let p = j * 1024; p < (j + 1) * 1024; p++) {
      a += expected[p] && truth[p] ? 1 : 0;
      u += expected[p] || truth[p] ? 1 : 0;
    }
    iouSum += u ? a / u : 0;
  }
  close(rows[0].scores.iou, iouSum / 2, 1e-12);
  assert.ok(share > 0 && share < 1, `mask share ${share}: the test needs a non-trivial mask`);
  for (const r of rows) for (const v of Object.values(r.scores)) assert.ok(v >= 0 && v <= 1);
  x.dispose();
});

test("faithfulness rows: every method plus the random and true-region references; values equal a direct call", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const model = loadTinyCnn(REPO_CAM_SET);
  const size = 32;
  const pixels = size * size;
  const rgb = (k: number) => Uint8Array.from({ length: pixels * 3 }, (_, i) => (i * (k + 7) * 13) % 256);
  const truth = Uint8Array.from({ length: pixels }, (_, i) => ((i % size) < 12 ? 1 : 0));
  const set: CamImageSet = {
    dataset: "t",
    classNames: ["a", "b", "c"],
    size,
    scaling: "paper",
    images: [0, 1].map((k) => ({ row: k, path: `${k}.png`, labelIndex: k, group: "all", rgb: rgb(k), truth, truthKind: "synthetic-region" as const })),
    groups: ["all"],
    skippedWithoutRegion: 0,
  };
  const maps = Float32Array.from({ length: 2 * pixels }, (_, i) => ((i * 37) % 101) / 100);
  const runs: MethodRun[] = [{ method: "gradcam", label: "Grad-CAM", explanation: { method: "gradcam", n: 2, height: size, width: size, targets: Int32Array.from([0, 1]), maps }, msPerImage: 1 }];
  const rows = await faithfulnessRows(model, set, runs, Int32Array.from([0, 1]), [1], { steps: 4, seed: 3 });
  assert.deepEqual(rows.map((r) => r.map), ["Grad-CAM", RANDOM_MAP_LABEL, TRUTH_MAP_LABEL]);
  for (const r of rows) {
    assert.equal(r.images, 1);
    assert.ok(r.deletion >= 0 && r.deletion <= 1 && r.insertion >= 0 && r.insertion <= 1);
    close(r.difference, r.insertion - r.deletion);
  }
  const x = tf.tensor4d(Float32Array.from(rgb(1), (v) => v / 127.5 - 1), [1, size, size, 3]);
  const direct = await deletionInsertion(classProbability(model), x, maps.subarray(pixels), [1], { steps: 4, baseline: blurImage((await x.data()) as Float32Array, size, size, 3, 2) });
  close(rows[0].deletion, direct.meanDeletion, 1e-7);
  close(rows[0].insertion, direct.meanInsertion, 1e-7);
  x.dispose();
});

test("Table 14 entries: 4 magnifications x 4 methods x 4 metrics, DT Grad-CAM from its own mask, missing ones empty", () => {
  const row = (variant: string, group: string, f1: number): RegionRow => ({ variant, method: "gradcam", group, images: 8, scores: { iou: f1 / 2, dice: f1, precision: f1, recall: f1, f1 } });
  const rows = [row("Grad-CAM", "40X", 0.3), row("DT Grad-CAM", "40X", 0.4), row(DT_MAP_OTSU_LABEL, "40X", 0.9), row("Grad-CAM", POOLED, 0.3), row("DT Grad-CAM", POOLED, 0.4)];
  const entries = table14Entries(rows);
  assert.equal(entries.length, 64);
  const dt = entries.find((e) => e.magnification === "40X" && e.cam === "DT Grad-CAM" && e.metric === "f1")!;
  assert.equal(dt.kit, 0.4);
  assert.equal(entries.find((e) => e.magnification === "100X" && e.cam === "Grad-CAM" && e.metric === "iou")!.kit, null);
  const c = comparePaper(entries);
  const g = c.rows.find((r) => r.keys.magnification === "40X" && r.keys.cam === "Grad-CAM" && r.keys.metric === "iou")!;
  close(g.paper, 0.3064);
  close(g.delta!, 0.15 - 0.3064);
  // the paper's mean F1 over magnifications, from its Table 14
  close(paperMeanF1().get("Grad-CAM")!, (0.4628 + 0.4704 + 0.4542 + 0.4508) / 4, 1e-12);
  close(paperMeanF1().get("DT Grad-CAM")!, (0.5634 + 0.5644 + 0.5567 + 0.557) / 4, 1e-12);
  const ranking = rankingTable(rows);
  assert.deepEqual(ranking.rows.map((r) => [r[0], r[2], r[4]]), [
    ["Grad-CAM", 4, 2],
    ["Score-CAM", 3, null],
    ["Eigen-CAM", 2, null],
    ["DT Grad-CAM", 1, 1],
  ]);
  // ties share a rank
  const tied = rankingTable([row("Grad-CAM", POOLED, 0.3), row("DT Grad-CAM", POOLED, 0.3)]);
  assert.deepEqual(tied.rows.map((r) => r[4]), [1, null, null, 1]);
});

test("the notebook's runs are the experiment grid's DALAResNet50 runs (shared with notebook 04)", () => {
  const demo = camRunPlan("demo");
  // one run per training seed
  assert.deepEqual(demo.breakhis.map((e) => e.request.seed), [0, 1, 2]);
  for (const e of demo.breakhis) {
    assert.deepEqual({ model: e.request.model, dataset: e.request.dataset, split: e.request.split }, { model: "dala_resnet50", dataset: "synthetic-breakhis", split: "paper" });
  }
  assert.deepEqual([...new Set(demo.otherDatasets.map((e) => e.request.dataset))], ["synthetic-bach", "synthetic-miniddsm"]);
  assert.deepEqual([...new Set(demo.resnet50.map((e) => e.request.model))], ["resnet50"]);
  const paper = camRunPlan("paper");
  assert.deepEqual([...new Set(paper.breakhis.map((e) => e.request.magnification))], ["40X", "100X", "200X", "400X"]);
  assert.equal(camEvaluationSettings("paper").scoreCamChannels, undefined);
  assert.equal(camEvaluationSettings("demo").dt.samples, 8);
});
