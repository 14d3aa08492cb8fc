/** Runs train-child.ts on a run directory, SIGKILLed where it says HANGING (see train-child.ts). */
import * as path from "node:path";
import { runKilledWhenHanging, type ChildExit } from "../io/kill-when-hanging";

export interface ChildHang {
  inEpoch?: number;
  inCheckpoint?: number;
}

export function runChild(dir: string, mode: "fresh" | "resume", hang: ChildHang = {}, scenario: "tiny" | "full-width" = "tiny"): Promise<ChildExit> {
  return runKilledWhenHanging(path.join(__dirname, "train-child.ts"), [dir, mode], {
    SCENARIO: scenario,
    HANG_IN_EPOCH: String(hang.inEpoch ?? ""),
    HANG_IN_CHECKPOINT: String(hang.inCheckpoint ?? ""),
  });
}
