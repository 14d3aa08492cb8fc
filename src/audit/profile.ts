/**
 * What the search looks for: not a whole k x k confusion matrix but its per-class profile, the two
 * counts per class that every score of src/audit/readings.ts depends on. With n_k test samples of
 * class k and the matrix m[true][predicted]:
 * - d_k = m[k][k], the class's true positives;
 * - o_k = sum_{i != k} m[i][k], its false positives (predicted k, truly another class).
 * Its errors r_k = n_k - d_k are the other classes' false positives. Many matrices share a profile
 * (who is confused with whom), and no score tells them apart, so searching profiles is exact.
 *
 * A profile belongs to some integer matrix exactly when, with T = sum_k r_k,
 *   sum_k o_k = T   and   r_i + o_i <= T for every class i.
 * Why (Gale's supply-demand theorem): the off-diagonal part is a flow from rows (supply r_i) to
 * columns (demand o_j) on every cell but the diagonal, with no capacity limit. By max-flow/min-cut a
 * full flow exists iff every cut is at least T. A cut puts a set A of rows on the source side and
 * must then take every column a row of A reaches: all columns when |A| >= 2 (cut >= T already),
 * all but column i when A = {i}, giving (T - r_i) + (T - o_i) >= T. `completeMatrix` builds the
 * matrix with a max-flow (src/audit/transport.ts): the independent witness the tests use.
 */
import { INTERVALS, NUMBERS, type Interval } from "./interval";
import { classTerm, classTermRange, TERM_KINDS, type TermKind } from "./class-terms";
import type { Terms } from "./readings";
import { maxTransport } from "./transport";

// module-level copies: an imported binding compiles to a property getter, and these sit in the search's inner loop
const KINDS = TERM_KINDS;
const term = classTerm;

/** A test set: its classes (in class-index order) and the number of test samples of each. */
export interface TestSet {
  classes: readonly string[];
  counts: readonly number[];
}

export function validateTestSet(t: TestSet): void {
  if (t.counts.length < 2) throw new Error(`test set: ${t.counts.length} class count(s) given, at least two classes are needed`);
  if (t.classes.length !== t.counts.length) throw new Error(`test set: ${t.classes.length} class names for ${t.counts.length} counts`);
  if (t.counts.every((c) => c === 0)) throw new Error("test set: the test set is empty (every class count is 0)");
  t.counts.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 0) throw new Error(`test set: the count of class '${t.classes[i]}' is ${c}, not a non-negative integer`);
    // scikit-learn would leave a class without samples or predictions out of its averages; the readings here average over all
    if (c === 0) throw new Error(`test set: class '${t.classes[i]}' has no test samples; leave it out of the classes`);
  });
}

/** The fixed quantities of one search: the test set and the class read as positive. */
export interface Space {
  counts: number[];
  n: number;
  classes: number;
  /** n - n_k: the negatives of class k one-vs-rest. */
  negatives: number[];
  shares: number[];
  /** The positive class's index; null when the row names none. */
  positive: number | null;
}

export function makeSpace(test: TestSet, positive: number | null): Space {
  validateTestSet(test);
  const counts = [...test.counts];
  const n = total(counts);
  const k = counts.length;
  if (positive !== null && !(Number.isInteger(positive) && positive >= 0 && positive < k)) {
    throw new Error(`positive class ${positive}: expected a class index 0..${k - 1} or null`);
  }
  return { counts, n, classes: k, negatives: counts.map((c) => n - c), shares: counts.map((c) => c / n), positive };
}

export interface Profile {
  d: number[];
  o: number[];
}

/** A box of profiles: d_k in [dLo_k, dHi_k], o_k in [oLo_k, oHi_k], and sum_k d_k in [cLo, cHi]. */
export interface Box {
  dLo: number[];
  dHi: number[];
  oLo: number[];
  oHi: number[];
  cLo: number;
  cHi: number;
}

export function fullBox(s: Space): Box {
  return { dLo: s.counts.map(() => 0), dHi: [...s.counts], oLo: s.counts.map(() => 0), oHi: [...s.negatives], cLo: 0, cHi: s.n };
}

