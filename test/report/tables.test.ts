import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { renderCsv } from "../../src/report/tables/render-csv";
import { csvField } from "../../src/io/csv";
import { markdownCell, renderMarkdown, renderMarkdownTable } from "../../src/report/tables/render-markdown";
import { escapeHtml, renderHtmlTable } from "../../src/report/tables/render-html";
import { frameToTable, TableData } from "../../src/report/tables/table-data";
import { writeTable } from "../../src/report/tables/write-table";
import { paperTableData } from "../../src/report/tables/paper-table";
import { testContext } from "./helpers";

const tricky: TableData = {
  columns: ["model", "note", "accuracy", "n"],
  rows: [
    ["DALAResNet50", 'says "hi", then | pipes', 0.98512345678, 599],
    ["<b>VGG16</b>", "two\nlines", null, 0],
    [" padded", "a & b", Number.NaN, 12],
  ],
};

test("CSV quotes what needs quoting and keeps full precision", () => {
  assert.equal(
    renderCsv(tricky),
    'model,note,accuracy,n\r\nDALAResNet50,"says ""hi"", then | pipes",0.98512345678,599\r\n<b>VGG16</b>,"two\nlines",,0\r\n" padded",a & b,,12\r\n',
  );
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField("a,b"), '"a,b"');
});

test("Markdown escapes pipes, HTML and line breaks, right-aligns numeric columns, rounds for reading", () => {
  const md = renderMarkdownTable(tricky);
  const lines = md.split("\n");
  assert.equal(lines[0], "| model | note | accuracy | n |");
  assert.equal(lines[1], "| --- | --- | ---: | ---: |");
  assert.equal(lines[2], '| DALAResNet50 | says "hi", then \\| pipes | 0.9851 | 599 |');
  assert.equal(lines[3], "| &lt;b&gt;VGG16&lt;/b&gt; | two<br>lines |  | 0 |");
  assert.equal(markdownCell("a\\|b"), "a\\\\\\|b");
  const doc = renderMarkdown(tricky, { title: "T", notice: "N!", caption: ["cap"], footer: ["prov"] }, { digits: 2 });
  assert.match(doc, /^### T\n\n> \*\*N!\*\*\n\n\| model/);
  assert.match(doc, /\| 0\.99 \| 599 \|/);
  assert.match(doc, /cap\n\n<sub>prov<\/sub>/);
});

test("HTML escapes cells and text, marks numeric cells", () => {
  const html = renderHtmlTable(tricky, { title: "A <title> & more", caption: ["x < y"] });
  assert.ok(html.includes("<caption>A &lt;title&gt; &amp; more</caption>"));
  assert.ok(html.includes("<td>&lt;b&gt;VGG16&lt;/b&gt;</td>"));
  assert.ok(html.includes('<td>says &quot;hi&quot;, then | pipes</td><td class="num">0.9851</td><td class="num">599</td>'));
  assert.ok(html.includes('<p class="caption">x &lt; y</p>'));
  assert.ok(!html.includes("<b>VGG16"));
  assert.equal(escapeHtml(`'"&<>`), "&#39;&quot;&amp;&lt;&gt;");
});

test("a danfojs DataFrame renders with its real values", () => {
  const dfd = require("danfojs-node");
  const df = new dfd.DataFrame({ model: ["ResNet50", "DALAResNet50"], accuracy: [0.927, 0.985], images: [599, 599] });
  const t = frameToTable(df);
  assert.deepEqual(t.columns, ["model", "accuracy", "images"]);
  assert.deepEqual(t.rows, [["ResNet50", 0.927, 599], ["DALAResNet50", 0.985, 599]]);
  assert.equal(renderCsv(t), "model,accuracy,images\r\nResNet50,0.927,599\r\nDALAResNet50,0.985,599\r\n");
  const w = writeTable(testContext({ synthetic: false, dataset: "BreakHis 40X" }), "frame", df, { title: "From a DataFrame" });
  assert.equal(fs.readFileSync(w.paths.csv, "utf8"), renderCsv(t));
});

test("writeTable writes CSV, Markdown, HTML and a provenance sidecar; synthetic data is labelled in each", () => {
  const ctx = testContext();
  const w = writeTable(ctx, "demo-table", tricky, { title: "Accuracy per model", caption: ["test split"] });
  for (const p of Object.values(w.paths)) assert.ok(fs.existsSync(p), p);
  const csv = fs.readFileSync(w.paths.csv, "utf8");
  assert.ok(csv.startsWith("data,model,note,accuracy,n\r\nsynthetic data,DALAResNet50,"), csv);
  const md = fs.readFileSync(w.paths.md, "utf8");
  assert.match(md, /^### Accuracy per model \(synthetic data\)/);
  assert.match(md, /> \*\*Synthetic data: these numbers come from the kit's generated data set/);
  assert.match(md, /<sub>Provenance: profile ci · data synthetic data · seed 7 · config [0-9a-f]{16} · commit [0-9a-f]{12}.* · notebook 04-baseline-comparison.ipynb<\/sub>/);
  const html = fs.readFileSync(w.paths.html, "utf8");
  assert.match(html, /^<!doctype html>/);
  assert.ok(html.includes('<p class="notice">Synthetic data:'));
  assert.ok(html.includes("<caption>Accuracy per model (synthetic data)</caption>"));
  assert.ok(!/<script|<link|src=/.test(html), "self-contained: no scripts or external resources");
  const side = JSON.parse(fs.readFileSync(w.paths.json, "utf8"));
  assert.equal(side.kind, "table");
  assert.equal(side.notebook, "04-baseline-comparison.ipynb");
  assert.equal(side.synthetic, true);
  assert.equal(side.provenance.seed, 7);
  assert.equal(side.provenance.profile, "ci");
  assert.deepEqual(side.provenance.config, { lr: 1e-3 });
  assert.match(side.provenance.commit, /^[0-9a-f]{40}$/);
  assert.deepEqual(side.files, { csv: "demo-table.csv", md: "demo-table.md", html: "demo-table.html" });
});

test("real-data tables carry no synthetic label", () => {
  const ctx = testContext({ synthetic: false, profile: "paper", dataset: "BreakHis 40X" });
  const w = writeTable(ctx, "real", tricky, { title: "Real" });
  assert.ok(fs.readFileSync(w.paths.csv, "utf8").startsWith("model,"));
  assert.ok(!fs.readFileSync(w.paths.md, "utf8").includes("ynthetic"));
});

test("bad result names are refused", () => {
  assert.throws(() => writeTable(testContext(), "../escape", tricky, { title: "x" }), /result name '..\/escape' must start with a letter or digit/);
  assert.throws(() => writeTable(testContext(), "a b", tricky, { title: "x" }), /result name 'a b'/);
});

test("a paper table renders as printed", () => {
  const t = paperTableData(7);
  assert.equal(t.columns.length, 17);
  assert.deepEqual(t.columns.slice(0, 3), ["model", "40X Accuracy", "40X F1"]);
  assert.deepEqual(t.rows[8].slice(0, 3), ["DALAResNet50", "0.985", "0.970/0.985"]);
  assert.equal(t.rows[1][0], "DenseNet121");
  assert.equal(paperTableData(6).rows[0][0], "BreakHis 40X");
});
