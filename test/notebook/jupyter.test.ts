import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { REPO } from "../paths";
import { readNotebook, sourceText } from "../../src/notebook/nbformat";
import { dala, tempDir } from "./helpers";

// Reviewers run the notebooks in real Jupyter; this keeps that route from rotting. Debian's
// nbconvert lives under /usr/bin/python3 (the python3 first on PATH may be another interpreter).
const PYTHON = "/usr/bin/python3";
const hasNbconvert = fs.existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import nbconvert, nbclient"]).status === 0;

test(
  "notebook 00 runs under real Jupyter (nbconvert --execute) with the kit's tslab kernel",
  { skip: hasNbconvert ? false : "Jupyter is not installed: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel", timeout: 300_000 },
  () => {
    const dir = tempDir("dala-jupyter-");
    const install = dala(["jupyter", "install", "--prefix", dir]);
    assert.equal(install.code, 0, install.stderr);
    const out = path.join(dir, "00-environment.nbconvert.ipynb");
    const r = spawnSync(
      PYTHON,
      ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=dala-tslab", "--ExecutePreprocessor.timeout=300", "--output", out, path.join(REPO, "notebooks", "00-environment.ipynb")],
      { encoding: "utf8", env: { ...process.env, JUPYTER_PATH: path.join(dir, "share", "jupyter") }, timeout: 300_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const shown = readNotebook(out)
      .cells.flatMap((c) => (c.cell_type === "code" ? c.outputs : []))
      .map((o) => (o.output_type === "display_data" ? sourceText(o.data["text/markdown"] as string[]) : ""))
      .join("\n");
    assert.match(shown, /\| chosen backend \| (node-gpu|node|wasm|cpu) /);
    assert.match(shown, /\| Profile `demo` \|/);
  },
);
