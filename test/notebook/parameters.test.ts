import { test } from "node:test";
import assert from "node:assert/strict";
import { declaredParameters, injectParameters, parseParameterValue, toTypeScriptLiteral } from "../../src/notebook/parameters";
import { sourceText } from "../../src/notebook/nbformat";
import { makeNotebook } from "./helpers";

test("command-line values are read as numbers, booleans, null, JSON or strings", () => {
  assert.equal(parseParameterValue("3"), 3);
  assert.equal(parseParameterValue("-1.5e-3"), -0.0015);
  assert.equal(parseParameterValue("true"), true);
  assert.equal(parseParameterValue("null"), null);
  assert.deepEqual(parseParameterValue('["a", 2]'), ["a", 2]);
  assert.equal(parseParameterValue('"0"'), "0");
  assert.equal(parseParameterValue("demo"), "demo");
  assert.equal(parseParameterValue("[not json"), "[not json");
  assert.equal(toTypeScriptLiteral("it's \"q\""), '"it\'s \\"q\\""');
  assert.throws(() => toTypeScriptLiteral(NaN), /finite/);
});

test("declared parameters are the top-level const/let/var names", () => {
  assert.deepEqual(declaredParameters('const profile = "demo";\nlet seeds = [0, 1];\n  var n = 3; // x\nfoo(const_like)'), ["profile", "seeds", "n"]);
});

test("the injected cell follows the parameters cell, is tagged, and replaces an earlier one", () => {
  const nb = makeNotebook(["md:# t", ["parameters", 'const profile = "demo";\nconst n = 1;'], "n + 1"]);
  const once = injectParameters(nb, { profile: "ci", n: 4 });
  const twice = injectParameters(once, { n: 5 });
  for (const [out, n] of [[once, 4], [twice, 5]] as const) {
    const cell = out.cells[2];
    assert.equal(cell.cell_type, "code");
    assert.deepEqual(cell.metadata.tags, ["injected-parameters"]);
    assert.match(sourceText(cell.source), new RegExp(`const n = ${n};`));
    assert.equal(out.cells.length, 4);
    assert.equal(sourceText(out.cells[3].source), "n + 1");
  }
  assert.match(sourceText(once.cells[2].source), /const profile = "ci";/);
  assert.doesNotMatch(sourceText(twice.cells[2].source), /profile/);
});

test("unknown parameters and notebooks without a parameters cell are errors naming them", () => {
  const nb = makeNotebook([["parameters", 'const profile = "demo";'], "1"]);
  assert.throws(() => injectParameters(nb, { profil: "ci" }, "01-x.ipynb"), /01-x.ipynb: unknown parameter profil; the parameters cell declares profile/);
  assert.throws(() => injectParameters(makeNotebook(["1"]), { a: 1 }, "02-y.ipynb"), /02-y.ipynb has no cell tagged 'parameters'/);
  assert.equal(injectParameters(makeNotebook(["1"]), {}).cells.length, 1);
});
