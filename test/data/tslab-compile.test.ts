/**
 * Notebooks 01 and 02 import the data modules through tslab, which compiles them with its own
 * TypeScript 5.0: a construct that passes tsc here can still break there.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TslabEngine } from "../../src/notebook/tslab-engine";
import { REPO } from "../paths";

test("the data modules compile and run inside tslab", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-tslab-data-"));
  const engine = new TslabEngine(REPO);
  try {
    const r = await engine.execute(
      [
        `import { generateSynthetic } from "./src/data/synthetic/generate";`,
        `import { classCounts } from "./src/data/manifest/types";`,
        `import { manifestDataFrame } from "./src/data/manifest/io";`,
        `import { makeSplit } from "./src/data/split/io";`,
        `import { leakageReport } from "./src/data/split/leakage";`,
        `import { openImageSource } from "./src/data/pipeline/image-source";`,
        `import { REAL_DATASETS } from "./src/data/manifest/index";`,
        `import { fetchDataset } from "./src/data/fetch/fetch-dataset";`,
        `const m = await generateSynthetic(${JSON.stringify(dir)}, { flavour: "synthetic-miniddsm", count: 10, size: 16, seed: 0 });`,
        `const s = makeSplit(m, "patient", 0);`,
        `const src = await openImageSource(m, { cacheDir: ${JSON.stringify(path.join(dir, "cache"))}, size: 8 }, { rows: s.train });`,
        `console.log(classCounts(m).join(","), manifestDataFrame(m).shape.join("x"), leakageReport(s, m.rows.map((r) => r.patient)).sharedPatients, src.length === s.train.length, typeof fetchDataset, Object.keys(REAL_DATASETS).length);`,
      ].join("\n"),
      1,
    );
    assert.ok(r.ok, JSON.stringify(r.error));
    const text = r.outputs.map((o: any) => [o.text ?? ""].flat().join("")).join("");
    // 10 images at shares .25/.35/.40: 2.5/3.5/4, the tie for the last one goes to the first class.
    assert.match(text, /3,3,4 10x8 0 true function 3\n$/);
  } finally {
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
