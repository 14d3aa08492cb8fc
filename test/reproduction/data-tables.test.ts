import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { BACH_CLASSES } from "../../src/data/manifest/bach";
import { BREAKHIS_MAGNIFICATIONS } from "../../src/data/manifest/breakhis";
import type { ManifestRow } from "../../src/data/manifest/types";
import { classCountEntries, classCountTable, classShareTable, dataSourcesTable, imageSizeSummary } from "../../src/reproduction/data-tables";
import { datasetContext, loadPaperDataset, type LoadedDataset } from "../../src/reproduction/load-dataset";
import { publishTable } from "../../src/reproduction/publish";
import { sampleGridFigure, sampleLayout, thumbnail } from "../../src/reproduction/sample-grid";
import { tempDir, writeFakeRealManifest } from "./helpers";

// One synthetic ci data directory for the whole file: generating it takes about a second.
const dataDir = tempDir();
let breakhis: Promise<LoadedDataset> | undefined;
const syntheticBreakhis = () => (breakhis ??= loadPaperDataset("breakhis", "ci", { dataDir }));

test("ci profile without downloads: the synthetic stand-in, labelled as such", async () => {
  const d = await syntheticBreakhis();
  assert.equal(d.synthetic, true);
  assert.equal(d.manifest.dataset, "synthetic-breakhis");
  // ci: 48 images per magnification, four magnifications
  assert.equal(d.manifest.rows.length, 4 * 48);
  assert.match(d.source, /Synthetic stand-in 'synthetic-breakhis' for BreakHis: 48 generated 32 x 32 px images per magnification/);
  const ctx = datasetContext(d, "ci", tempDir());
  assert.equal(ctx.synthetic, true);
  assert.equal(ctx.dataset, "synthetic-breakhis");
});

test("Table 3 counts equal the manifest's, per magnification and class, beside Table 3", async () => {
  const d = await syntheticBreakhis();
  const t = classCountTable(d);
  assert.equal(t.name, "table3-breakhis-class-counts");
  assert.equal(t.ranked, false, "synthetic counts stay out of the index's largest differences");
  assert.equal(t.comparison.rows.length, 4 * 3);
  for (const mag of BREAKHIS_MAGNIFICATIONS) {
    const rows = d.manifest.rows.filter((r) => r.magnification === mag);
    const count = (label: string) => rows.filter((r) => r.label === label).length;
    const of = (cls: string) => t.comparison.rows.find((r) => r.keys.magnification === mag && r.keys.class === cls)!;
    assert.equal(of("benign").kit, count("benign"));
    assert.equal(of("malignant").kit, count("malignant"));
    assert.equal(of("all").kit, rows.length);
    assert.equal(of("benign").kit! + of("malignant").kit!, of("all").kit);
  }
  const at40 = (cls: string) => t.comparison.rows.find((r) => r.keys.magnification === "40X" && r.keys.class === cls)!;
  // Table 3, 40X column: 625 / 1370 / 1995; ci's 48 images keep BreakHis's ~31% benign share: 15 / 33
  assert.deepEqual([at40("benign").paper, at40("malignant").paper, at40("all").paper], [625, 1370, 1995]);
  assert.deepEqual([at40("benign").kit, at40("malignant").kit], [15, 33]);
  assert.equal(at40("benign").delta, 15 - 625);
});

test("class shares: paper and kit shares within each magnification, hand-computed", async () => {
  const d = await syntheticBreakhis();
  const t = classShareTable(d);
  const col = (name: string) => t.table.columns.indexOf(name);
  const row = t.table.rows.find((r) => r[col("magnification")] === "400X" && r[col("class")] === "benign")!;
  assert.equal(row[col("paper images")], 588);
  assert.ok(Math.abs((row[col("paper share (%)")] as number) - (100 * 588) / 1820) < 1e-12);
  assert.equal(row[col("kit share (%)")], (100 * 15) / 48);
  assert.ok(Math.abs((row[col("share delta (points)")] as number) - ((100 * 15) / 48 - (100 * 588) / 1820)) < 1e-12);
  const patients = new Set(d.manifest.rows.filter((r) => r.magnification === "400X" && r.label === "benign").map((r) => r.patient)).size;
  assert.equal(row[col("kit patients")], patients);
  assert.equal(row[col("kit image size")], "32 × 32");
  assert.equal(col("paper image size"), -1, "Table 3 prints no image sizes");
});

