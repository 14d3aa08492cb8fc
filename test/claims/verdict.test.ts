import { test } from "node:test";
import assert from "node:assert/strict";
import { claimVerdict, claimsLedger, CLAIMS, type Claim, type Evidence } from "../../src/claims/index";

const claim: Claim = {
  id: "x-beats-all",
  statement: "X beats every other model.",
  restsOn: "Table 7",
  tables: [7],
  reference: "X",
  metrics: { accuracy: "higher", convergenceSeconds: "lower" },
};

const row = (other: string, metric: string, verdict: Evidence["verdict"], extra: Partial<Evidence> = {}): Evidence => ({
  family: "Table 7 · A",
  table: 7,
  reference: "X",
  other,
  metric,
  metricLabel: metric,
  difference: verdict === "not computed" ? null : 0.1,
  pHolm: verdict === "not computed" ? null : 0.01,
  verdict,
  seedsUsed: 3,
  excluded: [],
  ...extra,
});

test("a claim is supported only when every row it rests on shows the predicted direction, per metric", () => {
  const v = claimVerdict(claim, [row("B", "accuracy", "reference higher"), row("C", "convergenceSeconds", "reference lower")]);
  assert.equal(v.verdict, "supported");
  assert.deepEqual(v.counts, { predicted: 2, opposite: 0, notDistinguishable: 0, notComputed: 0 });
  // the direction is the metric's: lower convergence time is the prediction, higher is the opposite
  assert.equal(claimVerdict(claim, [row("B", "accuracy", "reference higher"), row("C", "convergenceSeconds", "reference higher")]).verdict, "contradicted");
});

test("one opposite row contradicts; ties and uncomputed rows leave it inconclusive; rows of other tables, arms or metrics are not evidence", () => {
  const contradicted = claimVerdict(claim, [row("B", "accuracy", "reference higher"), row("C", "accuracy", "reference lower"), row("D", "accuracy", "no difference shown")]);
  assert.equal(contradicted.verdict, "contradicted");
  assert.match(contradicted.reason, /1 show the opposite direction: C \(accuracy, Table 7 · A\)/);

  const open = claimVerdict(claim, [row("B", "accuracy", "reference higher"), row("D", "accuracy", "no difference shown"), row("E", "accuracy", "not computed")]);
  assert.equal(open.verdict, "inconclusive");
  assert.deepEqual(open.counts, { predicted: 1, opposite: 0, notDistinguishable: 1, notComputed: 1 });
  assert.ok(open.notes.some((n) => /1 comparison could not be computed/.test(n)));

  const unrelated = [row("B", "accuracy", "reference lower", { table: 8 }), row("B", "f1Macro", "reference lower"), row("B", "accuracy", "reference lower", { reference: "Y" })];
  const untested = claimVerdict(claim, unrelated);
  assert.equal(untested.verdict, "inconclusive");
  assert.equal(untested.evidence.length, 0);
  assert.match(untested.reason, /Not tested in this run/);

  const onlyC = { ...claim, others: ["C"] };
  assert.equal(claimVerdict(onlyC, [row("B", "accuracy", "reference lower"), row("C", "accuracy", "reference higher")]).verdict, "supported");
});

test("a run that collapsed is a failed run: named once on the verdict, however many rows left it out", () => {
  const v = claimVerdict(claim, [
    row("B", "accuracy", "reference higher", { seedsUsed: 2, excluded: [{ seed: 1, reason: "B collapsed to one class" }] }),
    row("B", "convergenceSeconds", "reference lower", { seedsUsed: 2, excluded: [{ seed: 1, reason: "B collapsed to one class" }] }),
    row("C", "accuracy", "reference higher", { seedsUsed: 1, excluded: [{ seed: 0, reason: "X and C collapsed to one class" }, { seed: 2, reason: "no run for C" }] }),
  ]);
  assert.equal(v.verdict, "supported");
  assert.deepEqual(v.failedRuns, ["B seed 1, Table 7 · A", "X seed 0, Table 7 · A", "C seed 0, Table 7 · A"]);
  assert.deepEqual(v.notes, ["3 failed runs (collapsed to one class: B seed 1, Table 7 · A; X seed 0, Table 7 · A; C seed 0, Table 7 · A) left out of 3 comparisons"]);
  assert.deepEqual(claimVerdict(claim, [row("B", "accuracy", "reference higher")]).failedRuns, []);
});

test("the paper's claims: unique ids, and each rests on comparison tables the kit builds", () => {
  assert.equal(new Set(CLAIMS.map((c) => c.id)).size, CLAIMS.length);
  for (const c of CLAIMS) assert.ok(c.tables.every((t) => [2, 7, 8, 9, 10, 14].includes(t)), c.id);
  assert.deepEqual(claimsLedger(CLAIMS, []).map((v) => v.verdict), CLAIMS.map(() => "inconclusive"));
});
