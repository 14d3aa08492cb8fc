import { test } from "node:test";
import assert from "node:assert/strict";
import { DT_MAP_OTSU_LABEL } from "../../src/cam/evaluation/pipeline";
import { measuredDirection, spread, table13Findings, table13Images, table13Rows, table13Table, type Table13Images } from "../../src/reproduction/table13";

const grid = (rows: string[]) => Uint8Array.from(rows.join(""), (c) => (c === "#" ? 1 : 0));
const concat = (masks: Uint8Array[]) => Uint8Array.from(masks.flatMap((m) => Array.from(m)));

const TRUTH = grid(["##..", "##..", "....", "...."]);
// Grad-CAM: the region plus one stray pixel (40X images) or two (100X images); DT Grad-CAM: the region exactly
const ONE_STRAY = grid(["##..", "##..", "....", "...#"]);
const TWO_STRAY = grid(["##.#", "##..", "....", "...#"]);

function evaluation(dt: Uint8Array[], grad: Uint8Array[]): Table13Images {
  return {
    height: 4,
    width: 4,
    groups: ["40X", "40X", "100X", "100X"],
    truth: concat([TRUTH, TRUTH, TRUTH, TRUTH]),
    dtMasks: concat(dt),
    dtThresholds: [0.2, 0.4, 0.3, 0.5],
    gradCamMasks: concat(grad),
  };
}
const HAND_BUILT = evaluation([TRUTH, TRUTH, TRUTH, TRUTH], [ONE_STRAY, ONE_STRAY, TWO_STRAY, TWO_STRAY]);
const close = (a: number | null, b: number, what: string) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test("each measured row is the hand-computed mean of known masks, with the paper's words beside it", () => {
  const rows = table13Rows(HAND_BUILT, { nResamples: 200, seed: 1 });
  assert.deepEqual(rows.map((r) => r.aspect), ["Adaptive Thresholding", "Visualization Clarity", "Visualization Clarity", "Interpretability", "Noise Reduction", "Noise Reduction", "Noise Reduction", "Diagnostic Relevance"]);
  assert.deepEqual([rows[0].paperDtGradCam, rows[0].paperGradCam], ["Utilizes optimal thresholding.", "Lacks adaptive thresholding."]);
  assert.deepEqual([rows[4].paperDtGradCam, rows[4].paperGradCam], ["Effectively minimizes noise.", "Retains higher noise levels."]);
  const [, share, components, iou, outsideOfMask, outsideOfImage, strayBlobs] = rows;
  // DT Grad-CAM is the region itself: a quarter of the image, one blob, IoU 1, nothing outside
  // Grad-CAM: 5/16 and 6/16 of the image, 2 and 3 blobs, IoU 4/5 and 4/6, 1/5 and 2/6 of the highlight outside
  const expected: [typeof share, number, number][] = [
    [share, 4 / 16, (5 / 16 + 6 / 16) / 2],
    [components, 1, 2.5],
    [iou, 1, (4 / 5 + 4 / 6) / 2],
    [outsideOfMask, 0, (1 / 5 + 2 / 6) / 2],
    [outsideOfImage, 0, (1 / 16 + 2 / 16) / 2],
    [strayBlobs, 0, 1.5],
  ];
  for (const [row, dt, grad] of expected) {
    close(row.dtGradCam, dt, `${row.measure}: DT`);
    close(row.gradCam, grad, `${row.measure}: Grad-CAM`);
    close(row.difference, dt - grad, `${row.measure}: difference`);
    // within each magnification every image gives the same difference, so the stratified bootstrap has no spread
    close(row.low, dt - grad, `${row.measure}: low`);
    close(row.high, dt - grad, `${row.measure}: high`);
    assert.equal(row.images, 4);
    assert.equal(row.agreesWithPaper, true, row.measure);
  }
  assert.equal(iou.direction, "DT Grad-CAM higher, the way the paper's row points");
  assert.equal(share.direction, "DT Grad-CAM lower, the way the paper's row points");
  assert.match(components.measure, /8-connectivity/);
  assert.equal(rows[7].dtGradCam, null);
  assert.match(rows[7].measure, /no measured counterpart/);
});

test("the threshold row reports DT Grad-CAM's per-image Otsu thresholds and none for Grad-CAM", () => {
  const [t] = table13Rows(HAND_BUILT, { nResamples: 50 });
  close(t.dtGradCam, 0.35, "mean threshold");
  assert.equal(t.gradCam, null);
  assert.equal(t.difference, null);
  assert.equal(t.direction, `the threshold changes from image to image: sd ${Math.sqrt(0.05 / 3).toPrecision(4)}, range 0.2000 to 0.5000`);
  const same = table13Rows({ ...HAND_BUILT, dtThresholds: [0.3, 0.3, 0.3, 0.3] }, { nResamples: 50 })[0];
  assert.equal(same.direction, "one threshold for every image (0.3000)");
  assert.deepEqual(spread([1, 3]), { mean: 2, sd: Math.SQRT2, min: 1, max: 3 });
});

