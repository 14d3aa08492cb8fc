/**
 * The audit's findings as sentences, each computed from the audit's results: the notebook's closing
 * prose and `dala audit`'s summary say nothing the data do not.
 */
import { byTables, verdictCounts, type AuditedRow, type PaperAudit } from "./paper-audit";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function tableLabel(key: string): string {
  return key.includes("+") ? `Tables ${key.replace("+", " + ")} (joined)` : `Table ${key}`;
}

/** The metrics that appear most often in the rows' smallest conflicts. */
function conflictMetrics(rows: readonly AuditedRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (!r.audit.conflict) continue;
    const key = r.audit.conflict.labels.map((l) => l.split(", ").pop()).join(" + ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, n]) => `${k} (${n})`)
    .join(", ");
}

function readingsLine(rows: readonly AuditedRow[]): string | null {
  const fitting = rows.filter((r) => r.audit.verdict === "consistent" && r.audit.fit);
  if (!fitting.length) return null;
  const tally = new Map<string, number>();
  for (const r of fitting) {
    const key = r.audit.scores.map((s) => `${s.metric}: ${s.readingsFound.join("/")}`).join("; ");
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const [key, n] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
  return `the readings found most often (${n} of ${fitting.length} consistent rows): ${key}`;
}

export function auditFindings(a: PaperAudit): string[] {
  const out: string[] = [];
  const all = verdictCounts(a.rows);
  out.push(`Of ${a.rows.length} audited rows, ${all.consistent} ${all.consistent === 1 ? "is" : "are"} consistent with some integer confusion matrix under some reading, ${all.inconsistent} inconsistent under every reading tried, and ${all.undecided} undecided within ${a.limits.timeMs / 1000} s per row; the whole audit took ${a.seconds.toFixed(1)} s.`);
  for (const [key, rows] of byTables(a.rows)) {
    const c = verdictCounts(rows);
    const conflicts = conflictMetrics(rows);
    const line = readingsLine(rows);
    out.push(
      `${tableLabel(key)}: ${c.consistent} consistent, ${c.inconsistent} inconsistent, ${c.undecided} undecided of ${rows.length}` +
        (conflicts ? `; the smallest conflicting sets are most often ${conflicts}` : "") +
        (line ? `; ${line}` : "") +
        ".",
    );
  }
  const offSplit = a.rows.filter((r) => r.audit.verdict === "consistent" && r.audit.fittingCounts.length && !r.audit.fittingCounts.some((c) => c.join() === r.expected.join()));
  if (offSplit.length) out.push(`${plural(offSplit.length, "row")} fit only on a class split other than the stratified one: ${offSplit.map((r) => `${r.id} (${r.audit.fittingCounts.map((c) => c.join("/")).join(", ")})`).join("; ")}.`);
  const t27 = a.cross.table2VsTable7;
  out.push(`Table 2's layer-4 rows and Table 7's DALAResNet50 rows agree in ${t27.filter((c) => c.holds).length} of ${t27.length} printed cells.`);
  const as = a.cross.accuracyVsSensitivity;
  const asBad = as.filter((c) => !c.holds);
  out.push(`Accuracy (Tables 7-8) and sensitivity (Tables 11-12) of the same model agree within rounding, as support-weighted sensitivity must, in ${as.length - asBad.length} of ${as.length} cells` + (asBad.length ? `; they differ in ${asBad.map((c) => `${c.what} (${c.a.text} vs ${c.b.text})`).join(", ")}.` : "."));
  const t9 = a.cross.table9AverageTimes.filter((c) => !c.holds);
  out.push(`Table 9's Average Time is the mean of the four convergence times in ${a.cross.table9AverageTimes.length - t9.length} of ${a.cross.table9AverageTimes.length} rows` + (t9.length ? `; not for ${t9.map((c) => `${c.model} (printed ${c.printed.toFixed(2)}, mean ${c.mean.toFixed(2)})`).join(", ")}.` : "."));
  const t6 = a.cross.table6Splits.filter((c) => !c.holds);
  out.push(`Table 6's split sizes follow the class counts of Tables 3-5 and the 6:1:3 rule in ${a.cross.table6Splits.length - t6.length} of ${a.cross.table6Splits.length} rows` + (t6.length ? `; not for ${t6.map((c) => c.cell).join(", ")}.` : "."));
  for (const s of a.cross.testSizes) {
    const nearest = s.fitting.length ? s.fitting.reduce((b, n) => (Math.abs(n - s.stated) < Math.abs(b - s.stated) ? n : b)) : null;
    out.push(
      `${s.cell}: the ${s.accuracies.length} printed accuracies ${s.fitting.includes(s.stated) ? `can all be whole counts over the stated ${s.stated} test images` : `cannot all be whole counts over the stated ${s.stated} test images`}; ` +
        (nearest === null ? `no test size from ${s.from} to ${s.to} fits them all.` : `${plural(s.fitting.length, "test size")} from ${s.from} to ${s.to} fit them all, the nearest to the stated one being ${nearest}.`),
    );
  }
  return out;
}
