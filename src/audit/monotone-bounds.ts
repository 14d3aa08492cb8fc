/**
 * Bounds consistency for monotone readings. Every reading but IBA is non-decreasing in each class's
 * true positives d_k and non-increasing in its false positives o_k (src/audit/class-terms.ts; sums,
 * products and roots of such terms keep the direction). Over a box its largest value is at the
 * corner (dHi, oLo) and its smallest at (dLo, oHi), so a variable can be narrowed alone: d_k must be
 * at least the smallest v for which the best corner with d_k = v still reaches the target's lower
 * end, and so on for the other three ends. Each end is a binary search over integers.
 *
 * Interval evaluation only says whether a whole box can be dropped; this cuts boxes down before
 * they are split, which is what keeps the multiclass search (8 variables for BACH) shallow.
 */
import { NUMBERS, type Interval } from "./interval";
import { TermsCursor, type Box, type Space } from "./profile";
import type { Reading } from "./readings";

/** Smallest v in [lo, hi] with ok(v), for ok monotone false...true; hi + 1 when none. */
function firstTrue(lo: number, hi: number, ok: (v: number) => boolean): number {
  // most bounds do not move: one probe settles them
  if (ok(lo)) return lo;
  let a = lo + 1;
  let b = hi + 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (ok(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}

/** Largest v in [lo, hi] with ok(v), for ok monotone true...false; lo - 1 when none. */
function lastTrue(lo: number, hi: number, ok: (v: number) => boolean): number {
  if (ok(hi)) return hi;
  return firstTrue(lo, hi - 1, (v) => !ok(v)) - 1;
}

/**
 * The smallest box inside `b` holding every profile of `b` whose value under the monotone `reading`
 * lies in `target`; null when there is none.
 */
export function narrowMonotone(space: Space, b: Box, reading: Reading, target: Interval): Box | null {
  const best = new TermsCursor(space, { d: [...b.dHi], o: [...b.oLo] });
  const worst = new TermsCursor(space, { d: [...b.dLo], o: [...b.oHi] });
  const value = (c: TermsCursor) => reading.value(c.terms, NUMBERS);
  if (value(best) < target.lo || value(worst) > target.hi) return null;
  const at = (c: TermsCursor, which: "d" | "o", k: number, v: number) => {
    const old = c.p[which][k];
    c.set(which, k, v);
    const x = value(c);
    c.set(which, k, old);
    return x;
  };
  const out: Box = { dLo: [...b.dLo], dHi: [...b.dHi], oLo: [...b.oLo], oHi: [...b.oHi], cLo: b.cLo, cHi: b.cHi };
  for (let k = 0; k < b.dLo.length; k++) {
    out.dLo[k] = firstTrue(b.dLo[k], b.dHi[k], (v) => at(best, "d", k, v) >= target.lo);
    out.dHi[k] = lastTrue(b.dLo[k], b.dHi[k], (v) => at(worst, "d", k, v) <= target.hi);
    out.oHi[k] = lastTrue(b.oLo[k], b.oHi[k], (v) => at(best, "o", k, v) >= target.lo);
    out.oLo[k] = firstTrue(b.oLo[k], b.oHi[k], (v) => at(worst, "o", k, v) <= target.hi);
    if (out.dLo[k] > out.dHi[k] || out.oLo[k] > out.oHi[k]) return null;
  }
  return out;
}

/** The smallest box holding all the given boxes. */
export function hull(boxes: readonly Box[]): Box {
  const k = boxes[0].dLo.length;
  const pick = (f: (b: Box) => number[], op: (...x: number[]) => number) => Array.from({ length: k }, (_, i) => op(...boxes.map((b) => f(b)[i])));
  return {
    dLo: pick((b) => b.dLo, Math.min),
    dHi: pick((b) => b.dHi, Math.max),
    oLo: pick((b) => b.oLo, Math.min),
    oHi: pick((b) => b.oHi, Math.max),
    cLo: Math.min(...boxes.map((b) => b.cLo)),
    cHi: Math.max(...boxes.map((b) => b.cHi)),
  };
}

/** b narrowed to its intersection with c, in place. */
export function intersectInto(b: Box, c: Box): void {
  for (let i = 0; i < b.dLo.length; i++) {
    b.dLo[i] = Math.max(b.dLo[i], c.dLo[i]);
    b.dHi[i] = Math.min(b.dHi[i], c.dHi[i]);
    b.oLo[i] = Math.max(b.oLo[i], c.oLo[i]);
    b.oHi[i] = Math.min(b.oHi[i], c.oHi[i]);
  }
  b.cLo = Math.max(b.cLo, c.cLo);
  b.cHi = Math.min(b.cHi, c.cHi);
}
