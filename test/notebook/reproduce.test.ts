import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { listNotebooks } from "../../src/notebook/reproduce";
import { readNotebook } from "../../src/notebook/nbformat";
import { REPO } from "../paths";
import { dala, makeNotebook, tempDir, writeTempNotebook } from "./helpers";

test("listNotebooks orders by number and filters with --only / --from", () => {
  const dir = tempDir();
  for (const n of ["02-b", "00-a", "10-c", "notes"]) writeTempNotebook(dir, `${n}.ipynb`, makeNotebook(["1"]));
  const names = (xs: string[]) => xs.map((x) => path.basename(x));
  assert.deepEqual(names(listNotebooks(dir)), ["00-a.ipynb", "02-b.ipynb", "10-c.ipynb"]);
  assert.deepEqual(names(listNotebooks(dir, { only: ["10", "00"] })), ["00-a.ipynb", "10-c.ipynb"]);
  assert.deepEqual(names(listNotebooks(dir, { from: "02" })), ["02-b.ipynb", "10-c.ipynb"]);
  assert.throws(() => listNotebooks(dir, { only: ["05"] }), /no notebook 05-\*.ipynb .*have 00, 02, 10/);
  assert.throws(() => listNotebooks(dir, { from: "2" }), /two digits/);
});

test("reproduce runs every notebook in order, goes on after a failure and reports it", () => {
  const dir = tempDir();
  const nbs = path.join(dir, "notebooks");
  fs.mkdirSync(nbs);
  writeTempNotebook(nbs, "00-first.ipynb", makeNotebook([["parameters", 'const profile = "demo";'], "profile"]));
  writeTempNotebook(nbs, "01-broken.ipynb", makeNotebook(['throw new Error("deliberate")']));
  writeTempNotebook(nbs, "02-last.ipynb", makeNotebook([["parameters", 'const profile = "demo";'], "profile.toUpperCase()"]));
  const results = path.join(dir, "results");
  const r = dala(["reproduce", "--profile", "ci", "--notebooks", nbs, "--results", results]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /00-first.ipynb\s+ok/);
  assert.match(r.stdout, /01-broken.ipynb\s+FAILED/);
  assert.match(r.stdout, /02-last.ipynb\s+ok/);
  assert.match(r.stdout, /2 passed, 1 failed/);
  assert.ok(fs.existsSync(path.join(results, "README.md")), "reproduce ends by writing the results index");
  assert.ok(fs.existsSync(path.join(results, "index.html")));
  const last = readNotebook(path.join(results, "notebooks", "02-last.ipynb"));
  const cell = last.cells.at(-1)!;
  assert.deepEqual(cell.cell_type === "code" && cell.outputs[0], { output_type: "execute_result", execution_count: 3, data: { "text/plain": "CI" }, metadata: {} });
});

test("dala reproduce --profile ci runs every notebook of the kit", { timeout: 1_800_000 }, () => {
  const results = tempDir("dala-reproduce-");
  const r = dala(["reproduce", "--profile", "ci", "--results", results], { DALA_BACKEND: "" });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const expected = fs.readdirSync(path.join(REPO, "notebooks")).filter((f) => /^\d\d-.*\.ipynb$/.test(f));
  assert.ok(expected.length >= 1);
  for (const f of expected) {
    const nb = readNotebook(path.join(results, "notebooks", f));
    assert.equal(nb.metadata.dala.status, "ok", f);
    assert.equal(nb.metadata.dala.parameters.profile, "ci", f);
  }
  assert.match(r.stdout, new RegExp(`${expected.length} passed, 0 failed`));
});
