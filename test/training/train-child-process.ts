/** Runs train-child.ts on a run directory and SIGKILLs it as soon as it says HANGING (see train-child.ts). */
import * as path from "node:path";
import { spawn } from "node:child_process";

export interface ChildHang {
  inEpoch?: number;
  inCheckpoint?: number;
}

export function runChild(dir: string, mode: "fresh" | "resume", hang: ChildHang = {}, scenario: "tiny" | "full-width" = "tiny"): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "train-child.ts"), dir, mode], {
      env: { ...process.env, SCENARIO: scenario, HANG_IN_EPOCH: String(hang.inEpoch ?? ""), HANG_IN_CHECKPOINT: String(hang.inCheckpoint ?? "") },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("HANGING")) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, out }));
  });
}
