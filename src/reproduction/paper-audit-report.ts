/**
 * The paper audit (src/audit) as the notebook and `dala audit` show it: its verdict, matrix and
 * implied-value tables, the cross-table checks, the heat map of printed minus implied values, and
 * the JSON file of the whole result under results/audit/.
 */
import * as path from "node:path";
import * as fs from "node:fs";
import { writeFileAtomic } from "../io/atomic-write";
import type { AuditedRow, PaperAudit } from "../audit/paper-audit";
import type { ScoreReport } from "../audit/row-audit";
import { PRINTED_METRICS, type PrintedMetric } from "../audit/printed";
import type { FigureSpec } from "../report/figures/spec";
import type { Cell } from "../report/tables/table-data";
import type { PlainReportTable } from "./publish";

const METRICS = Object.keys(PRINTED_METRICS) as PrintedMetric[];

/** The reading whose implied value is closest to the printed one: the reading a row is read under. */
export function closest(s: ScoreReport): { reading: string; value: number; printedUnits: number } | null {
  if (!s.implied.length) return null;
  return s.implied.reduce((a, b) => (Math.abs(b.printedUnits) < Math.abs(a.printedUnits) ? b : a));
}

const matrixText = (m: number[][] | undefined) => (m ? m.map((r) => r.join(" ")).join(" | ") : "");

function positiveName(r: AuditedRow, p: number | null | undefined): string {
  return p === null || p === undefined ? "" : r.classes[p];
}

function verdictText(r: AuditedRow): string {
  const a = r.audit;
  if (a.verdict !== "consistent" || !a.fit) return a.verdict;
  const readings = a.fit.readings.map((ids) => ids[0]).join(", ");
  return `consistent under ${readings}${a.fit.positive !== null ? ` (positive: ${positiveName(r, a.fit.positive)})` : ""}`;
}

export function verdictTable(audit: PaperAudit): PlainReportTable {
  const rows: Cell[][] = audit.rows.map((r) => {
    const a = r.audit;
    const at = a.fit ?? a.nearest?.fit;
    return [
      r.id,
      r.source,
      verdictText(r),
      a.fits + (a.capped ? "+" : ""),
      r.expected.join("/"),
      a.fittingCounts.map((c) => c.join("/")).join(", "),
      matrixText(at?.matrix),
      at ? at.counts.join("/") : "",
      a.conflict ? a.conflict.labels.map((l) => l.split(", ").pop()).join(" + ") + (a.conflict.smallest ? "" : " (irreducible, maybe not smallest)") : "",
      a.nearest ? a.nearest.factor : "",
      a.seconds,
    ];
  });
  return {
    name: "paper-audit-verdicts",
    title: "Paper audit: can an integer confusion matrix reproduce each printed row?",
    caption: [
      "One row per printed row of Tables 2, 7, 8, 11, 12 and per joined row (Tables 7 + 11, 8 + 12: one model's numbers on one data cell). 'fits': per-class profiles found (+: at least). 'test counts': the stratified test split of Tables 3-5; 'fitting splits': class splits of the same test size on which the row fits.",
      "'matrix': the fitted matrix (rows true, columns predicted, classes in the order of Tables 3-5), or for an inconsistent row the nearest matrix, found after widening every rounding interval by the factor shown (x half a unit of the last printed digit). 'conflict': the smallest set of printed values that no matrix of the stated test set reproduces together.",
    ],
    table: { columns: ["row", "source", "verdict", "fits", "test counts", "fitting splits", "matrix", "matrix counts", "conflict", "widening", "seconds"], rows },
  };
}

/** Rows x metrics: printed value, and printed - implied (closest reading, in printed units). */
export function summaryTable(audit: PaperAudit): PlainReportTable {
  const rows: Cell[][] = audit.rows.map((r) => [
    r.id,
    r.audit.verdict,
    ...METRICS.map((m) => {
      const s = r.audit.scores.find((x) => x.metric === m);
      if (!s) return "";
      const c = closest(s);
      return c ? `${s.printed} (${c.printedUnits >= 0 ? "+" : ""}${c.printedUnits.toFixed(1)})` : `${s.printed}`;
    }),
  ]);
  return {
    name: "paper-audit-summary",
    title: "Paper audit: printed values and printed minus implied, in units of the last printed digit",
    caption: ["Each cell: the printed value and, in brackets, printed minus the value the row's matrix implies under the closest reading, in units of the last printed digit (within +-0.5 is within rounding). Empty: the table prints no such value."],
    table: { columns: ["row", "verdict", ...METRICS.map((m) => PRINTED_METRICS[m].label)], rows },
  };
}

export function impliedTable(audit: PaperAudit): PlainReportTable {
  const rows: Cell[][] = [];
  for (const r of audit.rows) {
    for (const s of r.audit.scores) {
      for (const i of s.implied) rows.push([r.id, s.label, s.printed, i.reading, i.value, i.printedUnits, s.readingsFound.includes(i.reading)]);
    }
  }
  return {
    name: "paper-audit-implied",
    title: "Paper audit: the value each reading implies at each row's matrix",
    caption: ["For every printed value and every reading tried: the value at the row's fitted (or nearest) matrix, printed minus implied in printed units, and whether some fit satisfies the value under that reading."],
    digits: 4,
    table: { columns: ["row", "printed value", "printed", "reading", "implied", "printed - implied (units)", "reading fits"], rows },
  };
}

