/**
 * The consistency search: does some integer confusion matrix of the test set reproduce every
 * printed score, each under at least one of its candidate readings?
 *
 * Branch and bound over boxes of per-class profiles (src/audit/profile.ts). At each box:
 * 1. the linear conditions every profile obeys tighten its bounds (`propagate`);
 * 2. every monotone reading narrows it further (src/audit/monotone-bounds.ts); a score's box is the
 *    hull of what its candidate readings allow, and a reading that allows nothing is dropped;
 * 3. every remaining reading is bounded over the box by interval arithmetic and dropped when its
 *    range misses the score's rounding interval.
 * A box where some score has no reading left holds no fit; a box reduced to one profile is checked
 * exactly (readings evaluated with numbers, realizability tested); otherwise its widest variable is
 * split in half. A fit records, for each score, every reading it satisfies, so one search answers
 * "under which readings" as well as "whether".
 *
 * Every step only removes profiles that cannot fit, so the search is exact: no fit is missed and no
 * non-fit accepted. It stops at `maxFits` fits, or with status "limit" after `maxNodes` boxes or at
 * `deadline`, when it can say neither yes nor no.
 */
import { INTERVALS, NUMBERS, contains, intersects, type Interval } from "./interval";
import { boxTerms, cloneBox, fullBox, profileTerms, propagate, realizable, type Box, type Profile, type Space } from "./profile";
import { hull, intersectInto, narrowMonotone } from "./monotone-bounds";
import type { Reading } from "./readings";

/** One printed score as the search sees it: its admissible values and its candidate readings. */
export interface SearchScore {
  target: Interval;
  readings: readonly Reading[];
}

export interface Fit extends Profile {
  /** For each score, the indices (into its `readings`) of the readings this profile satisfies. */
  matches: number[][];
}

export interface SearchLimits {
  maxFits: number;
  maxNodes: number;
  /** Date.now() after which the search gives up. */
  deadline: number;
}

export interface SearchResult {
  /** "complete": every box was decided (fits holds all fits, or the first maxFits); "limit": stopped by maxNodes or the deadline. */
  status: "complete" | "limit";
  fits: Fit[];
  /** True when the search stopped at maxFits (more fits may exist). */
  capped: boolean;
  nodes: number;
}

interface Node {
  box: Box;
  alive: number[][];
}

const sameBox = (a: Box, b: Box) => a.cLo === b.cLo && a.cHi === b.cHi && (["dLo", "dHi", "oLo", "oHi"] as const).every((f) => a[f].every((v, i) => v === b[f][i]));

/**
 * The numbers of correct predictions c that the pooled scores (accuracy, micro averages) allow, as
 * [lo, hi]; null when a pooled score allows none, e.g. 0.770 on 120 test images (92/120 = 0.767,
 * 93/120 = 0.775). Per-variable narrowing cannot see this: no single count is wrong, only their sum.
 */
function correctRange(space: Space, scores: readonly SearchScore[]): [number, number] | null {
  let lo = 0;
  let hi = space.n;
  const balanced = space.counts.every((c) => c === space.counts[0]);
  const pooled = (r: Reading) => r.pooled === "always" || (balanced && r.pooled === "balanced");
  for (const s of scores) {
    if (!s.readings.every(pooled)) continue;
    const allowed: number[] = [];
    for (let c = lo; c <= hi; c++) {
      // any profile with c correct predictions: pooled readings do not see where they are
      const d = space.counts.map(() => 0);
      const o = space.counts.map(() => 0);
      d[0] = c;
      o[0] = space.n - c;
      const t = profileTerms(space, { d, o });
      if (s.readings.some((r) => contains(s.target, r.value(t, NUMBERS)))) allowed.push(c);
    }
    if (allowed.length === 0) return null;
    lo = allowed[0];
    hi = allowed[allowed.length - 1];
  }
  return [lo, hi];
}

function isPoint(b: Box): boolean {
  return b.dLo.every((v, i) => v === b.dHi[i]) && b.oLo.every((v, i) => v === b.oHi[i]);
}