export function cloneBox(b: Box): Box {
  return { dLo: [...b.dLo], dHi: [...b.dHi], oLo: [...b.oLo], oHi: [...b.oHi], cLo: b.cLo, cHi: b.cHi };
}

const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Tightens the box with the linear conditions of the module comment (sum r = sum o, both n minus
 * the correct predictions; o_i <= the other classes' errors; r_i <= the other classes' false
 * positives), never removing a profile that satisfies them; false when the box holds none. Written
 * on r = n - d, where the conditions are symmetric in r and o.
 */
export function propagate(s: Space, b: Box): boolean {
  const k = s.classes;
  const rLo = s.counts.map((c, i) => c - b.dHi[i]);
  const rHi = s.counts.map((c, i) => c - b.dLo[i]);
  const { oLo, oHi } = b;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    const raise = (lo: number[], i: number, v: number) => {
      if (v > lo[i]) {
        lo[i] = v;
        changed = true;
      }
    };
    const lower = (hi: number[], i: number, v: number) => {
      if (v < hi[i]) {
        hi[i] = v;
        changed = true;
      }
    };
    // the errors T = n - sum d: bounded by [n - cHi, n - cLo] and by the sums of r and of o
    const tLo = Math.max(s.n - b.cHi, total(rLo), total(oLo));
    const tHi = Math.min(s.n - b.cLo, total(rHi), total(oHi));
    if (tLo > tHi) return false;
    b.cLo = s.n - tHi;
    b.cHi = s.n - tLo;
    for (const [lo, hi] of [
      [rLo, rHi],
      [oLo, oHi],
    ]) {
      const sumLo = total(lo);
      const sumHi = total(hi);
      for (let i = 0; i < k; i++) {
        raise(lo, i, tLo - (sumHi - hi[i]));
        lower(hi, i, tHi - (sumLo - lo[i]));
      }
    }
    // each pass tightens one side (r from o, then o from r): the two are the same rules mirrored
    for (const [aLo, aHi, bLo, bHi] of [
      [rLo, rHi, oLo, oHi],
      [oLo, oHi, rLo, rHi],
    ]) {
      const sumALo = total(aLo);
      const sumAHi = total(aHi);
      const sumBLo = total(bLo);
      const sumBHi = total(bHi);
      for (let i = 0; i < k; i++) {
        // sum a = sum b
        raise(aLo, i, sumBLo - (sumAHi - aHi[i]));
        lower(aHi, i, sumBHi - (sumALo - aLo[i]));
        // a_i is at most what the other classes' b can absorb, b_i at least ... (b_i <= sum_{j != i} a_j bounds a_j below)
        lower(aHi, i, sumBHi - bHi[i]);
        for (let j = 0; j < k; j++) if (j !== i) raise(aLo, j, bLo[i] - (sumAHi - aHi[i] - aHi[j]));
      }
    }
    for (let i = 0; i < k; i++) if (rLo[i] > rHi[i] || oLo[i] > oHi[i]) return false;
    if (!changed) break;
  }
  for (let i = 0; i < k; i++) {
    b.dLo[i] = s.counts[i] - rHi[i];
    b.dHi[i] = s.counts[i] - rLo[i];
  }
  return true;
}

/** Whether some integer confusion matrix has this profile (the conditions of the module comment). */
export function realizable(s: Space, p: Profile): boolean {
  const r = s.counts.map((c, i) => c - p.d[i]);
  if (r.some((v) => v < 0) || p.o.some((v, i) => !(v >= 0 && v <= s.negatives[i]))) return false;
  const T = total(r);
  return total(p.o) === T && r.every((ri, i) => ri + p.o[i] <= T);
}

/** A confusion matrix m[true][predicted] with the profile; throws if there is none. */
export function completeMatrix(s: Space, p: Profile): number[][] {
  if (!realizable(s, p)) throw new Error(`profile d = [${p.d}], o = [${p.o}] belongs to no confusion matrix of the test set [${s.counts}]`);
  const r = s.counts.map((c, i) => c - p.d[i]);
  const errors = maxTransport(r, p.o, (i, j) => i !== j);
  const m = errors.map((row, i) => row.map((v, j) => (i === j ? p.d[i] : v)));
  const rowsOk = m.every((row, i) => total(row) === s.counts[i]);
  const colsOk = p.o.every((o, j) => total(m.map((row) => row[j])) - m[j][j] === o);
  if (!rowsOk || !colsOk) throw new Error(`profile d = [${p.d}], o = [${p.o}]: the conditions hold but the max-flow built no matrix (a defect of the audit)`);
  return m;
}

