/**
 * A small command framework on top of `node:util.parseArgs`: each sub-command declares its options
 * once, and gets `--help`, strict parsing (an unknown option is an error naming it) and typed values.
 */
import { parseArgs } from "node:util";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  default?: string | boolean | string[];
  /** Shown in --help; the placeholder (e.g. NAME) for string options comes from `value`. */
  description: string;
  value?: string;
}

export interface Command<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  name: string;
  summary: string;
  /** Positional arguments as shown in the usage line, e.g. "IN.ipynb OUT.ipynb". */
  positionals?: string;
  /** Longer explanation shown under the usage line. */
  details?: string;
  options: O;
  /**
   * Takes out arguments the generic parser cannot express (papermill's two-token `-p NAME VALUE`)
   * before it runs; what it returns as `extra` reaches `run`.
   */
  preprocess?(argv: string[]): { argv: string[]; extra: unknown };
  run(args: { values: ParsedValues<O>; positionals: string[]; extra?: any }): Promise<number | void>;
}

type ValueOf<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean | undefined
  : S["multiple"] extends true
    ? string[] | undefined
    : string | undefined;
export type ParsedValues<O extends Record<string, OptionSpec>> = { [K in keyof O]: ValueOf<O[K]> };

export function defineCommand<O extends Record<string, OptionSpec>>(c: Command<O>): Command<O> {
  return c;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function helpText(c: Command<any>): string {
  const lines = [`dala ${c.name}${Object.keys(c.options).length ? " [options]" : ""}${c.positionals ? " " + c.positionals : ""}`, "", c.summary];
  if (c.details) lines.push("", c.details.trim());
  const opts = Object.entries(c.options as Record<string, OptionSpec>);
  opts.push(["help", { type: "boolean", short: "h", description: "show this help" }]);
  lines.push("", "Options:");
  const left = opts.map(([k, o]) => `  ${o.short ? `-${o.short}, ` : "    "}--${k}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  opts.forEach(([, o], i) => {
    const def = o.default !== undefined && o.default !== false ? ` (default: ${o.default})` : "";
    lines.push(left[i].padEnd(width) + o.description + (o.multiple ? " (repeatable)" : "") + def);
  });
  return lines.join("\n");
}

/** Parses argv for a command; throws UsageError with the offending option named. */
export function parseCommandArgs(c: Command<any>, input: string[]) {
  const { argv, extra } = c.preprocess ? c.preprocess(input) : { argv: input, extra: undefined };
  const options: Record<string, any> = { help: { type: "boolean", short: "h" } };
  for (const [k, o] of Object.entries(c.options as Record<string, OptionSpec>)) {
    options[k] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}), ...(o.default !== undefined ? { default: o.default } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, any>, positionals, extra };
  } catch (e) {
    throw new UsageError(`dala ${c.name}: ${(e as Error).message.replace(/\. To specify a positional.*$/s, "")}`);
  }
}
