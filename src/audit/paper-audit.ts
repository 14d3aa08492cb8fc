/**
 * The whole audit of the paper's numbers: every row of Tables 2, 7, 8, 11 and 12 and every joint
 * row (Tables 7 + 11, 8 + 12) through the row audit, plus the cross-table checks, timed. Plain data
 * in, plain data out: the notebook and `dala audit` only present it.
 */
import { accuracyVsSensitivity, table2VsTable7, table6Splits, table9AverageTimes, testSizeScans, type AverageTimeCheck, type EqualityCheck, type SplitCheck, type TestSizeScan } from "./cross-tables";
import { paperJointRows, paperTableRows, type PaperAuditRow } from "./paper-rows";
import { auditRow, DEFAULT_LIMITS, type AuditLimits, type RowAudit, type Verdict } from "./row-audit";

export interface AuditedRow {
  id: string;
  tables: number[];
  model: string;
  cell: string;
  classes: string[];
  expected: number[];
  source: string;
  audit: RowAudit;
}

export interface PaperAudit {
  limits: AuditLimits;
  rows: AuditedRow[];
  cross: {
    table2VsTable7: EqualityCheck[];
    accuracyVsSensitivity: EqualityCheck[];
    table9AverageTimes: AverageTimeCheck[];
    table6Splits: SplitCheck[];
    testSizes: TestSizeScan[];
  };
  seconds: number;
}

function audited(r: PaperAuditRow, limits: AuditLimits): AuditedRow {
  return { id: r.spec.id, tables: r.tables, model: r.model, cell: r.cell.label, classes: r.cell.classes, expected: r.cell.test, source: r.source, audit: auditRow(r.spec, limits) };
}

export function runPaperAudit(limits: AuditLimits = DEFAULT_LIMITS): PaperAudit {
  const t0 = Date.now();
  const rows = [...paperTableRows(), ...paperJointRows()].map((r) => audited(r, limits));
  const cross = {
    table2VsTable7: table2VsTable7(),
    accuracyVsSensitivity: accuracyVsSensitivity(),
    table9AverageTimes: table9AverageTimes(),
    table6Splits: table6Splits(),
    testSizes: testSizeScans(),
  };
  return { limits, rows, cross, seconds: (Date.now() - t0) / 1000 };
}

export function verdictCounts(rows: readonly AuditedRow[]): Record<Verdict, number> {
  const out: Record<Verdict, number> = { consistent: 0, inconsistent: 0, undecided: 0 };
  for (const r of rows) out[r.audit.verdict]++;
  return out;
}

/** Rows grouped by the tables they come from ("2", "7", "7+11", ...), in audit order. */
export function byTables(rows: readonly AuditedRow[]): Map<string, AuditedRow[]> {
  const out = new Map<string, AuditedRow[]>();
  for (const r of rows) {
    const key = r.tables.join("+");
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}
