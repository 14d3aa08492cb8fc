import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readNotebook, sourceText, CodeCell, Output } from "../../src/notebook/nbformat";
import { dala, makeNotebook, tempDir, writeTempNotebook } from "./helpers";

const codeCells = (file: string) => readNotebook(file).cells.filter((c): c is CodeCell => c.cell_type === "code");
const text = (o: Output) => (o.output_type === "stream" ? sourceText(o.text) : "");

test("executes a notebook with injected parameters; outputs land where Jupyter expects them", () => {
  const dir = tempDir();
  const input = writeTempNotebook(dir, "01-demo.ipynb", makeNotebook([
    "md:# demo",
    ["parameters", 'const profile = "demo";\nconst scale = 2;'],
    'console.log("profile is", profile); console.error("to stderr");\nconst doubled = scale * 21;',
    'import * as tslab from "tslab";\ntslab.display.html("<b>bold</b>");\ntslab.display.markdown("*md*");',
    "await new Promise((r) => setTimeout(r, 5));\ndoubled",
  ]));
  const output = path.join(dir, "out", "01-demo.out.ipynb");
  const r = dala(["notebook", input, output, "-p", "profile", "ci", "-p", "scale", "3", "--log-output"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /profile is ci\nto stderr\n/, "--log-output copies cell output to the terminal as it runs");
  assert.match(r.stderr, /01-demo.ipynb \[3\/5\] console.log/);
  const cells = codeCells(output);
  assert.deepEqual(cells.map((c) => c.execution_count), [1, 2, 3, 4, 5]);
  assert.deepEqual(cells[1].metadata.tags, ["injected-parameters"]);
  assert.match(sourceText(cells[1].source), /const profile = "ci";\nconst scale = 3;/);
  const printed = cells[2].outputs;
  assert.deepEqual(printed.map((o) => [o.output_type, (o as any).name]), [["stream", "stdout"], ["stream", "stderr"]]);
  assert.equal(text(printed[0]), "profile is ci\n");
  assert.equal(text(printed[1]), "to stderr\n");
  const displays = cells[3].outputs;
  assert.deepEqual(displays.map((o) => o.output_type), ["display_data", "display_data"]);
  assert.deepEqual((displays[0] as any).data, { "text/html": "<b>bold</b>" });
  assert.deepEqual((displays[1] as any).data, { "text/markdown": "*md*" });
  assert.deepEqual(cells[4].outputs, [{ output_type: "execute_result", execution_count: 5, data: { "text/plain": "63" }, metadata: {} }]);
  for (const c of cells) {
    assert.equal(c.metadata.dala.status, "ok");
    assert.ok(c.metadata.dala.seconds >= 0);
    assert.ok(Date.parse(c.metadata.execution["shell.execute_reply"]) >= Date.parse(c.metadata.execution["iopub.execute_input"]));
  }
  const meta = readNotebook(output).metadata.dala;
  assert.equal(meta.status, "ok");
  assert.deepEqual(meta.parameters, { profile: "ci", scale: 3 });
  assert.equal(meta.provenance.profile, "ci");
  assert.match(meta.provenance.commit, /^[0-9a-f]{40}$|unknown/);
});

test("a failing cell stops the run: error output, partial notebook, non-zero exit naming the cell", () => {
  const dir = tempDir();
  const input = writeTempNotebook(dir, "02-fails.ipynb", makeNotebook([
    'console.log("before");',
    'function explode() { throw new RangeError("value out of range"); }\nexplode();',
    'console.log("never");',
  ]));
  const output = path.join(dir, "02-fails.out.ipynb");
  const r = dala(["notebook", input, output]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /02-fails.ipynb: cell 1 failed: RangeError: value out of range/);
  assert.ok(fs.existsSync(output), "partial output notebook is written");
  const cells = codeCells(output);
  assert.equal(text(cells[0].outputs[0]), "before\n");
  const err = cells[1].outputs.at(-1)!;
  assert.equal(err.output_type, "error");
  assert.equal((err as any).ename, "RangeError");
  assert.equal((err as any).evalue, "value out of range");
  assert.ok((err as any).traceback.some((l: string) => l.includes("explode")));
  assert.equal(cells[2].execution_count, null);
  assert.deepEqual(cells[2].outputs, []);
  const meta = readNotebook(output).metadata.dala;
  assert.equal(meta.status, "failed");
  assert.equal(meta.failedCell, 1);
});

test("a type error is reported as a compile error of that cell", () => {
  const dir = tempDir();
  const input = writeTempNotebook(dir, "03-types.ipynb", makeNotebook(['const n: number = "text";']));
  const r = dala(["notebook", input, path.join(dir, "o.ipynb")]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cell 0 failed: CompileError: .*Type 'string' is not assignable to type 'number'/);
});

test("bad command lines are clear errors", () => {
  const dir = tempDir();
  const input = writeTempNotebook(dir, "04-p.ipynb", makeNotebook([["parameters", "const a = 1;"]]));
  let r = dala(["notebook", input, path.join(dir, "o.ipynb"), "-p", "b", "2"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown parameter b; the parameters cell declares a/);
  r = dala(["notebook", input, path.join(dir, "o.ipynb"), "--colour"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unknown option '--colour'/);
  r = dala(["notebook", path.join(dir, "missing.ipynb"), path.join(dir, "o.ipynb")]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /missing.ipynb not found/);
  r = dala(["notebook", input, path.join(dir, "o.ipynb"), "-p", "a"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /-p takes two values, NAME VALUE/);
});

test("the command exits after a failing cell even when the notebook left handles open", () => {
  const dir = tempDir();
  const input = writeTempNotebook(dir, "05-open.ipynb", makeNotebook(['setInterval(() => {}, 1000);\nthrow new Error("after opening a timer")']));
  const r = dala(["notebook", input, path.join(dir, "o.ipynb"), "--quiet"]);
  assert.equal(r.code, 1, "exited with the failure code (a hang is killed by the helper's timeout: code null)");
  assert.match(r.stderr, /cell 0 failed: Error: after opening a timer/);
});
