import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { paperText } from "../paths";
import { parseCell, parseF1Pair, printedDecimals } from "../../src/paper/cell-value";
import {
  MAGNIFICATIONS,
  PAPER_MODELS,
  PAPER_TABLE_IDS,
  paperDecimals,
  paperInconsistency,
  paperNumber,
  paperRows,
  paperValue,
  paperValues,
} from "../../src/paper/paper-tables";

const PAPER_TEXT = paperText();
const n = (q: Parameters<typeof paperNumber>[0]) => paperNumber(q);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test("every transcribed row is the paper's text line verbatim", { skip: PAPER_TEXT.skip }, () => {
  const lines = fs.readFileSync(PAPER_TEXT.file!, "utf8").split("\n");
  let rows = 0;
  for (const id of PAPER_TABLE_IDS) {
    for (const row of paperRows(id)) {
      for (const line of row.lines) {
        const onLine = row.values.filter((v) => v.source.line === line);
        // the label is per line: the paper spells a row differently across blocks ("Eigen-CAM" / "EigenCAM")
        assert.equal(lines[line - 1], `${onLine[0].source.rowLabel} | ${onLine.map((v) => v.text).join(" | ")} |`, `Table ${id} line ${line}`);
        rows++;
      }
    }
  }
  assert.equal(rows, 4 * 2 + 3 + 5 + 4 + 6 + 9 * 2 + 9 + 9 + 9 + 9 * 2 + 9 + 5 + 4 * 2);
  // the header lines carry the column headers the values say they come from
  for (const v of paperValues({ table: 7 })) {
    const header = lines.slice(v.source.line - 20, v.source.line).join("\n");
    assert.ok(header.includes(v.source.columnHeader), `${v.source.columnHeader} above line ${v.source.line}`);
  }
});

test("all thirteen tables are there, each cell parses, keys are complete", () => {
  assert.deepEqual([...new Set(paperValues().map((v) => v.table))], [...PAPER_TABLE_IDS]);
  assert.equal(paperValues().length, 48 + 12 + 10 + 8 + 24 + 144 + 72 + 54 + 36 + 144 + 72 + 10 + 64);
  for (const v of paperValues()) {
    assert.ok(v.keys.metric, `metric key at Table ${v.table} line ${v.source.line}`);
    if ([7, 8, 9, 10, 11, 12].includes(v.table)) assert.ok((PAPER_MODELS as readonly string[]).includes(v.keys.model!), v.keys.model);
  }
});

test("F1 cells are macro/weighted pairs with both halves in [0, 1]", () => {
  const pairs = paperValues({ metric: "f1" }).filter((v) => v.table !== 14);
  assert.equal(pairs.length, 16 + 36 + 18);
  for (const v of pairs) {
    const p = v.value as { macro: number; weighted: number };
    assert.ok(p.macro > 0 && p.macro <= 1 && p.weighted > 0 && p.weighted <= 1, v.text);
  }
  assert.deepEqual(parseF1Pair("0.743/0.77"), { macro: 0.743, weighted: 0.77 });
  assert.equal(n({ table: 7, model: "DALAResNet50", magnification: "400X", metric: "f1", average: "weighted" }), 0.944);
  assert.equal(n({ table: 7, model: "DALAResNet50", magnification: "400X", metric: "f1", average: "macro" }), 0.891);
  assert.throws(() => n({ table: 7, model: "DALAResNet50", magnification: "400X", metric: "f1" }), /F1 pair '0.891\/0.944'.*average/);
  assert.throws(() => parseF1Pair("0.9"), /not an F1 pair/);
  assert.throws(() => parseCell("0,98", "number", "Table X"), /Table X: '0,98' is not a decimal number/);
  assert.throws(() => parseCell("12.5", "integer", "Table Y"), /not an integer/);
});

test("printed precision is kept", () => {
  assert.equal(printedDecimals("0.7006"), 4);
  assert.equal(printedDecimals("1995"), 0);
  const bach = paperValue({ table: 8, model: "SEResNet50", dataset: "BACH", metric: "f1" });
  assert.equal(paperDecimals(bach, "macro"), 3);
  assert.equal(paperDecimals(bach, "weighted"), 2);
});