test("a downloaded data set is used when present: deltas 0 when it has the paper's counts", async () => {
  const dir = tempDir();
  writeFakeRealManifest(dir, "bach", BACH_CLASSES, [100, 100, 100, 100], { width: 2048, height: 1536 });
  const d = await loadPaperDataset("bach", "demo", { dataDir: dir });
  assert.equal(d.synthetic, false);
  assert.match(d.source, /^BACH as downloaded \(400 images/);
  const t = classCountTable(d);
  assert.equal(t.ranked, true);
  assert.deepEqual(t.comparison.rows.map((r) => [r.keys.class, r.paper, r.kit, r.delta]), [
    ["normal", 100, 100, 0],
    ["benign", 100, 100, 0],
    ["inSitu", 100, 100, 0],
    ["invasive", 100, 100, 0],
    ["all", 400, 400, 0],
  ]);
  const shares = classShareTable(d);
  const c = (n: string) => shares.table.columns.indexOf(n);
  for (const r of shares.table.rows) {
    assert.equal(r[c("paper image size")], "2048 × 1536");
    assert.equal(r[c("kit image size")], "2048 × 1536");
    assert.equal(r[c("share delta (points)")], 0);
  }
  const ctx = datasetContext(d, "demo", tempDir());
  assert.equal(ctx.synthetic, false);
  assert.equal(ctx.dataset, "BACH");
});

test("real data: realWhenPresent=false falls back to synthetic; profile paper without downloads fails naming the fetch", async () => {
  const dir = tempDir();
  writeFakeRealManifest(dir, "miniddsm", ["Normal", "Benign", "Cancer"], [5, 7, 8]);
  const fallback = await loadPaperDataset("miniddsm", "ci", { dataDir: dir, realWhenPresent: false });
  assert.equal(fallback.synthetic, true);
  await assert.rejects(loadPaperDataset("breakhis", "paper", { dataDir: dir }), /profile 'paper' needs the real BreakHis: no manifest\.json in .*breakhis\. Run 'dala data fetch breakhis'/);
  const paper = await loadPaperDataset("miniddsm", "paper", { dataDir: dir });
  assert.equal(paper.synthetic, false);
  // Mini-DDSM's "Cancer" folder is Table 5's malignant row
  assert.deepEqual(classCountEntries(paper).map((e) => [e.class, e.kit]), [["normal", 5], ["benign", 7], ["malignant", 8], ["all", 20]]);
});

test("a manifest with other classes than the paper's data set is refused", async () => {
  const dir = tempDir();
  writeFakeRealManifest(dir, "bach", ["Normal", "Tumour"], [1, 1]);
  await assert.rejects(loadPaperDataset("bach", "demo", { dataDir: dir }), /classes Normal, Tumour are not BACH's Normal, Benign, InSitu, Invasive/);
});

test("imageSizeSummary: one size, or the range of variable sizes", () => {
  const row = (width: number, height: number) => ({ width, height }) as ManifestRow;
  assert.equal(imageSizeSummary([row(700, 460), row(700, 460)]), "700 × 460");
  assert.equal(imageSizeSummary([row(300, 500), row(400, 600), row(300, 600)]), "variable (3 sizes, 300-400 × 500-600)");
  assert.equal(imageSizeSummary([]), "");
});

test("sample grid: one row per magnification, each class's samples drawn from that magnification, seeded", async () => {
  const d = await syntheticBreakhis();
  const layout = sampleLayout(d, 2, 0);
  assert.deepEqual(layout.map((r) => r.label), BREAKHIS_MAGNIFICATIONS);
  for (const r of layout) {
    assert.deepEqual(r.samples.map((s) => s.label), ["benign", "benign", "malignant", "malignant"]);
    assert.ok(r.samples.every((s) => s.magnification === r.label));
    assert.equal(new Set(r.samples.map((s) => s.path)).size, 4, "no image twice");
  }
  assert.deepEqual(sampleLayout(d, 2, 0), layout);
  assert.notDeepEqual(sampleLayout(d, 2, 1), layout);
  assert.throws(() => sampleLayout(d, 0, 0), /perClass must be a positive integer/);
  const fig = await sampleGridFigure(d, { seed: 0, perClass: 1 });
  const images = fig.data.filter((t) => t.type === "image");
  assert.equal(images.length, 4 * 2);
  assert.ok(images.every((t) => String(t.source).startsWith("data:image/png;base64,")));
  assert.equal(fig.layout.title.text, "Fig. 3 · BreakHis samples");
  const titles = (fig.layout.annotations as { text: string; yanchor?: string }[]).filter((a) => a.yanchor === "bottom").map((a) => a.text);
  assert.deepEqual(titles, ["benign", "malignant"]);
});

test("sample grid of a data set without magnifications: a column per class, a row per draw", async () => {
  const d = await loadPaperDataset("bach", "ci", { dataDir });
  const layout = sampleLayout(d, 3, 0);
  assert.equal(layout.length, 3);
  for (const r of layout) assert.deepEqual(r.samples.map((s) => s.label), BACH_CLASSES);
  assert.equal(new Set(layout.flatMap((r) => r.samples.map((s) => s.path))).size, 12);
  const fig = await sampleGridFigure(d, { seed: 0, perClass: 3 });
  const titles = (fig.layout.annotations as { text: string; yanchor?: string }[]).filter((a) => a.yanchor === "bottom").map((a) => a.text);
  assert.deepEqual(titles, BACH_CLASSES);
});

test("publishTable: synthetic counts written unranked and labelled; real counts go to the index's comparison", async () => {
  const d = await syntheticBreakhis();
  const results = tempDir();
  const written = publishTable(datasetContext(d, "ci", results), classCountTable(d));
  assert.equal(written.record.synthetic, true);
  assert.equal(written.record.comparison, undefined);
  assert.match(written.record.title, /\(synthetic data\)$/);
  const csv = fs.readFileSync(written.paths.csv, "utf8");
  // synthetic data is not the paper's: no difference column
  assert.match(csv, /^data,magnification,class,paper,kit \(synthetic data\),paper source\r\nsynthetic data,40X,benign,625,15,"Table 3, line 102"/);
  const md = fs.readFileSync(written.paths.md, "utf8");
  assert.match(md, /Synthetic stand-in 'synthetic-breakhis'/);

  const dir = tempDir();
  writeFakeRealManifest(dir, "bach", BACH_CLASSES, [100, 100, 100, 99]);
  const real = await loadPaperDataset("bach", "demo", { dataDir: dir });
  const w2 = publishTable(datasetContext(real, "demo", results), classCountTable(real));
  assert.equal(w2.record.synthetic, false);
  assert.deepEqual(w2.record.comparison!.rows.map((r) => r.delta), [0, 0, 0, -1, -1]);
  assert.ok(fs.existsSync(path.join(results, "tables", "table4-bach-class-counts.html")));
});

test("dataSourcesTable: one row per data set, saying synthetic or downloaded", async () => {
  const dir = tempDir();
  writeFakeRealManifest(dir, "bach", BACH_CLASSES, [2, 2, 2, 2]);
  const t = dataSourcesTable([await syntheticBreakhis(), await loadPaperDataset("bach", "ci", { dataDir: dir })]);
  assert.deepEqual(t.table.rows.map((r) => r.slice(0, 5)), [
    ["BreakHis", "synthetic stand-in (synthetic-breakhis)", 192, "benign, malignant", new Set((await syntheticBreakhis()).manifest.rows.map((r) => r.patient)).size],
    ["BACH", "downloaded", 8, "Normal, Benign, InSitu, Invasive", 8],
  ]);
});

test("thumbnail: a 16-bit grey PNG (like Mini-DDSM's) becomes an 8-bit RGB PNG, letterboxed to the grid's aspect", async () => {
  const sharp = require("sharp");
  const dir = tempDir();
  const file = path.join(dir, "grey16.png");
  const px = Buffer.alloc(40 * 100 * 2);
  for (let i = 0; i < 40 * 100; i++) px.writeUInt16LE((i * 97) % 65536, i * 2);
  await sharp(px, { raw: { width: 40, height: 100, channels: 1, depth: "ushort" } }).toColourspace("grey16").png().toFile(file);
  assert.equal((await sharp(file).metadata()).depth, "ushort");
  const png = await thumbnail(file, 60, 0.5);
  const meta = await sharp(png).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height, meta.channels, meta.depth], ["png", 60, 30, 3, "uchar"]);
  await assert.rejects(thumbnail(path.join(dir, "missing.png"), 60, 1), /sample grid: cannot read .*missing\.png/);
});