test("equal masks show no difference; swapped masks go against the paper's rows", () => {
  const equal = table13Rows(evaluation([ONE_STRAY, ONE_STRAY, TWO_STRAY, TWO_STRAY], [ONE_STRAY, ONE_STRAY, TWO_STRAY, TWO_STRAY]), { nResamples: 50 });
  for (const r of equal.filter((r) => r.paperImplies !== null)) {
    assert.deepEqual([r.difference, r.low, r.high, r.agreesWithPaper, r.direction], [0, 0, 0, null, "no difference shown (the interval includes 0)"], r.measure);
  }
  const swapped = table13Rows(evaluation([ONE_STRAY, ONE_STRAY, TWO_STRAY, TWO_STRAY], [TRUTH, TRUTH, TRUTH, TRUTH]), { nResamples: 50 });
  assert.deepEqual(swapped.filter((r) => r.paperImplies !== null).map((r) => r.agreesWithPaper), [false, false, false, false, false, false]);
  assert.equal(swapped[3].direction, "DT Grad-CAM lower, against the paper's row");
  assert.match(table13Findings(swapped).at(-1)!, /Of the 6 measured rows with an interval, 0 show DT Grad-CAM on the side the paper's words point, 6 on the other side, and 0 no difference\./);
  assert.match(table13Findings(equal).at(-1)!, /0 show .*, 0 on the other side, and 6 no difference\./);
});

test("an interval across 0 shows no direction; one side of 0 shows that side", () => {
  assert.deepEqual(measuredDirection(-0.1, 0.2, "higher"), { direction: "no difference shown (the interval includes 0)", agreesWithPaper: null });
  assert.deepEqual(measuredDirection(0.1, 0.2, "lower"), { direction: "DT Grad-CAM higher, against the paper's row", agreesWithPaper: false });
  assert.deepEqual(measuredDirection(-0.3, -0.2, null), { direction: "DT Grad-CAM lower", agreesWithPaper: null });
});

test("faithfulness joins Diagnostic Relevance as a related number, means only", () => {
  const faithfulness = [
    { map: "DT Grad-CAM", images: 2, deletion: 0.2, insertion: 0.6, difference: 0.4 },
    { map: "Grad-CAM", images: 2, deletion: 0.3, insertion: 0.5, difference: 0.25 },
  ];
  const rows = table13Rows(HAND_BUILT, { nResamples: 50, faithfulness });
  const f = rows.at(-1)!;
  assert.equal(f.aspect, "Diagnostic Relevance");
  assert.match(f.measure, /related only, not diagnosis/);
  assert.deepEqual([f.images, f.dtGradCam, f.gradCam, f.low, f.high, f.paperImplies], [2, 0.4, 0.25, null, null, null]);
  close(f.difference, 0.15, "faithfulness difference");
  assert.equal(f.direction, "DT Grad-CAM's map higher on the mean (no interval)");
  const table = table13Table(rows);
  assert.equal(table.rows.length, 9);
  assert.equal(table.columns.length, table.rows[0].length);
  // the paper's words stand once per aspect, on its first row
  assert.deepEqual(table.rows.map((r) => r[1]), ["Utilizes optimal thresholding.", "Clear and focused.", "", "Sharp and meaningful highlights.", "Effectively minimizes noise.", "", "", "Highly precise for diagnostics.", ""]);
  assert.equal(table.rows[3][8], "[0.2667, 0.2667]");
});

test("the findings give every row's numbers", () => {
  const lines = table13Findings(table13Rows(HAND_BUILT, { nResamples: 50 }));
  assert.equal(lines.length, 9);
  assert.equal(lines[0], `Adaptive Thresholding ("Utilizes optimal thresholding."): mean Otsu's threshold of DT Grad-CAM's averaged map, per image (Grad-CAM as the paper describes it sets none) 0.3500 over 4 images; the threshold changes from image to image: sd 0.1291, range 0.2000 to 0.5000.`);
  assert.match(lines[3], /^Interpretability \("Sharp and meaningful highlights." against "Basic interpretability."\): IoU with the true region .*: DT Grad-CAM 1\.0000, Grad-CAM 0\.7333, difference 0\.2667 \[0\.2667, 0\.2667\] over 4 images; DT Grad-CAM higher, the way the paper's row points\.$/);
  assert.match(lines[7], /^Diagnostic Relevance .*no measured counterpart/);
});

test("the rows are read from an evaluation: DT Grad-CAM's own mask, not its map under Otsu", () => {
  const images = [0, 1].map((i) => ({ truth: TRUTH, group: i ? "100X" : "40X" }));
  const ev = {
    set: { size: 4, images },
    variants: [
      { label: "Grad-CAM", method: "gradcam", masks: concat([ONE_STRAY, TWO_STRAY]) },
      { label: "DT Grad-CAM", method: "dtgradcam", masks: concat([TRUTH, TRUTH]) },
      { label: DT_MAP_OTSU_LABEL, method: "dtgradcam", masks: concat([TWO_STRAY, TWO_STRAY]) },
    ],
    runs: [{ method: "dtgradcam", explanation: { thresholds: Float64Array.from([0.1, 0.2]) } }],
  } as any;
  const im = table13Images(ev);
  assert.deepEqual([im.height, im.width, im.groups], [4, 4, ["40X", "100X"]]);
  assert.deepEqual(im.dtMasks, concat([TRUTH, TRUTH]));
  assert.deepEqual(im.gradCamMasks, concat([ONE_STRAY, TWO_STRAY]));
  assert.deepEqual(im.truth, concat([TRUTH, TRUTH]));
  assert.deepEqual(Array.from(im.dtThresholds), [0.1, 0.2]);
  assert.throws(() => table13Images({ ...ev, variants: ev.variants.slice(1) }), /needs DT Grad-CAM \(mask and thresholds\) and Grad-CAM; the evaluation has DT Grad-CAM, /);
  assert.throws(() => table13Rows({ ...HAND_BUILT, dtThresholds: [1] }), /1 thresholds for 4 images/);
  assert.throws(() => table13Rows({ ...HAND_BUILT, gradCamMasks: new Uint8Array(3) }), /gradCamMasks has 3 values for 4 images of 4x4/);
});
