import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_INLINE_FIGURE_BYTES, displayBundle, displayComparison, displayFigure, displayTable, inNotebook } from "../../src/report/display";
import { comparePaper } from "../../src/report/tables/comparison";
import { barChartFigure } from "../../src/report/figures/bar-chart";

function captureConsole(fn: () => void): string[] {
  const lines: string[] = [];
  const real = console.log;
  console.log = (s: string) => lines.push(s);
  try {
    fn();
  } finally {
    console.log = real;
  }
  return lines;
}

test("outside a notebook, display falls back to text", () => {
  assert.equal(inNotebook(), false);
  const out = captureConsole(() => {
    displayTable({ columns: ["a"], rows: [[0.5]] }, { title: "T", synthetic: true });
    displayComparison(comparePaper([{ table: 3, class: "all", magnification: "40X", kit: 2000 }]), { title: "counts" });
    displayFigure(barChartFigure({ title: "Accuracy", categories: ["A"], series: [{ name: "kit", values: [1] }] }), { file: "results/figures/acc.html" });
  });
  assert.equal(out.length, 3);
  assert.match(out[0], /^### T \(synthetic data\)\n\n> \*\*Synthetic data/);
  assert.match(out[1], /\| metric \| paper \| kit \| delta \(kit - paper\) \| paper source \|\n\| --- \| ---: \| ---: \| ---: \| --- \|\n\| images \| 1995 \| 2000 \| 5 \| Table 3, line 104 \|/);
  assert.equal(out[2], "[figure] Accuracy (results/figures/acc.html)");
});

test("inside a notebook, display sends one bundle with rich and plain representations", () => {
  const jupyter = require("tslab/dist/jupyter");
  const sent: any[] = [];
  jupyter.lastWriteDisplayData = (msg: any) => sent.push(msg);
  try {
    assert.equal(inNotebook(), true);
    displayTable({ columns: ["a"], rows: [["<x>"]] }, { title: "T" });
    displayFigure(barChartFigure({ title: "Acc", categories: ["A"], series: [{ name: "kit", values: [1] }] }), { png: new Uint8Array([1, 2, 3]) });
    displayBundle({ "text/html": "<b>x</b>" }, "x");
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  assert.deepEqual(Object.keys(sent[0].data).sort(), ["text/html", "text/markdown", "text/plain"]);
  assert.ok(sent[0].data["text/html"].includes("<td>&lt;x&gt;</td>"));
  assert.deepEqual(Object.keys(sent[1].data).sort(), ["application/vnd.plotly.v1+json", "image/png", "text/plain"]);
  assert.equal(sent[1].data["image/png"], "AQID");
  assert.equal(sent[1].data["application/vnd.plotly.v1+json"].data[0].type, "bar");
  assert.deepEqual(sent[2].data, { "text/html": "<b>x</b>", "text/plain": "x" });
});

test("a figure whose plotly JSON is over the inline limit goes into the notebook as its PNG only; without a PNG it stays whole", () => {
  const jupyter = require("tslab/dist/jupyter");
  const sent: any[] = [];
  jupyter.lastWriteDisplayData = (msg: any) => sent.push(msg);
  const values = Array.from({ length: MAX_INLINE_FIGURE_BYTES / 8 }, (_, i) => i / 7);
  const big = barChartFigure({ title: "Big", categories: values.map(String), series: [{ name: "kit", values }] });
  try {
    displayFigure(big, { png: new Uint8Array([1, 2, 3]), file: "results/figures/big.html" });
    displayFigure(big, {});
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  assert.deepEqual(Object.keys(sent[0].data).sort(), ["image/png", "text/plain"]);
  assert.equal(sent[0].data["text/plain"], "[figure] Big (results/figures/big.html)");
  assert.deepEqual(Object.keys(sent[1].data).sort(), ["application/vnd.plotly.v1+json", "text/plain"]);
});