test("Table 3 totals match the text's 7,909 and 5,429; the text's 2,429 benign is recorded as the paper's typo", () => {
  for (const m of MAGNIFICATIONS) {
    const q = { table: 3, magnification: m, metric: "images" };
    assert.equal(n({ ...q, class: "benign" }) + n({ ...q, class: "malignant" }), n({ ...q, class: "all" }), m);
  }
  const total = (c: string) => sum(MAGNIFICATIONS.map((m) => n({ table: 3, magnification: m, class: c })));
  assert.equal(total("all"), 7909);
  assert.equal(total("malignant"), 5429);
  assert.equal(total("benign"), 2480);
  const rec = paperInconsistency("breakhis-benign-count");
  assert.equal(rec.details.tableBenign, total("benign"));
  assert.equal(rec.details.textBenign + rec.details.tableMalignant, 7858);
});

test("the paper's text says 7,909 images, 2,429 benign and 5,429 malignant", { skip: PAPER_TEXT.skip }, () => {
  assert.match(fs.readFileSync(PAPER_TEXT.file!, "utf8"), /7,909 breast cancer histopathology images \(2,429 benign and 5,429 malignant\)/);
});

test("Tables 4 and 5 class counts sum to their totals", () => {
  assert.equal(sum(["normal", "benign", "inSitu", "invasive"].map((c) => n({ table: 4, class: c, metric: "images" }))), n({ table: 4, class: "all", metric: "images" }));
  assert.equal(n({ table: 4, class: "all", metric: "images" }), 400);
  assert.equal(paperValue({ table: 4, class: "benign", metric: "imageSize" }).value, "2048 × 1536");
  assert.equal(sum(["normal", "benign", "malignant"].map((c) => n({ table: 5, class: c, metric: "images" }))), 2000);
  assert.equal(n({ table: 5, class: "all", metric: "images" }), 2000);
});

test("Table 6 splits add up, follow train = round(0.6n), val = floor(0.1n), and match Tables 3-5", () => {
  const rows = paperRows(6);
  assert.equal(rows.length, 6);
  for (const row of rows) {
    const get = (split: string) => row.values.find((v) => v.keys.split === split)!.value as number;
    const all = get("all");
    assert.equal(get("train") + get("val") + get("test"), all, row.label);
    assert.equal(get("train"), Math.round(0.6 * all), row.label);
    assert.equal(get("val"), Math.floor(0.1 * all), row.label);
  }
  for (const m of MAGNIFICATIONS) {
    assert.equal(n({ table: 6, dataset: "BreakHis", magnification: m, split: "all" }), n({ table: 3, magnification: m, class: "all" }));
  }
  assert.equal(n({ table: 6, dataset: "BACH", split: "all" }), n({ table: 4, class: "all", metric: "images" }));
  assert.equal(n({ table: 6, dataset: "Mini-DDSM", split: "all" }), n({ table: 5, class: "all", metric: "images" }));
});

test("Tables 9-10 parameter counts are the ones paper-facts.md discusses", () => {
  // [binary (Table 9), BACH, Mini-DDSM], as paper-facts.md quotes them (hand-typed there from the paper)
  const facts: Record<string, [number, number, number]> = {
    DALAResNet50: [25611842, 24042692, 24040643],
    SEResNet50: [27073090, 27074116, 27073603],
    DenseNet121: [9028970, 9029996, 9029483],
    VGG16: [134268738, 134276932 + 2, 134272835],
    VGG16Inception: [38139938, 38148134, 38144035],
    ViT: [51375106, 51385352, 51376131],
    "Swin-Transformer": [86745274, 86753470, 86746299],
    Dinov2_Vitb14: [86582018, 86583556, 86582787],
    ResNet50: [21797672, 21797672 + 8196, 21797672],
  };
  for (const model of PAPER_MODELS) {
    const [bin, bach, ddsm] = facts[model];
    assert.equal(n({ table: 9, model, metric: "parameters" }), bin, model);
    assert.equal(n({ table: 10, model, dataset: "BACH", metric: "parameters" }), bach, model);
    assert.equal(n({ table: 10, model, dataset: "Mini-DDSM", metric: "parameters" }), ddsm, model);
  }
});

