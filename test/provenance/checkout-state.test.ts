import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { checkoutState } from "../../src/provenance";

test("checkout state: a changed tracked result file leaves the checkout clean, a changed source file does not", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dala-checkout-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] }).toString().trim();
  try {
    git("init", "-q");
    fs.mkdirSync(path.join(root, "src"));
    fs.mkdirSync(path.join(root, "results", "study"), { recursive: true });
    fs.writeFileSync(path.join(root, "src", "a.ts"), "export const a = 1;\n");
    fs.writeFileSync(path.join(root, "results", "study", "claims.json"), "{}\n");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
    const head = git("rev-parse", "HEAD");
    assert.deepEqual(checkoutState(root), { commit: head, dirty: false });
    fs.writeFileSync(path.join(root, "results", "study", "claims.json"), '{"verdicts": []}\n');
    fs.rmSync(path.join(root, "results", "study", "claims.json"));
    assert.deepEqual(checkoutState(root), { commit: head, dirty: false }, "results/ is output, not code");
    fs.writeFileSync(path.join(root, "src", "a.ts"), "export const a = 2;\n");
    assert.deepEqual(checkoutState(root), { commit: head, dirty: true });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  assert.equal(checkoutState(os.tmpdir()).commit, "unknown (not a git checkout)");
});