/** The profile of a confusion matrix m[true][predicted] (its row sums must be the test set's counts). */
export function profileOfMatrix(s: Space, m: readonly (readonly number[])[]): Profile {
  const k = s.classes;
  if (m.length !== k || m.some((row) => row.length !== k)) throw new Error(`confusion matrix: expected ${k} x ${k}`);
  m.forEach((row, i) => {
    if (row.some((v) => !Number.isInteger(v) || v < 0)) throw new Error(`confusion matrix row ${i}: entries must be non-negative integers, got [${row}]`);
    if (total(row) !== s.counts[i]) throw new Error(`confusion matrix row ${i} sums to ${total(row)}, but class ${i} has ${s.counts[i]} test samples`);
  });
  const d = m.map((row, i) => row[i]);
  const o = d.map((_, j) => total(m.map((row) => row[j])) - m[j][j]);
  return { d, o };
}

function termsWith<T>(s: Space, tp: readonly T[], fp: readonly T[], pooled: { tp: T; fp: T }, accuracy: T, term: (kind: TermKind, tp: T, fp: T, positives: number, negatives: number) => T): Terms<T> {
  const perClass = {} as Record<TermKind, T[]>;
  const micro = {} as Record<TermKind, T>;
  for (const kind of TERM_KINDS) {
    perClass[kind] = s.counts.map((c, k) => term(kind, tp[k], fp[k], c, s.negatives[k]));
    micro[kind] = term(kind, pooled.tp, pooled.fp, s.n, (s.classes - 1) * s.n);
  }
  const p = s.positive;
  const positive = p === null ? null : (Object.fromEntries(TERM_KINDS.map((kind) => [kind, perClass[kind][p]])) as Record<TermKind, T>);
  return { classes: s.classes, shares: s.shares, accuracy, perClass, micro, positive };
}

/** Every per-class, pooled and positive-class score of one profile. */
export function profileTerms(s: Space, p: Profile): Terms<number> {
  const tp = total(p.d);
  return termsWith(s, p.d, p.o, { tp, fp: total(p.o) }, NUMBERS.scale(tp, 1 / s.n), classTerm);
}

/** The range of every score over a box of profiles. */
export function boxTerms(s: Space, b: Box): Terms<Interval> {
  const tp = { lo: total(b.dLo), hi: total(b.dHi) };
  const tps = b.dLo.map((lo, k) => ({ lo, hi: b.dHi[k] }));
  const fps = b.oLo.map((lo, k) => ({ lo, hi: b.oHi[k] }));
  return termsWith(s, tps, fps, { tp, fp: { lo: total(b.oLo), hi: total(b.oHi) } }, INTERVALS.scale(tp, 1 / s.n), classTermRange);
}

/**
 * The terms of a profile changed one count at a time, updated in place: the bounds search probes
 * thousands of profiles per box, and rebuilding every term each time would dominate its cost.
 */
export class TermsCursor {
  readonly terms: Terms<number>;
  private tp: number;
  private fp: number;

  constructor(
    private readonly s: Space,
    readonly p: Profile,
  ) {
    this.terms = profileTerms(s, p);
    this.tp = total(p.d);
    this.fp = total(p.o);
  }

  set(which: "d" | "o", k: number, v: number): void {
    const old = this.p[which][k];
    if (old === v) return;
    this.p[which][k] = v;
    if (which === "d") this.tp += v - old;
    else this.fp += v - old;
    const { s, terms } = this;
    for (const kind of KINDS) {
      const x = term(kind, this.p.d[k], this.p.o[k], s.counts[k], s.negatives[k]);
      terms.perClass[kind][k] = x;
      if (terms.positive && s.positive === k) terms.positive[kind] = x;
    }
    for (const kind of KINDS) terms.micro[kind] = term(kind, this.tp, this.fp, s.n, (s.classes - 1) * s.n);
    terms.accuracy = this.tp / s.n;
  }
}
