/**
 * The whole audit of the paper finishes, within the performance target, and its results hold
 * together. It checks the machinery on the paper's rows, not the paper's answers: no verdict of
 * any row is expected here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { auditFindings } from "../../src/audit/findings";
import { runPaperAudit, verdictCounts } from "../../src/audit/paper-audit";
import { impliedValue } from "../../src/audit/implied";
import { roundingInterval } from "../../src/audit/printed";

test("the whole paper audit finishes within 30 s and every reported fit reproduces its row", { timeout: 120_000 }, () => {
  const audit = runPaperAudit();
  console.log(`paper audit: ${audit.rows.length} rows in ${audit.seconds.toFixed(1)} s`);
  assert.ok(audit.seconds < 30, `the whole audit took ${audit.seconds} s (target: under 30 s on the 2-core machine)`);
  const c = verdictCounts(audit.rows);
  assert.equal(c.consistent + c.inconsistent + c.undecided, audit.rows.length);
  assert.ok(audit.rows.length >= 80);
  for (const r of audit.rows) {
    const a = r.audit;
    if (a.verdict === "consistent") {
      assert.ok(a.fit && a.fits > 0, r.id);
      a.fit!.readings.forEach((ids, j) => {
        const s = r.audit.scores[j];
        const t = roundingInterval({ metric: s.metric as any, value: s.printed, decimals: s.decimals, label: s.label });
        const v = impliedValue(ids[0], a.fit!.matrix, a.fit!.positive);
        assert.ok(v >= t.lo && v <= t.hi, `${r.id}: ${s.label} = ${s.printed}, the fit gives ${v} under ${ids[0]}`);
      });
    } else {
      assert.equal(a.fit, null, r.id);
    }
    if (a.verdict === "inconsistent") assert.equal(a.fittingCounts.length, 0, r.id);
  }
  assert.ok(auditFindings(audit).length > 5);
});
