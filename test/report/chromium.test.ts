/**
 * PNG export and a screenshot of the results index in headless Chromium. Skipped, with the reason,
 * where Chromium is not installed. The index screenshot is also kept at
 * `$TMPDIR/dala-report-index.png` for a person to look at.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FigureExporter, findChromium, openFigureExporter } from "../../src/report/figures/png-exporter";
import { imageSize } from "../../src/report/figures/image-source";
import { barChartFigure } from "../../src/report/figures/bar-chart";
import { camGridFigure } from "../../src/report/figures/cam-grid";
import { confusionMatrixFigure } from "../../src/report/figures/confusion-matrix";
import { imageGridFigure } from "../../src/report/figures/image-grid";
import { trainingCurvesFigure } from "../../src/report/figures/training-curves";
import { writeFigure } from "../../src/report/figures/write-figure";
import { writeResultsIndex } from "../../src/report/results-index";
import { gradientPng, sampleResults, testContext } from "./helpers";

const chromium = findChromium();
const skip = chromium ? false : "Chromium not installed (apt-get install chromium): PNG export and the index screenshot are not tested";

let exporter: FigureExporter | null = null;
async function getExporter(): Promise<FigureExporter> {
  exporter ??= await openFigureExporter();
  return exporter!;
}
after(async () => {
  await exporter?.close();
});

/** Pixel statistics of a PNG via sharp: per-channel standard deviation > 0 means not blank. */
async function stats(png: Buffer): Promise<{ width: number; height: number; stdev: number; raw: Buffer; channels: number }> {
  const sharp = require("sharp");
  const img = sharp(png);
  const s = await img.stats();
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, stdev: Math.max(...s.channels.map((c: any) => c.stdev)), raw: data, channels: info.channels };
}

test("every figure type exports to a PNG of width x height x scale that is not blank", { skip }, async () => {
  const ex = await getExporter();
  const img = await gradientPng(64, 48);
  const figures = {
    grid: imageGridFigure({ title: "Samples", rows: [{ label: "benign", images: [{ src: img }, { src: img }] }] }),
    cams: camGridFigure({ title: "CAMs", methods: ["Grad-CAM"], rows: [{ original: img, maps: [[[0, 1], [1, 0]]] }] }),
    confusion: confusionMatrixFigure({ title: "CM", panels: [{ title: "40X", labels: ["b", "m"], matrix: [[5, 1], [2, 9]] }] }),
    curves: trainingCurvesFigure({ title: "Curves", panels: [{ title: "loss", series: [{ name: "train", y: [1, 0.5, 0.3] }] }] }),
    bars: barChartFigure({ title: "Bars", categories: ["A", "B"], series: [{ name: "kit", values: [0.8, 0.9], low: [0.7, 0.85], high: [0.85, 0.95] }] }),
  };
  for (const [name, spec] of Object.entries(figures)) {
    const png = await ex.png(spec, { width: 400, height: 300, scale: 2 });
    assert.deepEqual(imageSize(png), { width: 800, height: 600 }, name);
    assert.ok((await stats(png)).stdev > 5, `${name} is not blank`);
  }
  // the spec's own size is the default
  const own = await ex.png(figures.confusion, { scale: 1 });
  assert.deepEqual(imageSize(own), { width: figures.confusion.layout.width, height: figures.confusion.layout.height });
});

test("writeFigure with an exporter writes the PNG and records it", { skip }, async () => {
  const ctx = testContext();
  const spec = barChartFigure({ title: "Accuracy", categories: ["A"], series: [{ name: "kit", values: [0.9] }] });
  const w = await writeFigure(ctx, "accuracy", spec, { exporter: await getExporter(), png: { scale: 1 } });
  assert.ok(w.paths.png && fs.existsSync(w.paths.png));
  assert.deepEqual(imageSize(fs.readFileSync(w.paths.png!)), { width: spec.layout.width, height: spec.layout.height });
  assert.deepEqual(w.record.files, { html: "accuracy.html", png: "accuracy.png" });
});

test("a written figure's HTML draws its plot from disk, with the folder's plotly copy and no network", { skip }, async () => {
  const ctx = testContext();
  const spec = barChartFigure({ title: "Accuracy", categories: ["A", "B"], series: [{ name: "kit", values: [0.8, 0.9] }] });
  const w = await writeFigure(ctx, "accuracy", spec);
  // the browser runs without network access (CHROMIUM_ARGS), so the page can only use local files
  const drawn = await (await getExporter()).evaluateInPage(w.paths.html, () => {
    const doc = (globalThis as any).document;
    return { bars: doc.querySelectorAll(".bars .point").length, plotly: typeof (globalThis as any).Plotly };
  });
  assert.deepEqual(drawn, { bars: 2, plotly: "object" });
});

test("the results index renders in Chromium with its notice and difference rows", { skip }, async () => {
  const ex = await getExporter();
  const dir = sampleResults();
  // give the sample figure a real PNG so the index shows a thumbnail
  const fig = await ex.png(camGridFigure({ title: "CAMs", methods: ["Grad-CAM"], rows: [{ original: await gradientPng(64, 48), maps: [[[0, 1], [1, 0]]] }] }), { scale: 1 });
  fs.writeFileSync(path.join(dir, "figures", "cams-40x.png"), fig);
  const { html, index } = writeResultsIndex(dir);
  assert.equal(index.differences.length, 4);
  const shot = await ex.screenshot(html, { width: 1200, height: 900 });
  fs.writeFileSync(path.join(os.tmpdir(), "dala-report-index.png"), shot);
  const s = await stats(shot);
  assert.deepEqual([s.width, s.height], [1200, 900]);
  assert.ok(s.stdev > 5, "not blank");
  // the synthetic-data notice is drawn: its background colour #fff3cd covers a visible area
  let notice = 0;
  for (let i = 0; i < s.raw.length; i += s.channels) {
    if (s.raw[i] === 0xff && s.raw[i + 1] === 0xf3 && s.raw[i + 2] === 0xcd) notice++;
  }
  assert.ok(notice > 5000, `notice pixels: ${notice}`);
  // the rendered DOM has the four difference rows, largest first
  const rows = await ex.evaluateInPage(html, () =>
    Array.from(document.querySelectorAll("#differences tbody tr")).map((tr) => (tr as HTMLElement).innerText.split("\t").slice(0, 2).join(" | ")),
  );
  assert.deepEqual(rows, [
    "table14-cams | BreakHis · 40X · DT Grad-CAM · iou",
    "table7-breakhis | BreakHis · 40X · ResNet50 · accuracy",
    "table7-breakhis | BreakHis · 40X · DALAResNet50 · accuracy",
    "table7-breakhis | BreakHis · 100X · DALAResNet50 · gmean",
  ]);
});
