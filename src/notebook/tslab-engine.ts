/**
 * Runs notebook cells in this process through tslab's executor (the same compiler and evaluator the
 * tslab Jupyter kernel uses), and turns what a cell prints, displays, returns or throws into nbformat
 * outputs. This relies on tslab internals (`dist/executor`, `dist/converter`, `dist/jupyter`), which
 * is why tslab is pinned to an exact version in package.json.
 *
 * tslab compiles local TypeScript imports only below the directory it starts in, so the engine (like
 * the kit's Jupyter kernel launcher, bin/dala-kernel.cjs) runs from the repository root and notebooks
 * import the kit as `./src/...`.
 */
import * as util from "node:util";
import type { ErrorOutput, Output } from "./nbformat";
import { toLines } from "./nbformat";

/* eslint-disable @typescript-eslint/no-var-requires */
const { createExecutor } = require("tslab/dist/executor");
const { createConverter } = require("tslab/dist/converter");
const tslabJupyter = require("tslab/dist/jupyter");
const tslabTypeScript = require(require.resolve("@tslab/typescript-for-tslab", { paths: [require.resolve("tslab/dist/converter")] }));

/**
 * tslab watches every imported source file so an interactive kernel picks up edits; in a headless run
 * the sources are fixed, and an edit during a long run (another terminal, a second checkout's build)
 * would make tslab's rebuild fail the next cell with "Unexpected pending rebuildTimer". So the batch
 * engine does not watch. Only this process's (tslab's private) TypeScript instance is affected.
 */
function disableSourceWatching(): void {
  tslabTypeScript.sys.watchFile = () => ({ close() {} });
}

export interface CellResult {
  ok: boolean;
  outputs: Output[];
  error?: ErrorOutput;
}

const realStdoutWrite = process.stdout.write.bind(process.stdout);
const realStderrWrite = process.stderr.write.bind(process.stderr);

/** Formats a cell's last value as tslab's kernel does (console.log semantics: strings unquoted). */
function formatValue(value: unknown): string {
  return typeof value === "string" ? value : util.inspect(value, { depth: 6, colors: false, maxArrayLength: 100 });
}

function errorOutput(e: unknown): ErrorOutput {
  if (e instanceof Error) {
    return { output_type: "error", ename: e.name, evalue: e.message, traceback: (e.stack ?? `${e.name}: ${e.message}`).split("\n") };
  }
  return { output_type: "error", ename: "Error", evalue: formatValue(e), traceback: [formatValue(e)] };
}

export class TslabEngine {
  private executor: any;
  private outputs: Output[] = [];
  private thrown: unknown[] = [];
  private diagnostics: string[] = [];
  private executionCount = 0;

  /** `rootDir` becomes the process's working directory: tslab resolves local imports below it. */
  /**
   * `logOutput` (papermill's --log-output) also copies what cells print to this process's stderr, so a
   * long headless run shows its progress (training epochs, downloads) as it happens, not only afterwards
   * in the output notebook.
   */
  constructor(readonly rootDir: string, private readonly logOutput = false) {
    process.chdir(rootDir);
    disableSourceWatching();
    const node = createConverter();
    const browser = createConverter({ isBrowser: true });
    const converters = { node, browser, close: () => (node.close(), browser.close()) };
    this.executor = createExecutor(rootDir, converters, {
      log: (...args: unknown[]) => {
        this.outputs.push({
          output_type: "execute_result",
          execution_count: this.executionCount,
          data: { "text/plain": args.map(formatValue).join(" ") },
          metadata: {},
        });
      },
      error: (...args: unknown[]) => {
        // The executor reports runtime errors as the thrown value and compile errors printf-style.
        if (args.length === 1 && typeof args[0] !== "string") this.thrown.push(args[0]);
        else this.diagnostics.push(util.format(...args));
      },
    });
  }

  private appendStream(name: "stdout" | "stderr", text: string): void {
    const last = this.outputs[this.outputs.length - 1];
    if (last?.output_type === "stream" && last.name === name) {
      last.text = toLines((Array.isArray(last.text) ? last.text.join("") : last.text) + text);
    } else {
      this.outputs.push({ output_type: "stream", name, text: toLines(text) });
    }
  }

  private display(data: { data: Record<string, unknown>; metadata?: Record<string, unknown>; transient?: { display_id?: string } }, update: boolean): void {
    const id = data.transient?.display_id;
    if (update && id) {
      const earlier = this.outputs.find((o) => o.output_type === "display_data" && o.transient?.display_id === id);
      if (earlier && earlier.output_type === "display_data") {
        earlier.data = data.data;
        return;
      }
    }
    this.outputs.push({ output_type: "display_data", data: data.data, metadata: data.metadata ?? {}, ...(id ? { transient: { display_id: id } } : {}) });
  }

  /** Executes one cell's source; state (variables, imports) carries over to later cells. */
  async execute(source: string, executionCount: number): Promise<CellResult> {
    this.outputs = [];
    this.thrown = [];
    this.diagnostics = [];
    this.executionCount = executionCount;
    const capture = (name: "stdout" | "stderr") =>
      ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        this.appendStream(name, text);
        if (this.logOutput) realStderrWrite(text);
        const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
        cb?.();
        return true;
      }) as typeof process.stdout.write;
    process.stdout.write = capture("stdout");
    process.stderr.write = capture("stderr");
    tslabJupyter.lastWriteDisplayData = (d: any, update: boolean) => this.display(d, update);
    let ok: boolean;
    try {
      ok = await this.executor.execute(source);
    } catch (e) {
      this.thrown.push(e);
      ok = false;
    } finally {
      process.stdout.write = realStdoutWrite;
      process.stderr.write = realStderrWrite;
    }
    if (!ok) {
      const error: ErrorOutput = this.thrown.length
        ? errorOutput(this.thrown[0])
        : { output_type: "error", ename: "CompileError", evalue: this.diagnostics.join("; ") || "the cell failed to compile", traceback: this.diagnostics };
      return { ok, outputs: [...this.outputs, error], error };
    }
    if (this.diagnostics.length) this.appendStream("stderr", this.diagnostics.join("\n") + "\n");
    return { ok, outputs: this.outputs };
  }

  close(): void {
    this.executor.close();
  }
}