/** Steps 1 and 2 to a fixed point (a few rounds); the readings still alive, or null when the box holds no fit. */
function tighten(space: Space, box: Box, scores: readonly SearchScore[], alive: number[][]): number[][] | null {
  let current = alive;
  for (let round = 0; round < 2; round++) {
    if (!propagate(space, box)) return null;
    const before = cloneBox(box);
    const next: number[][] = [];
    for (let j = 0; j < scores.length; j++) {
      const s = scores[j];
      if (!current[j].every((i) => s.readings[i].monotone)) {
        next.push(current[j]);
        continue;
      }
      const kept: number[] = [];
      const boxes: Box[] = [];
      for (const i of current[j]) {
        const r = s.readings[i];
        const narrowed = narrowMonotone(space, box, r, s.target);
        if (narrowed) {
          kept.push(i);
          boxes.push(narrowed);
        }
      }
      if (kept.length === 0) return null;
      intersectInto(box, hull(boxes));
      next.push(kept);
    }
    current = next;
    if (sameBox(before, box)) break;
  }
  return propagate(space, box) ? current : null;
}

/**
 * Splits a variable in half, the two halves lower first: the widest true-positive count while any
 * is open, then the widest false-positive count. Diagonals first because accuracy, sensitivity and
 * the G-mean of recalls depend on them alone, so fixing them prunes most (measured: on 3- and
 * 4-class rows this reaches a first fit in 10-100 times fewer boxes than widest-first).
 */
function split(b: Box): [Box, Box] {
  let best = 0;
  let which: "d" | "o" = "d";
  let at = 0;
  b.dLo.forEach((lo, i) => {
    if (b.dHi[i] - lo > best) [best, which, at] = [b.dHi[i] - lo, "d", i];
  });
  if (best === 0) {
    b.oLo.forEach((lo, i) => {
      if (b.oHi[i] - lo > best) [best, which, at] = [b.oHi[i] - lo, "o", i];
    });
  }
  const low = cloneBox(b);
  const high = cloneBox(b);
  const lo = which === "d" ? b.dLo : b.oLo;
  const hi = which === "d" ? b.dHi : b.oHi;
  const mid = Math.floor((lo[at] + hi[at]) / 2);
  (which === "d" ? low.dHi : low.oHi)[at] = mid;
  (which === "d" ? high.dLo : high.oLo)[at] = mid + 1;
  return [low, high];
}

/** Every fit in `start` (default: every profile of the test set), within the limits. */
export function searchFits(space: Space, scores: readonly SearchScore[], limits: SearchLimits, start: Box = fullBox(space)): SearchResult {
  const fits: Fit[] = [];
  const correct = correctRange(space, scores);
  if (!correct) return { status: "complete", fits, capped: false, nodes: 0 };
  const root = cloneBox(start);
  root.cLo = Math.max(root.cLo, correct[0]);
  root.cHi = Math.min(root.cHi, correct[1]);
  const stack: Node[] = [{ box: root, alive: scores.map((s) => s.readings.map((_, i) => i)) }];
  let nodes = 0;
  while (stack.length) {
    if (nodes >= limits.maxNodes || (nodes % 64 === 0 && Date.now() > limits.deadline)) return { status: "limit", fits, capped: false, nodes };
    nodes++;
    const node = stack.pop()!;
    const tightened = tighten(space, node.box, scores, node.alive);
    if (!tightened) continue;
    if (isPoint(node.box)) {
      const p: Profile = { d: [...node.box.dLo], o: [...node.box.oLo] };
      if (!realizable(space, p)) continue;
      const t = profileTerms(space, p);
      const matches = tightened.map((ids, j) => ids.filter((i) => contains(scores[j].target, scores[j].readings[i].value(t, NUMBERS))));
      if (matches.some((a) => a.length === 0)) continue;
      fits.push({ ...p, matches });
      if (fits.length >= limits.maxFits) return { status: "complete", fits, capped: true, nodes };
      continue;
    }
    const t = boxTerms(space, node.box);
    const alive = tightened.map((ids, j) => ids.filter((i) => intersects(scores[j].target, scores[j].readings[i].value(t, INTERVALS))));
    if (alive.some((a) => a.length === 0)) continue;
    const [low, high] = split(node.box);
    stack.push({ box: high, alive }, { box: low, alive });
  }
  return { status: "complete", fits, capped: false, nodes };
}
