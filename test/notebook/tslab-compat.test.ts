import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../paths";
import { dala, makeNotebook, tempDir, writeTempNotebook } from "./helpers";

/** Every module under src/, as notebooks import it (`./src/a/b`). */
function srcModules(dir = path.join(REPO, "src")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return srcModules(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? ["./" + path.relative(REPO, p).replace(/\.ts$/, "").split(path.sep).join("/")] : [];
  });
}

// tslab compiles notebook imports itself (CommonJS, bundled TypeScript 5.0); tsx, which runs the CLI
// and the tests, accepts more. This catches a src/ module that only one of them can load.
test("every src/ module compiles and loads under tslab, as notebooks import it", { timeout: 600_000 }, () => {
  const modules = srcModules();
  const dir = tempDir();
  const cells = modules.map((m, i) => `import * as m${i} from "${m}";\nObject.keys(m${i}).length >= 0 ? "${m}" : ""`);
  const input = writeTempNotebook(dir, "compat.ipynb", makeNotebook(cells));
  const r = dala(["notebook", input, path.join(dir, "out.ipynb"), "--quiet"]);
  const failed = /cell (\d+) failed/.exec(r.stderr);
  assert.equal(r.code, 0, failed ? `${modules[Number(failed[1])]} does not load under tslab:\n${r.stderr}` : r.stderr);
});
