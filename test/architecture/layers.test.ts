/**
 * The direction of the kit's dependencies, held by a test so it cannot drift back. Imports are read
 * from the sources (static `import`/`export ... from`/`require`), grouped by top-level folder of src/:
 *
 * - notebooks import only `./src/...` and tslab: logic lives in src/;
 * - the maths is pure: metrics, the image maths of cam/image and cam/linalg, and the audit import no
 *   tensor library and do no I/O;
 * - models know no data sets, papers, weights files or training; weights know models, not data;
 * - report takes plain data: no backend, provenance gathering, git or experiment code (types only);
 * - each folder imports only the folders below it (the table), so there are no cycles;
 * - cli and the notebook runner are the only entry points: nothing else exits the process or reads argv.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../paths";

const SRC = path.join(REPO, "src");

/** What each top-level unit of src/ may import (besides itself). A unit not listed may import nothing of the kit. */
const ALLOWED: Record<string, string[]> = {
  random: [],
  paths: [],
  "config-hash": [],
  profiles: [],
  io: [],
  "installed-version": ["paths"],
  metrics: ["random"],
  statistics: ["metrics"],
  claims: [],
  data: ["random", "paths", "io", "config-hash"],
  paper: ["data"],
  backend: ["installed-version"],
  provenance: ["backend", "config-hash", "installed-version", "paths"],
  models: ["random", "io"],
  weights: ["models", "io", "paths"],
  cam: ["models", "data", "metrics", "random"],
  audit: ["metrics", "paper", "data"],
  training: ["backend", "data", "io", "models", "profiles", "random", "weights", "config-hash"],
  experiments: ["backend", "training", "models", "weights", "data", "metrics", "profiles", "paths", "provenance", "config-hash", "random", "io"],
  report: ["paper", "data", "io", "provenance:type", "claims:type"],
  reproduction: ["experiments", "statistics", "claims", "training", "cam", "models", "weights", "data", "metrics", "paper", "report", "audit", "profiles", "paths", "provenance", "random", "backend", "config-hash", "io"],
  bench: ["backend", "cam", "data", "models", "training", "random", "paths", "provenance", "io"],
  notebook: ["paths", "provenance"],
};
/** The entry points: they may import anything. */
const ENTRY_POINTS = new Set(["cli"]);

/** Folders whose code must stay pure: no tensors, no files, no processes. */
const PURE = ["src/metrics", "src/statistics", "src/claims", "src/cam/image", "src/cam/linalg", "src/audit"];
const IMPURE_MODULES = /^(@tensorflow\/|node:fs|fs$|node:child_process|child_process$|sharp$|node:net|node:http)/;

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string, text = fs.readFileSync(file, "utf8")): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) out.push({ file, spec: m[3] ?? m[4], typeOnly: Boolean(m[2]) });
  return out;
}

/** "src/cam/evaluation/x.ts" -> "cam"; "src/paths.ts" -> "paths". */
function unitOf(absolute: string): string {
  const rel = path.relative(SRC, absolute).split(path.sep);
  return rel.length === 1 ? rel[0].replace(/\.ts$/, "") : rel[0];
}

function kitTarget(imp: Import): string | undefined {
  if (!imp.spec.startsWith(".")) return undefined;
  return path.resolve(path.dirname(imp.file), imp.spec);
}

const files = sourceFiles(SRC);
const imports = files.flatMap((f) => importsOf(f));

test("every import between top-level units of src/ goes down the table, never up (so no cycles)", () => {
  const wrong: string[] = [];
  for (const imp of imports) {
    const target = kitTarget(imp);
    if (!target || !target.startsWith(SRC)) continue;
    const from = unitOf(imp.file);
    const to = unitOf(target);
    if (from === to || ENTRY_POINTS.has(from)) continue;
    const allowed = ALLOWED[from] ?? [];
    if (allowed.includes(to) || (imp.typeOnly && allowed.includes(`${to}:type`))) continue;
    wrong.push(`${path.relative(REPO, imp.file)} imports ${to} ('${imp.spec}'${imp.typeOnly ? ", type only" : ""})`);
  }
  assert.deepEqual(wrong, []);
});

