/**
 * The paper's split: image-level, stratified by class, shuffled, 6:1:3. Table 6's sizes follow
 * train = round(0.6 n), val = floor(0.1 n), test = the rest; the per-class counts are apportioned so
 * the totals equal those sizes exactly while each class keeps its share as closely as integers allow.
 */
import { apportion } from "../apportion";
import { createRng } from "../../random";

export interface PartSizes {
  train: number;
  val: number;
  test: number;
}

/** Table 6's rule. */
export function paperSplitSizes(n: number): PartSizes {
  const train = Math.round(0.6 * n);
  const val = Math.floor(0.1 * n);
  return { train, val, test: n - train - val };
}

/** Per-class sizes: class c gets [train_c, val_c, test_c]; column sums equal `paperSplitSizes(n)`. */
export function stratifiedSizes(classCounts: readonly number[]): PartSizes[] {
  const n = classCounts.reduce((a, b) => a + b, 0);
  const total = paperSplitSizes(n);
  const train = apportion(total.train, classCounts, classCounts);
  const val = apportion(total.val, classCounts, classCounts.map((c, i) => c - train[i]));
  return classCounts.map((c, i) => ({ train: train[i], val: val[i], test: c - train[i] - val[i] }));
}

/** Row indices of each part (each part sorted), for labels given in manifest order. */
export function paperSplit(labels: ArrayLike<number>, seed: number): { train: number[]; val: number[]; test: number[] } {
  const classes = Math.max(-1, ...Array.from(labels)) + 1;
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const sizes = stratifiedSizes(byClass.map((rows) => rows.length));
  const rng = createRng(seed);
  const out = { train: [] as number[], val: [] as number[], test: [] as number[] };
  byClass.forEach((rows, c) => {
    const shuffled = rng.shuffle([...rows]);
    out.train.push(...shuffled.slice(0, sizes[c].train));
    out.val.push(...shuffled.slice(sizes[c].train, sizes[c].train + sizes[c].val));
    out.test.push(...shuffled.slice(sizes[c].train + sizes[c].val));
  });
  const asc = (a: number, b: number) => a - b;
  return { train: out.train.sort(asc), val: out.val.sort(asc), test: out.test.sort(asc) };
}
