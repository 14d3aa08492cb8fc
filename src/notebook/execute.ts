/**
 * papermill's one public function, for TypeScript notebooks: execute this notebook into that
 * notebook with these parameters. The executed notebook is the record: outputs, errors, timing,
 * the injected parameters and the provenance of the run all land in it.
 */
import * as path from "node:path";
import { CodeCell, Notebook, readNotebook, sourceText, writeNotebook } from "./nbformat";
import { ParameterValue, injectParameters } from "./parameters";
import { TslabEngine } from "./tslab-engine";
import { provenance } from "../provenance";
import { REPO_ROOT } from "../paths";

export interface ExecuteOptions {
  parameters?: Record<string, ParameterValue>;
  /** Where tslab resolves `./src/...` imports from; the repository root unless a test says otherwise. */
  rootDir?: string;
  /** Called with a one-line progress message per cell. */
  progress?: (message: string) => void;
  /** Also copy what cells print to stderr as they run (papermill's --log-output). */
  logOutput?: boolean;
}

export interface ExecuteResult {
  ok: boolean;
  input: string;
  output: string;
  seconds: number;
  cellsRun: number;
  codeCells: number;
  /** Index (in the notebook's cell list) of the failing cell. */
  failedCell?: number;
  error?: { ename: string; evalue: string };
}

export class NotebookExecutionError extends Error {
  constructor(readonly result: ExecuteResult) {
    super(`${path.basename(result.input)}: cell ${result.failedCell} failed: ${result.error?.ename}: ${result.error?.evalue} (partial output in ${result.output})`);
    this.name = "NotebookExecutionError";
  }
}

function firstLine(cell: CodeCell): string {
  const line = sourceText(cell.source).split("\n").find((l) => l.trim() && !l.trim().startsWith("//")) ?? "";
  return line.length > 60 ? line.slice(0, 57) + "..." : line;
}

/**
 * Executes `input` into `output`. The output notebook is rewritten after every cell, so a crash or a
 * kill leaves a readable partial record. On a failing cell the run stops there and the result says
 * which cell and why (it does not throw; callers decide).
 */
export async function executeNotebook(input: string, output: string, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
  const started = Date.now();
  const name = path.basename(input);
  const parameters = opts.parameters ?? {};
  const nb: Notebook = injectParameters(readNotebook(input), parameters, name);
  for (const cell of nb.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
      delete cell.metadata.execution;
    }
  }
  const codeCells = nb.cells.filter((c) => c.cell_type === "code").length;
  nb.metadata.dala = { input: path.relative(REPO_ROOT, path.resolve(input)), parameters, status: "running", started: new Date(started).toISOString() };
  nb.metadata.kernelspec ??= { name: "dala-tslab", display_name: "TypeScript (DALA kit, tslab)", language: "typescript" };
  writeNotebook(output, nb);

  // Result files written by the notebook record which notebook made them (src/report reads this).
  process.env.DALA_NOTEBOOK = name;
  const engine = new TslabEngine(opts.rootDir ?? REPO_ROOT, opts.logOutput);
  const result: ExecuteResult = { ok: true, input, output, seconds: 0, cellsRun: 0, codeCells };
  try {
    for (let i = 0; i < nb.cells.length; i++) {
      const cell = nb.cells[i];
      if (cell.cell_type !== "code") continue;
      const count = result.cellsRun + 1;
      const t0 = Date.now();
      opts.progress?.(`${name} [${count}/${codeCells}] ${firstLine(cell)}`);
      const r = await engine.execute(sourceText(cell.source), count);
      const t1 = Date.now();
      cell.outputs = r.outputs;
      cell.execution_count = count;
      cell.metadata.execution = { "iopub.execute_input": new Date(t0).toISOString(), "shell.execute_reply": new Date(t1).toISOString() };
      cell.metadata.dala = { seconds: (t1 - t0) / 1000, status: r.ok ? "ok" : "failed" };
      result.cellsRun = count;
      if (!r.ok) {
        result.ok = false;
        result.failedCell = i;
        result.error = { ename: r.error!.ename, evalue: r.error!.evalue };
        break;
      }
      writeNotebook(output, nb);
    }
  } finally {
    engine.close();
    result.seconds = (Date.now() - started) / 1000;
    nb.metadata.dala = {
      ...nb.metadata.dala,
      status: result.ok ? "ok" : "failed",
      finished: new Date().toISOString(),
      seconds: result.seconds,
      ...(result.ok ? {} : { failedCell: result.failedCell, error: result.error }),
      provenance: provenance({ profile: typeof parameters.profile === "string" ? parameters.profile : undefined }),
    };
    writeNotebook(output, nb);
  }
  return result;
}
