/**
 * Notebooks import src/paper and src/report through tslab, which compiles them with its own
 * TypeScript 5.0 and no DOM library: a construct that passes tsc here can still break there.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { TslabEngine } from "../../src/notebook/tslab-engine";
import { REPO } from "../paths";
import { tempResults } from "./helpers";

test("the paper and report modules compile and run inside tslab", async () => {
  const dir = tempResults();
  const engine = new TslabEngine(REPO);
  try {
    const r = await engine.execute(
      [
        `import { paperNumber } from "./src/paper/paper-tables";`,
        `import { comparePaper, writeComparison, displayComparison, writeResultsIndex } from "./src/report";`,
        `import { notebookContext } from "./src/reproduction/notebook-context";`,
        `const ctx = notebookContext({ resultsDir: ${JSON.stringify(dir)}, profile: "paper", dataset: "BreakHis 40X", notebook: "tslab.ipynb" });`,
        `const c = comparePaper([{ table: 7, model: "DALAResNet50", magnification: "40X", metric: "accuracy", kit: 0.9 }]);`,
        `writeComparison(ctx, "t7", c, { title: "T7" });`,
        `displayComparison(c, { title: "T7", synthetic: true });`,
        `console.log(paperNumber({ table: 3, class: "all", magnification: "40X" }), writeResultsIndex(ctx.resultsDir).index.differences.length);`,
      ].join("\n"),
      1,
    );
    assert.ok(r.ok, JSON.stringify(r.error));
    const kinds = r.outputs.map((o: any) => o.output_type);
    assert.deepEqual(kinds, ["display_data", "stream"]);
    assert.equal([(r.outputs[1] as any).text].flat().join(""), "1995 1\n");
    assert.ok((r.outputs[0] as any).data["text/html"].includes("kit (synthetic data)"));
  } finally {
    engine.close();
  }
});
