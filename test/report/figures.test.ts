import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { imageSize, imageSource } from "../../src/report/figures/image-source";
import { imageGridFigure } from "../../src/report/figures/image-grid";
import { camGridFigure, mapRows } from "../../src/report/figures/cam-grid";
import { confusionMatrixFigure, rowPercentages } from "../../src/report/figures/confusion-matrix";
import { trainingCurvesFigure } from "../../src/report/figures/training-curves";
import { barChartFigure } from "../../src/report/figures/bar-chart";
import { PLOTLY_FILE, figurePage, plotlyBundle, scriptJson } from "../../src/report/figures/html";
import { labelSyntheticFigure } from "../../src/report/figures/spec";
import { writeFigure } from "../../src/report/figures/write-figure";
import { EXPORTER_HINT, PNG_HINT, findChromium, showPngHintOnce, smallerPng } from "../../src/report/figures/png-exporter";
import { gradientPng, testContext } from "./helpers";

test("image sizes are read from PNG and JPEG headers and data URLs", async () => {
  const png = await gradientPng(70, 46);
  const jpg = await gradientPng(33, 21, "jpeg");
  assert.deepEqual(imageSize(png), { width: 70, height: 46 });
  assert.deepEqual(imageSize(jpg), { width: 33, height: 21 });
  const fromUrl = imageSource(`data:image/jpeg;base64,${jpg.toString("base64")}`);
  assert.deepEqual([fromUrl.width, fromUrl.height], [33, 21]);
  assert.ok(imageSource(png).url.startsWith("data:image/png;base64,iVBORw0KGgo"));
  assert.throws(() => imageSource(Buffer.from("GIF89a............................"), "sample 3"), /sample 3: image must be PNG or JPEG/);
  assert.throws(() => imageSource("http://example.com/x.png"), /expected a data:image\/png/);
});

test("image grid: one image trace and one axis pair per image, ranges in pixels", async () => {
  const a = await gradientPng(70, 46);
  const f = imageGridFigure({ title: "BreakHis samples", rows: [{ label: "benign", images: [{ src: a, caption: "40X" }, { src: a }] }, { label: "malignant", images: [{ src: a }] }] });
  assert.equal(f.data.length, 3);
  assert.deepEqual(f.data.map((d) => [d.xaxis, d.yaxis]), [["x", "y"], ["x2", "y2"], ["x3", "y3"]]);
  assert.deepEqual(f.layout.xaxis.range, [-0.5, 69.5]);
  assert.deepEqual(f.layout.yaxis3.range, [45.5, -0.5]);
  assert.equal(f.layout.yaxis2.scaleanchor, "x2");
  // cells follow the images' aspect ratio: the second row sits below the first without overlap
  assert.ok(f.layout.yaxis3.domain[1] < f.layout.yaxis.domain[0]);
  assert.deepEqual(f.layout.annotations.map((a: any) => a.text), ["benign", "40X", "malignant"]);
  assert.throws(() => imageGridFigure({ title: "empty", rows: [] }), /image grid 'empty': no images/);
});

test("CAM grid lays each map exactly over its image", async () => {
  const img = await gradientPng(64, 32);
  const f = camGridFigure({
    title: "CAMs",
    methods: ["Grad-CAM", "DT Grad-CAM"],
    rows: [{ label: "a", original: img, maps: [[[0, 0.5, 1, 0.25]], { width: 2, height: 2, values: [0, 1, 1, 0] }] }],
  });
  const heat = f.data.filter((d) => d.type === "heatmap");
  assert.equal(f.data.filter((d) => d.type === "image").length, 3);
  assert.equal(heat.length, 2);
  // a 4x1 map over 64x32 pixels: cells 16 x 32 pixels, first centre at -0.5 + 8
  assert.deepEqual([heat[0].dx, heat[0].x0, heat[0].dy, heat[0].y0], [16, 7.5, 32, 15.5]);
  assert.deepEqual(heat[1].z, [[0, 1], [1, 0]]);
  assert.deepEqual(f.layout.annotations.map((a: any) => a.text), ["a", "Original", "Grad-CAM", "DT Grad-CAM"]);
  assert.throws(() => camGridFigure({ title: "bad", methods: ["Grad-CAM"], rows: [{ original: img, maps: [] }] }), /row 0: 0 maps for 1 methods/);
  assert.throws(() => mapRows({ width: 3, height: 2, values: [1, 2] }, "m"), /m: 2 values for 3x2/);
});

test("confusion matrix shows counts with row percentages", () => {
  assert.deepEqual(rowPercentages([[3, 1], [0, 0]]), [[75, 25], [0, 0]]);
  const f = confusionMatrixFigure({ title: "Fig. 6", panels: [{ title: "40X", labels: ["benign", "malignant"], matrix: [[180, 8], [5, 406]] }] });
  assert.deepEqual(f.data[0].text, [["180<br>95.7%", "8<br>4.3%"], ["5<br>1.2%", "406<br>98.8%"]]);
  assert.equal(f.layout.yaxis.autorange, "reversed");
  assert.throws(() => confusionMatrixFigure({ title: "x", panels: [{ title: "p", labels: ["a", "b"], matrix: [[1, 2, 3]] }] }), /expected 2x2 for labels a, b/);
});

