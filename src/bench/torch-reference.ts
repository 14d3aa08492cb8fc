/**
 * The PyTorch reference measurements (torchvision ResNet50 on the same machine, same sizes and batch
 * sizes), run through Debian's /usr/bin/python3 when it has torch; skipped with the reason otherwise.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { batchSizes, timingOptions } from "./suite";
import { BenchRecord, recordFrom } from "./workload";

export const SYSTEM_PYTHON = "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "torch_resnet50.py");

/** Why the reference cannot run, or undefined when it can. */
export function torchUnavailable(python = SYSTEM_PYTHON): string | undefined {
  if (!fs.existsSync(python)) return `${python} not found`;
  const probe = spawnSync(python, ["-c", "import torch, torchvision"], { encoding: "utf8" });
  if (probe.status !== 0) {
    return `${python} has no torch/torchvision (apt-get install python3-torch python3-torchvision)`;
  }
  return undefined;
}

export interface TorchReference {
  versions: { torch: string; torchvision: string };
  records: BenchRecord[];
}

export function runTorchReference(sizes: number[], quick: boolean, threads: number): TorchReference {
  const jobs = sizes.flatMap((size) => {
    const b = batchSizes(size, quick);
    return [
      { kind: "forward", size, batch: b.forward },
      { kind: "train-step", size, batch: b.train },
    ];
  });
  const plan = { threads, timing: timingOptions(quick), jobs };
  const out = execFileSync(SYSTEM_PYTHON, [SCRIPT, JSON.stringify(plan)], { encoding: "utf8", maxBuffer: 1 << 20 });
  const parsed = JSON.parse(out.trim().split("\n").pop()!);
  return {
    versions: { torch: parsed.torch, torchvision: parsed.torchvision },
    records: parsed.records.map((r: { kind: "forward" | "train-step"; size: number; batch: number; runs: number; medianMs: number }) =>
      recordFrom({ backend: "pytorch", threads: parsed.threads, kind: r.kind, model: "resnet50", size: r.size, batch: r.batch }, r),
    ),
  };
}
