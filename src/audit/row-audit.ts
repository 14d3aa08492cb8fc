/**
 * One row of printed scores, audited: on which test sets and positive classes some integer confusion
 * matrix reproduces every score within its rounding, under which readings, and, when none does,
 * which printed values cannot hold together and how far the nearest matrix is.
 *
 * A row is tried on its expected test set (class counts from the stated split) and on alternative
 * ones (a scan of the class split when the printed test size leaves it open), once per candidate
 * positive class. The verdict is "consistent" when any search finds a fit, "inconsistent" when every
 * search finished without one, and "undecided" when a search hit the row's time limit first.
 */
import { completeMatrix, makeSpace, type Profile, type Space } from "./profile";
import { candidateReadings, halfUnit, roundingInterval, validatePrintedScore, type PrintedScore } from "./printed";
import { searchFits, type Fit, type SearchScore } from "./search";
import { impliedValue } from "./implied";

export interface AuditRowSpec {
  id: string;
  classes: readonly string[];
  /** Class counts of the test set the paper's split gives. */
  expected: readonly number[];
  /** Other class counts to try (the scan), without the expected ones. */
  alternatives?: readonly (readonly number[])[];
  /** Candidate positive classes (indices); [null] when the row has no positive class. */
  positives: readonly (number | null)[];
  scores: readonly PrintedScore[];
}

export interface AuditLimits {
  /** Wall time for the whole row (all its searches), ms. */
  timeMs: number;
  /** Fits counted per search before it stops counting. */
  maxFits: number;
}

export const DEFAULT_LIMITS: AuditLimits = { timeMs: 1000, maxFits: 500 };

export type Verdict = "consistent" | "inconsistent" | "undecided";

export interface FittedMatrix {
  counts: number[];
  positive: number | null;
  matrix: number[][];
  /** Per score, the readings this matrix satisfies (ids), preferred first. */
  readings: string[][];
}

export interface ImpliedValue {
  reading: string;
  value: number;
  /** printed - implied, in units of the printed last digit (|x| <= 0.5 is within rounding). */
  printedUnits: number;
}

export interface ScoreReport {
  label: string;
  metric: string;
  printed: number;
  decimals: number;
  /** Readings satisfied by some fit found (all fits when the search counted them all). */
  readingsFound: string[];
  /** The value of every candidate reading at the reported matrix (the fit, or the nearest matrix). */
  implied: ImpliedValue[];
}

export interface RowAudit {
  id: string;
  verdict: Verdict;
  /** Profiles (d_k, o_k per class) that fit, over every test set and positive class tried; `capped`: at least this many. */
  fits: number;
  capped: boolean;
  /** Class counts of the test sets on which the row fits. */
  fittingCounts: number[][];
  /** The fit whose class counts are closest to the expected ones (then the most preferred readings). */
  fit: FittedMatrix | null;
  /** When inconsistent: the smallest set of printed values (labels) that no matrix of the expected test set reproduces together. */
  conflict: { labels: string[]; smallest: boolean } | null;
  /** When inconsistent: the smallest widening of every rounding interval (times half a unit) at which a matrix fits, and that matrix. */
  nearest: { factor: number; fit: FittedMatrix } | null;
  scores: ScoreReport[];
  seconds: number;
}

const WIDENINGS = [2, 5, 20, 100, 1000];

interface Trial {
  space: Space;
  counts: number[];
}

function trials(spec: AuditRowSpec): Trial[] {
  const sets = [spec.expected, ...(spec.alternatives ?? [])];
  return sets.flatMap((counts) => spec.positives.map((p) => ({ space: makeSpace({ classes: spec.classes, counts }, p), counts: [...counts] })));
}

function searchScores(spec: AuditRowSpec, space: Space, factor = 1, only?: readonly number[], preferredOnly = false): SearchScore[] {
  return (only ?? spec.scores.map((_, j) => j)).map((j) => {
    const readings = candidateReadings(spec.scores[j], space.positive !== null);
    return { target: roundingInterval(spec.scores[j], factor), readings: preferredOnly ? readings.slice(0, 1) : readings };
  });
}

const distance = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0);

function fitted(spec: AuditRowSpec, t: Trial, f: Fit): FittedMatrix {
  const scores = searchScores(spec, t.space);
  return { counts: t.counts, positive: t.space.positive, matrix: completeMatrix(t.space, f as Profile), readings: f.matches.map((ids, j) => ids.map((i) => scores[j].readings[i].id)) };
}

/** Sum of the matched readings' ranks: lower is a more preferred reading of the row. */
const preference = (f: Fit) => f.matches.reduce((s, ids) => s + Math.min(...ids), 0);

function choose(spec: AuditRowSpec, found: { trial: Trial; fit: Fit }[]): FittedMatrix | null {
  if (found.length === 0) return null;
  const best = found.reduce((a, b) => {
    const da = distance(a.trial.counts, spec.expected);
    const db = distance(b.trial.counts, spec.expected);
    return db < da || (db === da && preference(b.fit) < preference(a.fit)) ? b : a;
  });
  return fitted(spec, best.trial, best.fit);
}

