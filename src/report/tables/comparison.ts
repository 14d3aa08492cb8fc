/**
 * Paper value, kit value and their difference side by side. Each entry names a paper value by its
 * keys (see src/paper) and gives the kit's number for the same thing; the table shows only the keys
 * that vary between rows, the constant ones go into the caption.
 */
import { F1Pair } from "../../paper/cell-value";
import { PaperKeys, PaperNumberQuery, describeKeys, paperNumber, paperValue } from "../../paper/paper-tables";
import type { ComparisonRecordRow } from "../result-record";
import type { Cell, TableData } from "./table-data";

export interface KitEntry extends PaperNumberQuery {
  table: number;
  /** The kit's value (the mean over seeds, when there are several); null when the kit did not produce it. */
  kit: number | null;
  /** A confidence interval for the kit's value, e.g. from a bootstrap or over seeds. */
  ci?: [number, number];
  /** Standard deviation over seeds, and every seed's value. */
  sd?: number;
  perSeed?: { seed: number; value: number | null }[];
  /** Warnings a reader must see beside the value, e.g. a run that collapsed to one class. */
  notes?: string[];
}

export interface ComparisonRow {
  table: number;
  keys: PaperKeys & { average?: keyof F1Pair };
  paper: number;
  paperText: string;
  kit: number | null;
  /** kit - paper */
  delta: number | null;
  ci?: [number, number];
  sd?: number;
  perSeed?: { seed: number; value: number | null }[];
  notes?: string[];
  source: string;
}

export interface Comparison {
  rows: ComparisonRow[];
  /** Keys shared by every row (e.g. the data set), for the caption. */
  shared: Record<string, string>;
  /** Keys that differ between rows: the table's leading columns. */
  varying: string[];
}

const KEY_ORDER = ["dataset", "magnification", "model", "attentionAfter", "cam", "class", "split", "metric", "average"];

export function comparePaper(entries: KitEntry[]): Comparison {
  if (entries.length === 0) throw new Error("comparePaper: no entries");
  const rows: ComparisonRow[] = entries.map((e) => {
    const { kit, ci, sd, perSeed, notes, ...query } = e;
    if (kit !== null && !Number.isFinite(kit)) throw new Error(`comparePaper: kit value for ${describeKeys(query)} is ${kit}`);
    const v = paperValue(query);
    const paper = paperNumber(query);
    const keys = { ...v.keys, ...(query.average ? { average: query.average } : {}) };
    return {
      table: v.table,
      keys,
      paper,
      paperText: query.average ? v.text.split("/")[query.average === "macro" ? 0 : 1].trim() : v.text,
      kit,
      delta: kit === null ? null : kit - paper,
      ...(ci ? { ci } : {}),
      ...(sd !== undefined ? { sd } : {}),
      ...(perSeed ? { perSeed } : {}),
      ...(notes?.length ? { notes } : {}),
      source: `Table ${v.table}, line ${v.source.line}`,
    };
  });
  const present = KEY_ORDER.filter((k) => rows.some((r) => (r.keys as Record<string, string>)[k] !== undefined));
  const valueOf = (r: ComparisonRow, k: string) => (r.keys as Record<string, string | undefined>)[k] ?? "";
  const varying = present.filter((k) => new Set(rows.map((r) => valueOf(r, k))).size > 1);
  const shared = Object.fromEntries(present.filter((k) => !varying.includes(k)).map((k) => [k, valueOf(rows[0], k)]));
  if (varying.length === 0) varying.push("metric");
  return { rows, shared, varying };
}

export function kitColumnName(synthetic: boolean): string {
  return synthetic ? "kit (synthetic data)" : "kit";
}

/**
 * The comparison as a table: varying keys, paper, kit (mean over seeds, its sd and every seed's value
 * when there are seeds), delta, CI, notes, where the paper prints it. Synthetic data is not the paper's
 * data, so a difference to the paper's number would measure nothing: those tables have no delta column.
 */
export function comparisonTable(c: Comparison, synthetic: boolean): TableData {
  const hasCi = c.rows.some((r) => r.ci);
  const hasSeeds = c.rows.some((r) => r.perSeed);
  const hasNotes = c.rows.some((r) => r.notes?.length);
  const columns = [
    ...c.varying,
    "paper",
    hasSeeds ? `${kitColumnName(synthetic)}, mean over seeds` : kitColumnName(synthetic),
    ...(hasSeeds ? ["kit sd", "seeds", "kit per seed"] : []),
    ...(synthetic ? [] : ["delta (kit - paper)"]),
    ...(hasCi ? ["kit 95% CI"] : []),
    ...(hasNotes ? ["note"] : []),
    "paper source",
  ];
  const rows: Cell[][] = c.rows.map((r) => [
    ...c.varying.map((k) => (r.keys as Record<string, string>)[k] ?? ""),
    r.paper,
    r.kit,
    ...(hasSeeds ? [r.sd ?? null, r.perSeed ? r.perSeed.length : null, r.perSeed ? r.perSeed.map((p) => `${p.seed}: ${p.value === null ? "-" : p.value.toFixed(4)}`).join("; ") : ""] : []),
    ...(synthetic ? [] : [r.delta]),
    ...(hasCi ? [r.ci ? `[${r.ci[0].toFixed(4)}, ${r.ci[1].toFixed(4)}]` : ""] : []),
    ...(hasNotes ? [(r.notes ?? []).join("; ")] : []),
    r.source,
  ]);
  return { columns, rows };
}

export function comparisonCaption(c: Comparison, synthetic: boolean): string {
  const shared = Object.entries(c.shared).map(([k, v]) => `${k} ${v}`);
  const where = `Paper values from the published tables${shared.length ? ` (${shared.join(", ")})` : ""}`;
  return synthetic ? `${where}, beside the kit's on synthetic data: not the same data, so no difference is shown.` : `${where}; delta = kit - paper.`;
}

export function comparisonRecordRows(c: Comparison): ComparisonRecordRow[] {
  return c.rows.map((r) => ({
    label: KEY_ORDER.map((k) => (r.keys as Record<string, string>)[k]).filter(Boolean).join(" · "),
    paper: r.paper,
    kit: r.kit,
    delta: r.delta,
    source: r.source,
  }));
}

/** Rows ordered by |delta|, largest first; rows without a kit value are left out. */
export function largestDifferences<T extends { delta: number | null }>(rows: T[], limit = Infinity): T[] {
  return [...rows]
    .filter((r) => r.delta !== null)
    .sort((a, b) => Math.abs(b.delta!) - Math.abs(a.delta!))
    .slice(0, limit);
}
