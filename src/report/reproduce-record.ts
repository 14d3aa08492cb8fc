/**
 * `reproduce-run.json`: how a results directory was made — the command's profile and seeds, the commit
 * it ran at, each notebook's wall time and outcome — so that the results index can say it from a file
 * instead of someone writing it down.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../io/atomic-write";
import type { Provenance } from "../provenance";

export const REPRODUCE_RECORD = "reproduce-run.json";

export interface ReproduceRecord {
  kind: "reproduce-run";
  profile: string;
  seeds: number[];
  startedAt: string;
  wallSeconds: number;
  notebooks: { notebook: string; ok: boolean; seconds: number }[];
  provenance: Provenance;
}

export function writeReproduceRecord(resultsDir: string, record: Omit<ReproduceRecord, "kind">): string {
  const file = path.join(resultsDir, REPRODUCE_RECORD);
  writeFileAtomic(file, JSON.stringify({ kind: "reproduce-run", ...record }, null, 1) + "\n");
  return file;
}

export function readReproduceRecord(resultsDir: string): ReproduceRecord | undefined {
  const file = path.join(resultsDir, REPRODUCE_RECORD);
  if (!fs.existsSync(file)) return undefined;
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  if (data.kind !== "reproduce-run" || !Array.isArray(data.notebooks)) throw new Error(`${file}: not a reproduce record`);
  return data as ReproduceRecord;
}

const minutes = (s: number) => (s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`);

/** Markdown: the command, the commit, the wall time, one line per notebook. */
export function reproduceRecordMarkdown(r: ReproduceRecord): string[] {
  const p = r.provenance;
  const failed = r.notebooks.filter((n) => !n.ok);
  // the notebooks choose the backend, each in its own process: their result files record it
  const machine = `${p.machine.cpus} CPU core${p.machine.cpus === 1 ? "" : "s"} (${p.machine.cpuModel})${p.backend ? `, backend ${p.backend.name}` : ""}`;
  return [
    `\`npm run reproduce -- --profile ${r.profile} --seeds ${r.seeds.join(",")}\` at commit \`${p.commit}\`${p.dirty ? " (with uncommitted changes)" : ""}, started ${r.startedAt}: ` +
      `${r.notebooks.length} notebook${r.notebooks.length === 1 ? "" : "s"} in ${minutes(r.wallSeconds)} of wall time on ${machine}` +
      (failed.length ? `; **${failed.length} failed**: ${failed.map((n) => n.notebook).join(", ")}.` : ", none failed."),
    "",
    "| notebook | outcome | wall time |",
    "| --- | --- | ---: |",
    ...r.notebooks.map((n) => `| ${n.notebook} | ${n.ok ? "ok" : "FAILED"} | ${minutes(n.seconds)} |`),
  ];
}