export function crossTables(audit: PaperAudit): PlainReportTable[] {
  const c = audit.cross;
  const eq = (name: string, title: string, checks: typeof c.table2VsTable7): PlainReportTable => ({
    name,
    title,
    caption: ["'holds': the two printed values can stand for one number within their rounding."],
    table: { columns: ["what", "source A", "A", "source B", "B", "holds"], rows: checks.map((x) => [x.what, x.a.source, x.a.text, x.b.source, x.b.text, x.holds]) },
  });
  return [
    eq("paper-audit-table2-vs-table7", "Table 2 layer-4 rows vs Table 7 DALAResNet50 rows", c.table2VsTable7),
    eq("paper-audit-accuracy-vs-sensitivity", "Accuracy (Tables 7-8) vs sensitivity (Tables 11-12) of the same model", c.accuracyVsSensitivity),
    {
      name: "paper-audit-table9-average-time",
      title: "Table 9: Average Time vs the mean of the four convergence times",
      caption: ["'holds': within the rounding of the printed numbers (0.01 s)."],
      digits: 3,
      table: { columns: ["model", "source", "printed", "mean of four", "holds"], rows: c.table9AverageTimes.map((x) => [x.model, x.source, x.printed, x.mean, x.holds]) },
    },
    {
      name: "paper-audit-table6-splits",
      title: "Table 6 vs Tables 3-5 and the 6:1:3 rule",
      caption: ["Rule: train = round(0.6 n), val = floor(0.1 n), test = the rest (src/data/split/paper-split.ts)."],
      table: {
        columns: ["cell", "Tables 3-5 total", "Table 6 total", "train", "rule", "val", "rule", "test", "rule", "holds"],
        rows: c.table6Splits.map((x) => [x.cell, x.classTotal, x.printed.all, x.printed.train, x.rule.train, x.printed.val, x.rule.val, x.printed.test, x.rule.test, x.holds]),
      },
    },
    {
      name: "paper-audit-test-sizes",
      title: "Test sizes at which every printed accuracy of a data cell is a whole count",
      caption: ["All models of a data cell share one test split, so all its accuracies share one denominator n. 'fits stated': n = Table 6's test size is among them."],
      table: {
        columns: ["cell", "accuracies", "stated n", "fits stated", "fitting n (count)", "nearest fitting n"],
        rows: c.testSizes.map((x) => [x.cell, x.accuracies.length, x.stated, x.fitting.includes(x.stated), x.fitting.length, x.fitting.length ? x.fitting.reduce((b, n) => (Math.abs(n - x.stated) < Math.abs(b - x.stated) ? n : b)) : ""]),
      },
    },
  ];
}

/** Heat map of printed minus implied (closest reading, printed units), single-table rows x metrics. */
export function deviationHeatmap(audit: PaperAudit): FigureSpec {
  const rows = audit.rows.filter((r) => r.tables.length === 1);
  const z = rows.map((r) =>
    METRICS.map((m) => {
      const s = r.audit.scores.find((x) => x.metric === m);
      const c = s ? closest(s) : null;
      return c ? Math.max(-20, Math.min(20, c.printedUnits)) : null;
    }),
  );
  const text = rows.map((r) =>
    METRICS.map((m) => {
      const s = r.audit.scores.find((x) => x.metric === m);
      const c = s ? closest(s) : null;
      return c ? `${s!.printed} vs ${c.value.toFixed(4)} (${c.reading}): ${c.printedUnits.toFixed(1)} units` : "";
    }),
  );
  return {
    data: [
      {
        type: "heatmap",
        z,
        x: METRICS.map((m) => PRINTED_METRICS[m].label.replace(/ \(.*\)$/, (s) => (s.includes("first") ? " 1st" : " 2nd"))),
        y: rows.map((r) => `${r.id} · ${r.audit.verdict}`),
        zmin: -20,
        zmax: 20,
        zmid: 0,
        colorscale: "RdBu",
        text,
        hovertemplate: "%{y}<br>%{x}: %{text}<extra></extra>",
        colorbar: { title: { text: "printed - implied<br>(last-digit units,<br>clipped at 20)" } },
      },
    ],
    layout: {
      title: { text: "Printed minus implied value at each row's fitted or nearest matrix", x: 0.5 },
      width: 1000,
      height: 200 + 14 * rows.length,
      margin: { l: 330, r: 40, t: 60, b: 90 },
      yaxis: { autorange: "reversed", type: "category", tickfont: { size: 9 } },
      xaxis: { type: "category", tickangle: -30 },
    },
  };
}

/** results/audit/paper-audit.json, written atomically; returns its path. */
export function writePaperAudit(resultsDir: string, audit: PaperAudit, provenance: unknown): string {
  const out = path.join(resultsDir, "audit", "paper-audit.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  writeFileAtomic(out, JSON.stringify({ kind: "paper-audit", provenance, ...audit }, null, 1) + "\n");
  return out;
}
