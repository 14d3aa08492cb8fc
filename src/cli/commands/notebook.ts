import * as path from "node:path";
import { defineCommand, UsageError } from "../command";
import { executeNotebook } from "../../notebook/execute";
import { parseParameterValue, ParameterValue } from "../../notebook/parameters";

/** papermill's `-p NAME VALUE` takes two tokens; collect them before the generic option parser sees them. */
export function splitParameterPairs(argv: string[]): { rest: string[]; parameters: Record<string, ParameterValue> } {
  const rest: string[] = [];
  const parameters: Record<string, ParameterValue> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "-p" || argv[i] === "--parameter") {
      if (i + 2 >= argv.length) throw new UsageError(`dala notebook: ${argv[i]} takes two values, NAME VALUE`);
      parameters[argv[i + 1]] = parseParameterValue(argv[i + 2]);
      i += 2;
    } else rest.push(argv[i]);
  }
  return { rest, parameters };
}

export default defineCommand({
  name: "notebook",
  summary: "execute one notebook headless, papermill-style, into an output notebook",
  positionals: "IN.ipynb OUT.ipynb",
  details: `Runs every code cell in-process through tslab (shared state, top-level await, ./src imports).
Parameters: -p NAME VALUE (repeatable; also --parameter NAME VALUE) go into a cell tagged 'injected-parameters' right after the
cell tagged 'parameters'. VALUE is read as a number, boolean, null or JSON when it looks like one,
else as a string. On a failing cell the run stops, the partial notebook is written, and the exit
code is 1.`,
  options: {
    profile: { type: "string", value: "NAME", description: "shorthand for -p profile NAME" },
    quiet: { type: "boolean", short: "q", description: "no per-cell progress lines" },
    "log-output": { type: "boolean", description: "also copy what cells print to stderr as they run (as papermill's --log-output)" },
  },
  preprocess(argv) {
    const { rest, parameters } = splitParameterPairs(argv);
    return { argv: rest, extra: parameters };
  },
  async run({ values, positionals, extra }) {
    const parameters: Record<string, ParameterValue> = extra;
    if (values.profile) parameters.profile = values.profile;
    if (positionals.length !== 2) throw new UsageError(`dala notebook: expected IN.ipynb OUT.ipynb, got ${positionals.length} path(s)`);
    const [input, output] = positionals.map((p) => path.resolve(p));
    const progress = values.quiet ? undefined : (m: string) => process.stderr.write(`[dala] ${m}\n`);
    const r = await executeNotebook(input, output, { parameters, progress, logOutput: values["log-output"] });
    if (!r.ok) {
      console.error(`dala notebook: ${path.basename(input)}: cell ${r.failedCell} failed: ${r.error!.ename}: ${r.error!.evalue}`);
      console.error(`partial output written to ${output}`);
      return 1;
    }
    process.stderr.write(`[dala] ${path.basename(input)}: ${r.cellsRun} cells in ${r.seconds.toFixed(1)} s -> ${output}\n`);
    return 0;
  },
});