/** Whether the scores `only` fit together on the expected test set: true, false, or null when undecided. */
function subsetFits(spec: AuditRowSpec, only: readonly number[], deadline: number): boolean | null {
  let undecided = false;
  for (const t of trials({ ...spec, alternatives: [] })) {
    const r = searchFits(t.space, searchScores(spec, t.space, 1, only), { maxFits: 1, maxNodes: Infinity, deadline });
    if (r.fits.length) return true;
    if (r.status === "limit") undecided = true;
  }
  return undecided ? null : false;
}

function* subsets(m: number, size: number, from = 0): Generator<number[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= m - size; i++) for (const rest of subsets(m, size - 1, i + 1)) yield [i, ...rest];
}

/** The smallest infeasible subset by size (up to 2 values), else an irreducible one by deletion. */
function findConflict(spec: AuditRowSpec, deadline: number): RowAudit["conflict"] {
  const m = spec.scores.length;
  let undecided = false;
  for (let size = 1; size <= Math.min(2, m); size++) {
    for (const s of subsets(m, size)) {
      const ok = subsetFits(spec, s, deadline);
      if (ok === false && !undecided) return { labels: s.map((j) => spec.scores[j].label), smallest: true };
      if (ok === null) undecided = true;
    }
  }
  // deletion filter: drop each value the rest cannot do without
  let kept = spec.scores.map((_, j) => j);
  if (subsetFits(spec, kept, deadline) !== false) return null;
  for (const j of [...kept]) {
    const without = kept.filter((x) => x !== j);
    if (subsetFits(spec, without, deadline) === false) kept = without;
  }
  return { labels: kept.map((j) => spec.scores[j].label), smallest: kept.length === 3 && !undecided };
}

/**
 * On the expected test set (the scan's other splits would only move it away from the stated one).
 * Multiclass rows search under each score's preferred reading only: one reading per score keeps the
 * widened search of 6-8 variables, where many more profiles survive each step, within the row's time.
 */
function nearestFit(spec: AuditRowSpec, deadline: number): RowAudit["nearest"] {
  for (const factor of WIDENINGS) {
    const found: { trial: Trial; fit: Fit }[] = [];
    for (const trial of trials({ ...spec, alternatives: [] })) {
      const r = searchFits(trial.space, searchScores(spec, trial.space, factor, undefined, spec.classes.length > 2), { maxFits: 1, maxNodes: Infinity, deadline });
      if (r.fits.length) found.push({ trial, fit: r.fits[0] });
    }
    if (found.length) return { factor, fit: choose(spec, found)! };
    if (Date.now() > deadline) return null;
  }
  return null;
}

function scoreReports(spec: AuditRowSpec, at: FittedMatrix | null, found: { trial: Trial; fit: Fit }[]): ScoreReport[] {
  return spec.scores.map((s, j) => {
    const seen = new Set<string>();
    for (const { trial, fit } of found) {
      const readings = candidateReadings(s, trial.space.positive !== null);
      for (const i of fit.matches[j]) seen.add(readings[i].id);
    }
    const candidates = candidateReadings(s, at?.positive !== null && at?.positive !== undefined);
    const implied = at
      ? candidates.map((r) => {
          const value = impliedValue(r.id, at.matrix, at.positive);
          return { reading: r.id, value, printedUnits: (s.value - value) / (2 * halfUnit(s.decimals)) };
        })
      : [];
    return { label: s.label, metric: s.metric, printed: s.value, decimals: s.decimals, readingsFound: candidates.map((r) => r.id).filter((id) => seen.has(id)), implied };
  });
}

export function auditRow(spec: AuditRowSpec, limits: AuditLimits = DEFAULT_LIMITS): RowAudit {
  if (spec.scores.length === 0) throw new Error(`row '${spec.id}': no printed scores to audit`);
  spec.scores.forEach(validatePrintedScore);
  if (spec.positives.length === 0) throw new Error(`row '${spec.id}': no positive-class choice given (use [null] for none)`);
  const t0 = Date.now();
  const deadline = t0 + limits.timeMs;
  const found: { trial: Trial; fit: Fit }[] = [];
  let undecided = false;
  let capped = false;
  const fitting = new Map<string, number[]>();
  for (const trial of trials(spec)) {
    const r = searchFits(trial.space, searchScores(spec, trial.space), { maxFits: limits.maxFits, maxNodes: Infinity, deadline });
    if (r.status === "limit") undecided = true;
    if (r.capped) capped = true;
    for (const fit of r.fits) found.push({ trial, fit });
    if (r.fits.length) fitting.set(trial.counts.join(","), trial.counts);
  }
  const verdict: Verdict = found.length ? "consistent" : undecided ? "undecided" : "inconsistent";
  const fit = choose(spec, found);
  // a conflict is only worth naming when the row is shown inconsistent; the rest of the row's time goes to it
  const conflict = verdict === "inconsistent" ? findConflict(spec, Date.now() + limits.timeMs / 2) : null;
  const nearest = verdict === "inconsistent" ? nearestFit(spec, Date.now() + limits.timeMs / 2) : null;
  return {
    id: spec.id,
    verdict,
    fits: found.length,
    capped: capped || undecided,
    fittingCounts: [...fitting.values()],
    fit,
    conflict,
    nearest,
    scores: scoreReports(spec, fit ?? nearest?.fit ?? null, found),
    seconds: (Date.now() - t0) / 1000,
  };
}
