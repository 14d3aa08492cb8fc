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
  /**
   * The profile's finished training runs in the results directory: a rerun reuses what an earlier one
   * trained, so its wall time alone understates what the results cost.
   */
  trainingRuns?: TrainingRunCounts;
  provenance: Provenance;
}

/** What src/experiments/run-dir.ts `countTrainingRuns` finds in the results directory. */
export interface TrainingRunCounts {
  /** Finished while this command ran. */
  trainedNow: number;
  /** Finished before it started, and reused. */
  reused: number;
  /** Sum of every counted run's training wall time (its metrics.json `trainingSeconds`), whenever it ran. */
  trainingSeconds: number;
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

// rounded before it is split, so 179.6 s reads "3 min 0 s", not "2 min 60 s"
const minutes = (s: number) => (s >= 90 ? `${Math.floor(Math.round(s) / 60)} min ${Math.round(s) % 60} s` : `${s.toFixed(1)} s`);

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
    ...(r.trainingRuns ? ["", trainingRunsSentence(r.trainingRuns)] : []),
  ];
}

function trainingRunsSentence(t: TrainingRunCounts): string {
  const total = t.trainedNow + t.reused;
  return (
    `Training runs of this profile in \`runs/\`: ${total}, of which ${t.trainedNow} trained by this command and ${t.reused} reused from earlier runs ` +
    `(finished before it started; the wall times above do not include them). Their training took ${minutes(t.trainingSeconds)} in all (the sum of each run's \`trainingSeconds\`, whenever it ran).`
  );
}
