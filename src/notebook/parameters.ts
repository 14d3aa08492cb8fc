/**
 * papermill's parameter conventions for TypeScript notebooks: a code cell tagged `parameters` holds
 * the defaults as `const name = value;` declarations; values given on the command line are written
 * into a new cell tagged `injected-parameters` right after it. tslab allows a later cell to redeclare
 * a `const`, so the injected cell simply declares the same names again.
 */
import { Cell, CodeCell, Notebook, hasTag, sourceText, toLines } from "./nbformat";

export type ParameterValue = string | number | boolean | null | ParameterValue[] | { [k: string]: ParameterValue };

/**
 * Reads a command-line value the way a user means it: numbers, booleans, null and JSON arrays/objects
 * become those values; anything else is a string. Quote a value (`'"0"'`) to force a string.
 */
export function parseParameterValue(raw: string): ParameterValue {
  const t = raw.trim();
  if (t === "true" || t === "false" || t === "null" || /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) || /^[[{"]/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      // not JSON after all: a plain string
    }
  }
  return raw;
}

/** Writes a value as a TypeScript literal. */
export function toTypeScriptLiteral(value: ParameterValue): string {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`parameter value ${value} is not a finite number`);
  return JSON.stringify(value);
}

/** Names declared at the top level of a parameters cell (`const x = ...`, `let y = ...`). */
export function declaredParameters(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.push(m[1]);
  return names;
}

export function findParametersCell(nb: Notebook): number {
  return nb.cells.findIndex((c) => c.cell_type === "code" && hasTag(c, "parameters"));
}

/**
 * Returns a copy of the notebook with an `injected-parameters` cell after the `parameters` cell
 * (replacing one left by an earlier run). Unknown names are an error listing the known ones: a
 * misspelt parameter silently ignored would run the wrong experiment.
 */
export function injectParameters(nb: Notebook, params: Record<string, ParameterValue>, notebookName = "notebook"): Notebook {
  const cells: Cell[] = nb.cells.filter((c) => !hasTag(c, "injected-parameters"));
  const names = Object.keys(params);
  if (names.length === 0) return { ...nb, cells };
  const at = findParametersCell({ ...nb, cells });
  if (at < 0) throw new Error(`${notebookName} has no cell tagged 'parameters', so it takes no parameters (given: ${names.join(", ")})`);
  const known = declaredParameters(sourceText(cells[at].source));
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    throw new Error(`${notebookName}: unknown parameter${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; the parameters cell declares ${known.join(", ") || "nothing"}`);
  }
  const text = ["// Parameters injected by `dala notebook` / `dala reproduce`", ...names.map((n) => `const ${n} = ${toTypeScriptLiteral(params[n])};`)].join("\n");
  const injected: CodeCell = {
    cell_type: "code",
    id: "injected-parameters",
    source: toLines(text),
    metadata: { tags: ["injected-parameters"] },
    outputs: [],
    execution_count: null,
  };
  cells.splice(at + 1, 0, injected);
  return { ...nb, cells };
}
