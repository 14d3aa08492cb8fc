/**
 * `dala reproduce`: every `notebooks/NN-*.ipynb` in order into `results/notebooks/`, each in its own
 * process (a fresh kernel, as papermill gives each notebook), with the profile passed through the
 * notebook's parameters cell.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { REPO_ROOT } from "../paths";

export interface NotebookRun {
  notebook: string;
  output: string;
  ok: boolean;
  seconds: number;
  exitCode: number;
}

/** Notebooks named `NN-name.ipynb`, sorted by NN, optionally filtered by `--only` / `--from`. */
export function listNotebooks(dir: string, filter: { only?: string[]; from?: string } = {}): string[] {
  if (!fs.existsSync(dir)) throw new Error(`notebook directory ${dir} not found`);
  const all = fs.readdirSync(dir).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
  const nn = (f: string) => f.slice(0, 2);
  const known = new Set(all.map(nn));
  for (const n of [...(filter.only ?? []), ...(filter.from ? [filter.from] : [])]) {
    if (!/^\d\d$/.test(n)) throw new Error(`notebook numbers are two digits (e.g. 03); got '${n}'`);
    if (!known.has(n)) throw new Error(`no notebook ${n}-*.ipynb in ${dir} (have ${[...known].join(", ")})`);
  }
  return all
    .filter((f) => !filter.only?.length || filter.only.includes(nn(f)))
    .filter((f) => !filter.from || nn(f) >= filter.from)
    .map((f) => path.join(dir, f));
}

/** Runs one notebook through `dala notebook` in a child process, streaming its progress lines. */
export function runNotebookProcess(input: string, output: string, parameters: Record<string, string>, env: NodeJS.ProcessEnv = process.env): Promise<NotebookRun> {
  // --log-output: training and download progress inside cells reaches the terminal as it happens.
  const args = [path.join(REPO_ROOT, "bin", "dala.cjs"), "notebook", input, output, "--log-output"];
  for (const [k, v] of Object.entries(parameters)) args.push("-p", k, v);
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"], env });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const exitCode = code ?? (signal ? 128 : 1);
      resolve({ notebook: input, output, ok: exitCode === 0, seconds: (Date.now() - t0) / 1000, exitCode });
    });
  });
}

export function formatSummary(runs: NotebookRun[]): string {
  const width = Math.max(...runs.map((r) => path.basename(r.notebook).length), 8);
  const lines = runs.map((r) => `  ${path.basename(r.notebook).padEnd(width)}  ${r.ok ? "ok    " : "FAILED"}  ${r.seconds.toFixed(1).padStart(7)} s`);
  const total = runs.reduce((s, r) => s + r.seconds, 0);
  const failed = runs.filter((r) => !r.ok).length;
  return [...lines, `  ${runs.length - failed} passed, ${failed} failed in ${total.toFixed(1)} s`].join("\n");
}
