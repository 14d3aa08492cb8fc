import { defineCommand } from "../command";
import { runPaperAudit, verdictCounts } from "../../audit/paper-audit";
import { auditFindings } from "../../audit/findings";
import { DEFAULT_LIMITS } from "../../audit/row-audit";
import { provenance } from "../../provenance";

export default defineCommand({
  name: "audit",
  summary: "consistency audit of the paper's printed numbers (Tables 2, 6-12): which rows an integer confusion matrix can produce",
  details: `
For every row of Tables 2, 7, 8, 11 and 12 (and Tables 7 + 11, 8 + 12 joined by model), searches the
integer confusion matrices of the test set the paper's split gives (binary rows: also a scan of the
benign/malignant split) for one that reproduces every printed value within its rounding, under any of
the named readings of each metric (F1 macro / weighted / positive class, G-mean and IBA forms,
per-class vs averaged sensitivity ...). Prints each row's verdict (consistent under reading R /
inconsistent / undecided at the time limit), fitted or nearest matrix and conflicting values, then the
cross-table checks. Needs no data, no training and no backend; notebook 07 shows the same audit.`,
  options: {
    json: { type: "boolean", description: "print the whole audit as JSON (rows, matrices, implied values, checks, provenance)" },
    "time-limit": { type: "string", value: "SECONDS", description: `search time per row before a row is 'undecided' (default ${DEFAULT_LIMITS.timeMs / 1000})` },
  },
  async run({ values }) {
    const seconds = values["time-limit"] === undefined ? DEFAULT_LIMITS.timeMs / 1000 : Number(values["time-limit"]);
    if (!(seconds > 0)) throw new Error(`--time-limit must be a positive number of seconds, got '${values["time-limit"]}'`);
    const audit = runPaperAudit({ ...DEFAULT_LIMITS, timeMs: seconds * 1000 });
    if (values.json) {
      console.log(JSON.stringify({ provenance: provenance(), ...audit }, null, 1));
      return 0;
    }
    for (const r of audit.rows) {
      const a = r.audit;
      const at = a.fit ?? a.nearest?.fit;
      const readings = a.fit ? ` under ${a.fit.readings.map((ids) => ids[0]).join(", ")}${a.fit.positive !== null ? ` (positive ${r.classes[a.fit.positive]})` : ""}` : "";
      console.log(`${a.verdict.padEnd(12)} ${r.id}${readings}`);
      if (at) console.log(`    ${a.fit ? "fitted" : `nearest (x${a.nearest!.factor})`} matrix [${at.counts.join("/")}]: ${at.matrix.map((row) => row.join(" ")).join(" | ")}`);
      if (a.conflict) console.log(`    conflict: ${a.conflict.labels.join(" + ")}`);
    }
    const c = verdictCounts(audit.rows);
    console.log(`\n${c.consistent} consistent, ${c.inconsistent} inconsistent, ${c.undecided} undecided in ${audit.seconds.toFixed(1)} s\n`);
    for (const line of auditFindings(audit)) console.log(`- ${line}`);
    return 0;
  },
});
