/**
 * Child process for the resume tests: runs the scenario in RUN_DIR. With HANG_IN_EPOCH=k it stops
 * responding after two passes of epoch k (an optimizer step already applied in memory, not yet
 * checkpointed); with HANG_IN_CHECKPOINT=k it stops halfway through writing epoch k's last
 * checkpoint. Either way it prints HANGING, so the parent can SIGKILL it there. SCENARIO=full-width runs
 * the paper-scale scenario on wasm instead of the tiny one on the cpu backend.
 */
import * as path from "node:path";
import { initBackend } from "../../src/backend/index";
import { hangHalfwayThroughWrite } from "../io/hang-mid-write";
import { runFullWidthScenario, runScenario } from "./scenario";

const [runDir, mode] = process.argv.slice(2);
const hangIn = Number(process.env.HANG_IN_EPOCH ?? 0);
const hangInCheckpoint = Number(process.env.HANG_IN_CHECKPOINT ?? 0);
const last = path.join(runDir, "last.safetensors");
if (hangInCheckpoint) hangHalfwayThroughWrite((f) => f.startsWith(`${last}.tmp-`), hangInCheckpoint);

(async () => {
  const fullWidth = process.env.SCENARIO === "full-width";
  await initBackend({ backend: fullWidth ? "wasm" : "cpu", quiet: true });
  await (fullWidth ? runFullWidthScenario : runScenario)(runDir, {
    resume: mode === "resume",
    onMicroBatch: async ({ epoch, imagesDone }) => {
      if (epoch === hangIn && imagesDone === 8) {
        process.stdout.write("HANGING\n");
        await new Promise(() => setInterval(() => undefined, 1000));
      }
    },
  });
  process.stdout.write("FINISHED\n");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
