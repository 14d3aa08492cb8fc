/**
 * The README's two commands, run the way a newcomer runs them: in a fresh copy of this working tree
 * (tracked and untracked files, as a clone of it would hold once committed) with nothing beside it (no
 * ../shared, no DALA_* settings), `npm install`, then the README's reproduce and test commands. Both must
 * exit 0 and leave `git status` clean. The reproduce command runs under the `ci` profile (the demo takes
 * 20 minutes); the inner test run skips this file, or it would recurse.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { REPO } from "../paths";

const INNER = "DALA_FRESH_CLONE";

/** The shell lines of the README's "Two commands" section, comments dropped. */
export function readmeCommands(readme: string): string[] {
  const section = /^## Two commands\n([\s\S]*?)^## /m.exec(readme);
  if (!section) throw new Error("README.md has no '## Two commands' section");
  const blocks = [...section[1].matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  return blocks.flatMap((b) => b.split("\n")).map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean);
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** A new repository holding this working tree's files (what `git clone` gives once they are committed). */
function copyWorkingTree(into: string): void {
  const files = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0").filter(Boolean);
  for (const f of files) {
    const from = path.join(REPO, f);
    if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet in the index
    fs.mkdirSync(path.dirname(path.join(into, f)), { recursive: true });
    fs.copyFileSync(from, path.join(into, f));
    fs.chmodSync(path.join(into, f), fs.statSync(from).mode);
  }
  git(into, "init", "-q");
  git(into, "add", "-A");
  git(into, "-c", "user.name=newcomer", "-c", "user.email=newcomer@example.org", "commit", "-q", "-m", "fresh clone");
}

/** The environment of someone who has only the clone: no kit settings, no fixture or paper paths. */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DALA_") && !k.startsWith("NODE_TEST")));
  return { ...env, [INNER]: "1", CI: "" };
}

test("README: npm install, the reproduce command and the test command pass in a fresh clone with nothing beside it", { skip: process.env[INNER] ? "inside the fresh-clone run itself" : false, timeout: 3_600_000 }, () => {
  const commands = readmeCommands(fs.readFileSync(path.join(REPO, "README.md"), "utf8"));
  assert.deepEqual(commands, ["npm install", "npm run reproduce", "npm test"], "the README's two commands changed: update this test with them");
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "dala-newcomer-"));
  const clone = path.join(parent, "kit");
  fs.mkdirSync(clone);
  copyWorkingTree(clone);
  assert.ok(!fs.existsSync(path.join(parent, "shared")));
  const run = (line: string) => {
    // --prefer-offline: the packages come from this machine's npm cache when it has them
    const cmd = line === "npm install" ? "npm install --prefer-offline --no-audit --no-fund" : line === "npm run reproduce" ? "npm run reproduce -- --profile ci" : line;
    const r = spawnSync("bash", ["-c", cmd], { cwd: clone, env: newcomerEnv(), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.status, 0, `'${cmd}' in the fresh clone exited ${r.status}:\n${(r.stdout + r.stderr).slice(-6000)}`);
    assert.equal(git(clone, "status", "--porcelain"), "", `'${cmd}' left the clone dirty`);
  };
  for (const line of commands) run(line);
  fs.rmSync(parent, { recursive: true, force: true });
});