test("the table itself has no cycle", () => {
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (u: string, trail: string[]) => {
    assert.ok(!visiting.has(u), `cycle: ${[...trail, u].join(" -> ")}`);
    if (done.has(u)) return;
    visiting.add(u);
    for (const v of ALLOWED[u] ?? []) visit(v.replace(/:type$/, ""), [...trail, u]);
    visiting.delete(u);
    done.add(u);
  };
  for (const u of Object.keys(ALLOWED)) visit(u, []);
});

test("metrics, statistics, image maths and the audit are pure: no tensor library, no file or process I/O", () => {
  const wrong = imports
    .filter((imp) => PURE.some((dir) => imp.file.startsWith(path.join(REPO, dir) + path.sep)))
    .filter((imp) => IMPURE_MODULES.test(imp.spec))
    .map((imp) => `${path.relative(REPO, imp.file)} imports ${imp.spec}`);
  assert.deepEqual(wrong, []);
});

test("report/ computes no provenance itself: no git, no backend, no clock of the run", () => {
  const reportFiles = files.filter((f) => unitOf(f) === "report");
  const wrong = reportFiles.filter((f) => /child_process|activeBackend|gitCommit/.test(fs.readFileSync(f, "utf8"))).map((f) => path.relative(REPO, f));
  assert.deepEqual(wrong, []);
});

test("only the command line exits the process or reads argv", () => {
  const wrong = files
    .filter((f) => unitOf(f) !== "cli")
    .filter((f) => /process\.exit\(|process\.argv|require\.main\s*===/.test(fs.readFileSync(f, "utf8")))
    .map((f) => path.relative(REPO, f));
  assert.deepEqual(wrong, []);
  const bin = importsOf(path.join(REPO, "bin", "dala.cjs"));
  assert.deepEqual(bin.map((i) => i.spec), ["tsx/cjs", "../src/cli/main.ts"]);
});

test("notebooks import only ./src/... and tslab", () => {
  const dir = path.join(REPO, "notebooks");
  const wrong: string[] = [];
  for (const nb of fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb"))) {
    const cells = JSON.parse(fs.readFileSync(path.join(dir, nb), "utf8")).cells as { cell_type: string; source: string | string[] }[];
    for (const c of cells.filter((c) => c.cell_type === "code")) {
      const source = Array.isArray(c.source) ? c.source.join("") : c.source;
      for (const imp of importsOf(path.join(dir, nb), source)) {
        if (!(imp.spec === "tslab" || imp.spec.startsWith("./src/"))) wrong.push(`${nb} imports '${imp.spec}'`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test("the import reader sees what it must: static, type-only, re-exports and require", () => {
  const found = importsOf("/x/src/a.ts", `import { a } from "./b";\nimport type { C } from "../c";\nexport { d } from "./d";\nconst e = require("./e");\nimport "./side";`);
  assert.deepEqual(found.map((i) => [i.spec, i.typeOnly]), [["./b", false], ["../c", true], ["./d", false], ["./e", false], ["./side", false]]);
});

test("imports name files, not folders: tslab's Jupyter kernel resolves a relative import only as a file", () => {
  const wrong = imports
    .filter((imp) => imp.spec.startsWith("."))
    .filter((imp) => {
      const target = path.resolve(path.dirname(imp.file), imp.spec);
      return fs.existsSync(path.join(target, "index.ts")) && !fs.existsSync(`${target}.ts`);
    })
    .map((imp) => `${path.relative(REPO, imp.file)} imports the folder '${imp.spec}' (write '${imp.spec}/index')`);
  assert.deepEqual(wrong, []);
});
