/**
 * The route the README gives for spreading a grid over cores: `dala plan | parallel -j 2`. Run that way,
 * with every line given twice in a row so that two processes start the same run at the same moment, the
 * results must equal a serial run's and each run must be trained once. Needs GNU parallel (Debian's
 * `parallel`); skips with a message without it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RESULT_FILES } from "../../src/experiments/run-dir";
import { REPO } from "../paths";

const DALA = path.join(REPO, "bin", "dala.cjs");
const hasParallel = spawnSync("parallel", ["--version"], { encoding: "utf8" }).stdout?.startsWith("GNU parallel") ?? false;

function sh(command: string, cwd: string): { stdout: string; stderr: string } {
  const r = spawnSync("bash", ["-o", "pipefail", "-c", command], { cwd, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  assert.equal(r.status, 0, `${command}\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** What a run computed, without what depends on when and where it ran (times, PIDs, paths). */
function computed(runDir: string) {
  const metrics = JSON.parse(fs.readFileSync(path.join(runDir, RESULT_FILES.metrics), "utf8"));
  return {
    evaluatedEpoch: metrics.evaluatedEpoch,
    testLoss: metrics.testLoss,
    test: metrics.test,
    bestEpoch: metrics.convergence.bestEpoch,
    predictions: fs.readFileSync(path.join(runDir, RESULT_FILES.testPredictions)).toString("base64"),
  };
}

test("dala plan through GNU parallel (2 jobs, each run started twice at once) gives the serial run's results, each run trained once", { skip: hasParallel ? false : "needs GNU parallel (apt-get install parallel)" }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dala-plan-parallel-"));
  const plan = (results: string) => sh(`node ${DALA} plan --profile ci --group ablation --seeds 0 --results ${results}`, REPO).stdout.trim().split("\n");
  const serial = plan(path.join(root, "serial"));
  const parallel = plan(path.join(root, "parallel"));
  assert.equal(serial.length, 4, "the ci ablation: the attention module after layer 1-4, seed 0");

  sh(serial.join("\n"), REPO);
  fs.writeFileSync(path.join(root, "twice.txt"), parallel.flatMap((line) => [line, line]).join("\n") + "\n");
  const { stderr } = sh(`parallel --will-cite -j 2 --halt now,fail=1 < ${path.join(root, "twice.txt")}`, REPO);

  const keys = fs.readdirSync(path.join(root, "serial", "runs")).sort();
  assert.deepEqual(fs.readdirSync(path.join(root, "parallel", "runs")).sort(), keys);
  for (const key of keys) {
    const dir = path.join(root, "parallel", "runs", key);
    assert.equal(stderr.split(`training in ${dir}`).length - 1, 1, `${key} trained exactly once`);
    assert.ok(!fs.existsSync(path.join(dir, RESULT_FILES.lock)), `${key}: the lock is released`);
    assert.deepEqual(computed(dir), computed(path.join(root, "serial", "runs", key)), `${key}: the same results as the serial run`);
  }
  assert.equal(stderr.split("finished earlier, reusing").length - 1, keys.length, "the second copy of each line reused the first's run");
});
