import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { REPO } from "../paths";
import type { Notebook } from "../../src/notebook/nbformat";

export function tempDir(prefix = "dala-nb-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A notebook from cell sources; a `["tag", source]` pair gives a tagged code cell, `md:` a markdown cell. */
export function makeNotebook(cells: (string | [string, string])[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((c, i) => {
      if (typeof c === "string" && c.startsWith("md:")) return { cell_type: "markdown", id: `m${i}`, metadata: {}, source: c.slice(3) };
      const [tag, source] = Array.isArray(c) ? c : [undefined, c];
      return { cell_type: "code", id: `c${i}`, metadata: tag ? { tags: [tag] } : {}, source, outputs: [], execution_count: null };
    }),
  };
}

export function writeTempNotebook(dir: string, name: string, nb: Notebook): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(nb));
  return file;
}

/** Runs the real CLI in a child process (the engine captures stdout, which the test runner needs). */
export function dala(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(REPO, "bin", "dala.cjs"), ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, DALA_BACKEND: "cpu", ...env },
    timeout: 600_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