test("the recorded parameter-count deltas are the tables' own, and only the flagged ones break the head rule", () => {
  const rec = paperInconsistency("parameter-count-class-deltas");
  for (const model of PAPER_MODELS) {
    const bin = n({ table: 9, model, metric: "parameters" });
    const delta = (d: string) => n({ table: 10, model, dataset: d, metric: "parameters" }) - bin;
    assert.deepEqual({ BACH: delta("BACH"), "Mini-DDSM": delta("Mini-DDSM") }, rec.details.printedDeltas[model], model);
    const inF: number | undefined = rec.details.headInFeatures[model];
    if (inF === undefined) continue;
    const follows = delta("BACH") === 2 * (inF + 1) && delta("Mini-DDSM") === inF + 1;
    assert.equal(follows, ["SEResNet50", "DenseNet121", "Dinov2_Vitb14"].includes(model), model);
  }
});

test("Table 9 average time is the mean of the four magnifications except DenseNet121 (recorded)", () => {
  const off: string[] = [];
  for (const model of PAPER_MODELS) {
    const mean = sum(MAGNIFICATIONS.map((m) => n({ table: 9, model, magnification: m, metric: "convergenceTimeSeconds" }))) / 4;
    if (Math.abs(mean - n({ table: 9, model, metric: "averageConvergenceTimeSeconds" })) > 0.0051) off.push(model);
    if (model === "DenseNet121") assert.equal(mean, paperInconsistency("table9-densenet121-average-time").details.meanOfFour);
  }
  assert.deepEqual(off, ["DenseNet121"]);
});

test("Table 2's layer-4 row is Table 7's DALAResNet50", () => {
  for (const m of MAGNIFICATIONS) {
    for (const metric of ["accuracy", "f1"]) {
      assert.equal(paperValue({ table: 2, attentionAfter: "layer4", magnification: m, metric }).text, paperValue({ table: 7, model: "DALAResNet50", magnification: m, metric }).text);
    }
  }
});

test("sensitivity equals accuracy (weighted recall) except in the recorded cells", () => {
  const rec = paperInconsistency("sensitivity-vs-accuracy");
  const found: object[] = [];
  const check = (t: number, tSens: number, keys: { dataset: string; magnification?: string }) => {
    for (const model of PAPER_MODELS) {
      const accuracy = n({ table: t, model, ...keys, metric: "accuracy" });
      const sensitivity = n({ table: tSens, model, ...keys, metric: "sensitivity" });
      if (Math.abs(accuracy - sensitivity) > rec.details.tolerance) found.push({ ...keys, model, accuracy, sensitivity });
    }
  };
  for (const m of MAGNIFICATIONS) check(7, 11, { dataset: "BreakHis", magnification: m });
  for (const d of ["BACH", "Mini-DDSM"]) check(8, 12, { dataset: d });
  assert.deepEqual(found, rec.details.cells);
});

test("identical rows and copied cells are recorded where they occur", () => {
  const cells = (t: number, model: string, keys: object) =>
    ["sensitivity", "specificity", "ppv", "npv"].map((metric) => paperValue({ table: t, model, metric, ...keys }).text);
  const r11 = paperInconsistency("table11-identical-rows-100X").details;
  assert.deepEqual(cells(11, r11.models[0], { magnification: "100X" }), r11.cells);
  assert.deepEqual(cells(11, r11.models[1], { magnification: "100X" }), r11.cells);
  const r12 = paperInconsistency("table12-identical-rows-mini-ddsm").details;
  assert.deepEqual(cells(12, r12.models[0], { dataset: "Mini-DDSM" }), r12.cells);
  assert.deepEqual(cells(12, r12.models[1], { dataset: "Mini-DDSM" }), r12.cells);
  for (const metric of ["iba", "gmean"]) {
    assert.equal(n({ table: 8, model: "ViT", dataset: "BACH", metric }), n({ table: 8, model: "ViT", dataset: "Mini-DDSM", metric }));
  }
  const gaps = paperInconsistency("table8-bach-f1-pairs").details;
  const big = PAPER_MODELS.filter((model) => {
    const p = paperValue({ table: 8, model, dataset: "BACH", metric: "f1" }).value as { macro: number; weighted: number };
    return Math.abs(p.macro - p.weighted) > gaps.minGap;
  });
  assert.deepEqual(big, Object.keys(gaps.pairs));
});

