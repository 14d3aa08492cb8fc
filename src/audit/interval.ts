/**
 * Closed intervals of reals and the few operations the consistency search needs, written once for
 * points and intervals through `Algebra`: a reading's formula (src/audit/readings.ts) is evaluated
 * with numbers at a candidate confusion matrix and with intervals over a box of candidates, so the
 * bound the search prunes with and the value it accepts cannot come from two different formulas.
 */

export interface Interval {
  lo: number;
  hi: number;
}

export function intersects(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

export function contains(a: Interval, x: number): boolean {
  return a.lo <= x && x <= a.hi;
}

/** The arithmetic a reading's formula uses; every operation is monotone or handled by sign cases. */
export interface Algebra<T> {
  constant(x: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  scale(a: T, s: number): T;
  /** x^(1/k) for x >= 0. */
  root(a: T, k: number): T;
}

export const NUMBERS: Algebra<number> = {
  constant: (x) => x,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  scale: (a, s) => a * s,
  root: (a, k) => (k === 1 ? a : k === 2 ? Math.sqrt(a) : Math.pow(a, 1 / k)),
};

export const INTERVALS: Algebra<Interval> = {
  constant: (x) => ({ lo: x, hi: x }),
  add: (a, b) => ({ lo: a.lo + b.lo, hi: a.hi + b.hi }),
  sub: (a, b) => ({ lo: a.lo - b.hi, hi: a.hi - b.lo }),
  mul: (a, b) => {
    const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
    return { lo: Math.min(...p), hi: Math.max(...p) };
  },
  scale: (a, s) => (s >= 0 ? { lo: a.lo * s, hi: a.hi * s } : { lo: a.hi * s, hi: a.lo * s }),
  root: (a, k) => ({ lo: NUMBERS.root(Math.max(0, a.lo), k), hi: NUMBERS.root(Math.max(0, a.hi), k) }),
};
