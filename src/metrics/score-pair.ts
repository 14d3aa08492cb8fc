/**
 * The paper's "a/b" F1 notation: macro F1 / weighted F1 in one cell (Tables 2, 7, 8), e.g.
 * "0.970/0.985", rounded like Python's format (half to even on exact ties).
 */
import type { Labels } from "./targets";
import { f1Score } from "./precision-recall-f";
import { formatFixed } from "./format-fixed";
import type { ZeroDivision } from "./average";

/** "a/b" with `digits` decimals (default 3, as the paper prints). */
export function formatScorePair(a: number, b: number, digits = 3): string {
  return `${formatFixed(a, digits)}/${formatFixed(b, digits)}`;
}

export interface F1Pair {
  macro: number;
  weighted: number;
  /** "macro/weighted" as the paper prints it. */
  text: string;
}

/** Macro and weighted F1 and their "a/b" rendering. */
export function f1MacroWeighted(
  yTrue: Labels,
  yPred: Labels,
  options: { labels?: readonly number[]; sampleWeight?: ArrayLike<number>; zeroDivision?: ZeroDivision; digits?: number } = {},
): F1Pair {
  const { digits, ...common } = options;
  const macro = f1Score(yTrue, yPred, { ...common, average: "macro" });
  const weighted = f1Score(yTrue, yPred, { ...common, average: "weighted" });
  return { macro, weighted, text: formatScorePair(macro, weighted, digits) };
}
