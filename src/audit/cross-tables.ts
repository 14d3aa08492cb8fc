/**
 * Checks between tables: numbers the paper prints twice, a column that is the mean of others, split
 * sizes that follow from a stated rule, and the test sizes every printed accuracy of a data cell
 * allows. Each is plain arithmetic on the transcribed tables (src/paper); the verdicts use the same
 * rounding rule as the row audit (half a unit of the last printed digit).
 */
import { paperDecimals, paperValue, paperValues, type PaperValue } from "../paper/paper-tables";
import { paperSplitSizes } from "../data/split/paper-split";
import { MAGNIFICATIONS } from "../data/datasets";
import { halfUnit } from "./printed";
import { paperDataCells, type PaperDataCell } from "./paper-rows";

const SLACK = 1e-9;

export interface EqualityCheck {
  what: string;
  a: { source: string; text: string };
  b: { source: string; text: string };
  /** Both printed values stand for one number within their rounding. */
  holds: boolean;
}

const src = (v: PaperValue) => `Table ${v.table} line ${v.source.line}`;

/** Table 2's layer-4 rows against Table 7's DALAResNet50 rows: the same model, printed twice. */
export function table2VsTable7(): EqualityCheck[] {
  return MAGNIFICATIONS.flatMap((magnification) =>
    (["accuracy", "f1"] as const).map((metric) => {
      const a = paperValue({ table: 2, attentionAfter: "layer4", magnification, metric });
      const b = paperValue({ table: 7, model: "DALAResNet50", magnification, metric });
      return { what: `${magnification} ${metric}`, a: { source: src(a), text: a.text }, b: { source: src(b), text: b.text }, holds: a.text === b.text };
    }),
  );
}

/** Whether two printed numbers can stand for the same value: their rounding intervals meet. */
export function sameWithinRounding(a: number, da: number, b: number, db: number): boolean {
  return Math.abs(a - b) <= halfUnit(da) + halfUnit(db) + SLACK;
}

/** Table 7 / 8 accuracy against Table 11 / 12 sensitivity of the same model: equal when sensitivity is support-weighted (it is then accuracy). */
export function accuracyVsSensitivity(): EqualityCheck[] {
  return [
    [7, 11],
    [8, 12],
  ].flatMap(([ta, tb]) =>
    paperValues({ table: ta, metric: "accuracy" }).map((a) => {
      const b = paperValue({ table: tb, model: a.keys.model, dataset: a.keys.dataset, magnification: a.keys.magnification, metric: "sensitivity" });
      return {
        what: `${a.keys.model} ${a.keys.magnification ?? a.keys.dataset}`,
        a: { source: src(a), text: a.text },
        b: { source: src(b), text: b.text },
        holds: sameWithinRounding(a.value as number, paperDecimals(a), b.value as number, paperDecimals(b)),
      };
    }),
  );
}

export interface AverageTimeCheck {
  model: string;
  source: string;
  printed: number;
  mean: number;
  holds: boolean;
}

/** Table 9's "Average Time" against the mean of its four convergence times. */
export function table9AverageTimes(): AverageTimeCheck[] {
  return paperValues({ table: 9, metric: "averageConvergenceTimeSeconds" }).map((v) => {
    const times = MAGNIFICATIONS.map((m) => paperValue({ table: 9, model: v.keys.model, magnification: m, metric: "convergenceTimeSeconds" }).value as number);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    // the mean of four numbers printed to 0.01 is known to 0.005, the printed average to 0.005 more
    const holds = Math.abs(mean - (v.value as number)) <= 2 * halfUnit(paperDecimals(v)) + SLACK;
    return { model: v.keys.model!, source: src(v), printed: v.value as number, mean, holds };
  });
}

export interface SplitCheck {
  cell: string;
  /** Total images from Tables 3-5 and from Table 6. */
  classTotal: number;
  printed: { all: number; train: number; val: number; test: number };
  rule: { train: number; val: number; test: number };
  holds: boolean;
}

/** Table 6 against the class counts of Tables 3-5 and the 6:1:3 rule (train = round(0.6 n), val = floor(0.1 n)). */
export function table6Splits(): SplitCheck[] {
  return paperDataCells().map((cell) => {
    const keys = { table: 6, dataset: cell.dataset, ...(cell.magnification ? { magnification: cell.magnification } : {}), metric: "images" };
    const part = (split: string) => paperValue({ ...keys, split }).value as number;
    const printed = { all: part("all"), train: part("train"), val: part("val"), test: part("test") };
    const classTotal = cell.counts.reduce((a, b) => a + b, 0);
    const rule = paperSplitSizes(printed.all);
    const holds = classTotal === printed.all && rule.train === printed.train && rule.val === printed.val && rule.test === printed.test;
    return { cell: cell.label, classTotal, printed, rule, holds };
  });
}

export interface TestSizeScan {
  cell: string;
  /** The test size Table 6 states. */
  stated: number;
  accuracies: { source: string; text: string }[];
  /** Test sizes in [from, to] at which every printed accuracy is some whole number of correct images over n. */
  fitting: number[];
  from: number;
  to: number;
}

/** Whether accuracy `v` (printed with `d` decimals) can be c / n for an integer c. */
export function accuracyFits(v: number, d: number, n: number): boolean {
  const h = halfUnit(d) + SLACK;
  return Math.ceil((v - h) * n - SLACK) <= Math.floor((v + h) * n + SLACK);
}

/**
 * Every model of a data cell is tested on the same split, so all its printed accuracies share one
 * denominator. This scans n over a range around Table 6's test size (from a tenth of it to the whole data set).
 */
export function testSizeScans(cells: readonly PaperDataCell[] = paperDataCells()): TestSizeScan[] {
  return cells.map((cell) => {
    const values = [2, 7, 8].flatMap((table) => paperValues({ table, dataset: cell.dataset, metric: "accuracy", ...(cell.magnification ? { magnification: cell.magnification } : {}) }));
    const stated = cell.test.reduce((a, b) => a + b, 0);
    const from = Math.max(1, Math.round(stated / 10));
    const to = cell.counts.reduce((a, b) => a + b, 0);
    const fitting: number[] = [];
    for (let n = from; n <= to; n++) if (values.every((v) => accuracyFits(v.value as number, paperDecimals(v), n))) fitting.push(n);
    return { cell: cell.label, stated, accuracies: values.map((v) => ({ source: src(v), text: v.text })), fitting, from, to };
  });
}