test("training curves and bars with intervals", () => {
  const c = trainingCurvesFigure({ title: "t", panels: [{ title: "loss", series: [{ name: "train", y: [1, 0.5] }, { name: "val", y: [1.2, 0.7] }] }, { title: "accuracy", series: [{ name: "train", y: [0.5, 0.8] }] }] });
  assert.equal(c.data.length, 3);
  assert.deepEqual(c.data[0].x, [1, 2]);
  assert.deepEqual(c.data.map((d) => d.showlegend), [true, true, false]);
  assert.equal(c.data[2].xaxis, "x2");
  const b = barChartFigure({ title: "acc", categories: ["A", "B"], series: [{ name: "kit", values: [0.9, null], low: [0.85, null], high: [0.93, null] }] });
  const ey = b.data[0].error_y as any;
  assert.deepEqual(ey.array.map((x: number | null) => (x === null ? null : +x.toFixed(6))), [0.03, null]);
  assert.deepEqual(ey.arrayminus.map((x: number | null) => (x === null ? null : +x.toFixed(6))), [0.05, null]);
  assert.throws(() => barChartFigure({ title: "acc", categories: ["A"], series: [{ name: "kit", values: [1, 2] }] }), /2 values for 1 categories/);
});

test("spec JSON cannot break out of its script element", () => {
  const spec = { data: [{ type: "bar", name: "</script><script>alert(1)</script>", x: ["a"], y: [1] }], layout: { title: { text: "x\u2028y" } } };
  const json = scriptJson(spec);
  assert.ok(!json.includes("</script"));
  assert.ok(!json.includes("\u2028"));
  assert.deepEqual(JSON.parse(json), spec);
  const page = figurePage(spec, { title: "<t>", plotly: { src: "plotly.js" } });
  assert.equal(page.match(/<\/script>/g)!.length, 2);
  assert.ok(page.includes("<title>&lt;t&gt;</title>"));
});

test("synthetic figures say so in their title", () => {
  const f = labelSyntheticFigure({ data: [], layout: { title: { text: "Accuracy", x: 0.5 } } }, true);
  assert.deepEqual(f.layout.title, { text: "Accuracy (synthetic data)", x: 0.5 });
  assert.equal(labelSyntheticFigure(f, true).layout.title.text, "Accuracy (synthetic data)");
});

test("without an exporter a figure is written as HTML that loads the folder's one plotly copy, with its sidecar, and the PNG hint comes once", async () => {
  const warned: string[] = [];
  const realWarn = console.warn;
  console.warn = (s: string) => warned.push(s);
  try {
    const ctx = testContext();
    const spec = barChartFigure({ title: "acc", categories: ["A"], series: [{ name: "kit", values: [0.9] }] });
    const w = await writeFigure(ctx, "acc", spec);
    await writeFigure(ctx, "acc2", spec);
    const copy = path.join(path.dirname(w.paths.html), PLOTLY_FILE);
    showPngHintOnce();
    assert.deepEqual(warned, [findChromium() ? EXPORTER_HINT : PNG_HINT]);
    for (const name of ["acc", "acc2"]) {
      const html = fs.readFileSync(w.paths.html.replace("acc.html", `${name}.html`), "utf8");
      assert.ok(html.length < 20_000, `${name}.html does not inline plotly.js`);
      assert.ok(html.includes(`<script src="${PLOTLY_FILE}"></script>`));
      assert.ok(html.includes('"text":"acc (synthetic data)"'));
      assert.ok(html.includes("Provenance: profile ci"));
    }
    assert.equal(fs.readFileSync(copy, "utf8"), plotlyBundle());
    assert.deepEqual(fs.readdirSync(path.dirname(copy)).filter((f) => f.endsWith(".js")), [PLOTLY_FILE]);
    const side = JSON.parse(fs.readFileSync(w.paths.json, "utf8"));
    assert.deepEqual([side.kind, side.title, side.files, side.notebook], ["figure", "acc (synthetic data)", { html: "acc.html" }, "04-baseline-comparison.ipynb"]);
  } finally {
    console.warn = realWarn;
  }
});

test("a figure with a trace type outside the plotly bundle is refused, naming the type", async () => {
  await assert.rejects(writeFigure(testContext(), "globe", { data: [{ type: "scattergeo" }], layout: {} }), /trace type 'scattergeo' is not in the kit's plotly bundle/);
});

test("a stale plotly copy in a figures folder (another plotly version) is replaced by the installed bundle", async () => {
  const ctx = testContext();
  const dir = path.join(ctx.resultsDir, "figures");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, PLOTLY_FILE), "// plotly.js from an older install");
  await writeFigure(ctx, "acc", barChartFigure({ title: "acc", categories: ["A"], series: [{ name: "kit", values: [0.9] }] }));
  assert.equal(fs.readFileSync(path.join(dir, PLOTLY_FILE), "utf8"), plotlyBundle());
});

test("exported PNGs are recompressed losslessly, and never grow", async () => {
  const sharp = require("sharp");
  const pixels = async (png: Buffer) => (await sharp(png).raw().toBuffer()) as Buffer;
  // flat colour, as in a chart, stored without compression: libvips makes it much smaller
  const flat = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 250, g: 250, b: 250 } } }).png({ compressionLevel: 0 }).toBuffer();
  const small = await smallerPng(flat);
  assert.ok(small.length < flat.length / 10, `${small.length} vs ${flat.length}`);
  assert.ok((await pixels(small)).equals(await pixels(flat)));
  // never larger, never other pixels, whatever the input
  for (const png of [await gradientPng(40, 30), small]) {
    const out = await smallerPng(png);
    assert.ok(out.length <= png.length);
    assert.ok((await pixels(out)).equals(await pixels(png)));
  }
});
