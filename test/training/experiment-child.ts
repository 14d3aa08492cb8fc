/**
 * Child process for the run-lock tests: runs the experiment of the request (JSON) with tiny fakes into
 * RESULTS, its data taking DATA_DELAY_MS to load, logging to stderr; prints its PID and the outcome as
 * one JSON line on stdout.
 */
import { initBackend } from "../../src/backend/index";
import { runExperiment } from "../../src/experiments/run";
import { buildSpec } from "../../src/experiments/spec";
import { fakeDeps } from "./fake-deps";

const [resultsRoot, request] = process.argv.slice(2);

(async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const outcome = await runExperiment(buildSpec(JSON.parse(request)), {
    resultsRoot,
    deps: fakeDeps([], Number(process.env.DATA_DELAY_MS ?? 0)),
    progress: false,
  });
  process.stdout.write(JSON.stringify({ pid: process.pid, reused: outcome.reused, metrics: outcome.metrics }) + "\n");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