test("binary IBA fits imbalanced-learn's unsquared form, never the squared default (recorded observation)", () => {
  const obs = paperInconsistency("iba-form").details;
  const tol = obs.roundingTolerance;
  let cellsSeen = 0;
  let squared = 0;
  let unsquared = 0;
  for (const model of PAPER_MODELS) {
    for (const m of MAGNIFICATIONS) {
      const iba = n({ table: 7, model, magnification: m, metric: "iba" });
      const g = n({ table: 7, model, magnification: m, metric: "gmean" });
      // two classes: G^2 = r0*r1 and dominance = r1 - r0, so |dominance| <= 1 - G^2
      const feasible = (base: (x: number) => number) =>
        [g - tol, g, g + tol].some((x) => {
          const d = 1 - x * x;
          return iba - tol <= (1 + 0.1 * d) * base(x) && iba + tol >= (1 - 0.1 * d) * base(x);
        });
      cellsSeen++;
      if (feasible((x) => x * x)) squared++;
      if (feasible((x) => x)) unsquared++;
    }
  }
  assert.deepEqual([cellsSeen, squared, unsquared], [obs.binaryCells, obs.squaredFeasible, obs.unsquaredFeasible]);
});

test("Table 14: Dice equals F1 and mean Dice stays below 2 IoU / (1 + IoU) (Jensen)", () => {
  for (const v of paperValues({ table: 14, metric: "iou" })) {
    const keys = { table: 14, cam: v.keys.cam, magnification: v.keys.magnification };
    const dice = n({ ...keys, metric: "dice" });
    const iou = v.value as number;
    assert.equal(dice, n({ ...keys, metric: "f1" }));
    assert.ok(dice <= (2 * iou) / (1 + iou), `${v.keys.cam} ${v.keys.magnification}`);
  }
});

test("lookups fail clearly", () => {
  assert.throws(() => paperValue({ table: 7, model: "DALAResNet50", metric: "accuracy" }), /4 paper values match table=7, model=DALAResNet50, metric=accuracy: Table 7 line 139/);
  assert.throws(() => paperValue({ table: 7, model: "AlexNet" }), /no paper value matches table=7, model=AlexNet/);
  assert.throws(() => paperRows(15), /Table 15 is not transcribed/);
  assert.throws(() => paperNumber({ table: 4, class: "all", metric: "imageSize" }), /is text/);
  assert.throws(() => paperInconsistency("nope"), /known breakhis-benign-count/);
});

test("rows join a wide table's blocks in the paper's order", () => {
  const rows = paperRows(7);
  assert.deepEqual(rows.map((r) => r.keys.model), [...PAPER_MODELS]);
  assert.equal(rows[1].label, "DenseNet121 [51]");
  assert.deepEqual(rows[8].lines, [139, 151]);
  assert.equal(rows[8].values.length, 16);
  assert.equal(paperRows(8)[1].label, "DensNet121 [51]");
  assert.deepEqual(paperRows(14).map((r) => r.keys.cam), ["Grad-CAM", "Score-CAM", "Eigen-CAM", "DT Grad-CAM"]);
});

test("Table 13 is the paper's qualitative comparison, five aspects, text cells verbatim", () => {
  const rows = paperRows(13);
  assert.deepEqual(rows.map((r) => r.label), ["Adaptive Thresholding", "Visualization Clarity", "Interpretability", "Noise Reduction", "Diagnostic Relevance"]);
  assert.deepEqual(rows.map((r) => r.keys.aspect), ["adaptiveThresholding", "visualizationClarity", "interpretability", "noiseReduction", "diagnosticRelevance"]);
  assert.equal(paperValue({ table: 13, aspect: "noiseReduction", cam: "DT Grad-CAM" }).value, "Effectively minimizes noise.");
  assert.equal(paperValue({ table: 13, aspect: "visualizationClarity", cam: "Grad-CAM" }).value, "Dispersed and less interpretable.");
  assert.throws(() => paperNumber({ table: 13, aspect: "interpretability", cam: "Grad-CAM" }), /is text \('Basic interpretability.'\)/);
});

test("Table 13's header line is the paper's, above its rows", { skip: PAPER_TEXT.skip }, () => {
  const lines = fs.readFileSync(PAPER_TEXT.file!, "utf8").split("\n");
  assert.equal(lines[241 - 1], "Comparison Aspect | DT Grad-CAM | Grad-CAM |");
  assert.deepEqual(paperRows(13).map((r) => r.lines[0]), [243, 244, 245, 246, 247]);
});
