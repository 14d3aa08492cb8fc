/**
 * Ratios against the PyTorch reference and the speed targets, and the text table of a bench
 * run. Ratios only compare numbers from the same invocation (the machine is shared and noisy).
 */
import type { BenchRecord } from "./workload";
import type { BackendInfo } from "../backend/index";
import { adapterSummary } from "../backend/webgpu/adapter";

/** Workloads that PyTorch runs too: the frozen-trunk tail and the CAMs have no PyTorch counterpart. */
const COMPARED_KINDS = ["forward", "forward-folded-bn", "train-step"] as const;

export interface Ratio {
  backend: string;
  kind: (typeof COMPARED_KINDS)[number];
  model: string;
  size: number;
  /** kit ms/image divided by PyTorch ms/image: 2 means half PyTorch's speed. */
  timesSlowerThanPytorch: number;
}

export function pytorchRatios(records: readonly BenchRecord[]): Ratio[] {
  const reference = records.filter((r) => r.backend === "pytorch");
  const out: Ratio[] = [];
  for (const r of records) {
    const kind = COMPARED_KINDS.find((k) => k === r.kind);
    if (r.backend === "pytorch" || r.model !== "resnet50" || !kind) continue;
    // PyTorch's eval-mode forward is the reference for both of the kit's inference paths.
    const refKind = kind === "forward-folded-bn" ? "forward" : kind;
    const ref = reference.find((p) => p.kind === refKind && p.size === r.size);
    if (ref) out.push({ backend: r.backend, kind, model: r.model, size: r.size, timesSlowerThanPytorch: r.msPerImage / ref.msPerImage });
  }
  return out;
}

/**
 * The targets on a 2-core CPU: train within 4x PyTorch, forward within 3x, DT Grad-CAM under 1 s/image
 * at 224 px. For each backend in `gpuBackends` (a hardware adapter), the GPU targets too: a ResNet50 training
 * step at least 10x faster per image than wasm in the same run, DT Grad-CAM under 100 ms/image.
 */
export interface TargetCheck {
  target: string;
  backend: string;
  value: number;
  met: boolean;
}

export function targetChecks(records: readonly BenchRecord[], ratios: readonly Ratio[], gpuBackends: readonly string[] = []): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const r of ratios.filter((q) => q.size === 224)) {
    const limit = r.kind === "train-step" ? 4 : 3;
    checks.push({ target: `ResNet50 ${r.kind} 224 px within ${limit}x PyTorch`, backend: r.backend, value: r.timesSlowerThanPytorch, met: r.timesSlowerThanPytorch <= limit });
  }
  for (const r of records.filter((q) => q.kind === "dt-gradcam" && q.size === 224)) {
    checks.push({ target: "DT Grad-CAM (N = 8) 224 px under 1 s/image", backend: r.backend, value: r.msPerImage / 1000, met: r.msPerImage < 1000 });
  }
  const at224 = (backend: string, kind: BenchRecord["kind"], model?: string) =>
    records.find((r) => r.backend === backend && r.kind === kind && r.size === 224 && (model === undefined || r.model === model));
  for (const gpu of gpuBackends) {
    const train = at224(gpu, "train-step", "resnet50");
    const wasmTrain = at224("wasm", "train-step", "resnet50");
    if (train && wasmTrain) {
      const speedup = wasmTrain.msPerImage / train.msPerImage;
      checks.push({ target: `ResNet50 train-step 224 px (batch ${train.batch}) at least 10x faster per image than wasm`, backend: gpu, value: speedup, met: speedup >= 10 });
    }
    const cam = at224(gpu, "dt-gradcam");
    if (cam) checks.push({ target: "DT Grad-CAM (N = 8) 224 px under 100 ms/image on a GPU", backend: gpu, value: cam.msPerImage / 1000, met: cam.msPerImage < 100 });
  }
  return checks;
}

/** Backends that ran on a GPU through WebGPU, for the GPU targets. */
export function hardwareGpuBackends(backends: readonly BackendInfo[]): string[] {
  return backends.filter((b) => b.adapter && !b.adapter.software).map((b) => b.name);
}

/** What the reader must know before reading a backend's numbers: the adapter webgpu ran on, and when it was no GPU. */
export function adapterNotes(backends: readonly BackendInfo[]): string[] {
  return backends.flatMap((b) => {
    if (!b.adapter) return [];
    const where = `${b.name} ran on ${adapterSummary(b.adapter)}`;
    return [b.adapter.software ? `${where}. A software adapter emulates a GPU on the CPU: its numbers mean nothing for GPU speed.` : where];
  });
}

export function formatTable(records: readonly BenchRecord[], ratios: readonly Ratio[], checks: readonly TargetCheck[]): string {
  const lines = [
    `${"backend".padEnd(9)}${"thr".padStart(4)}  ${"workload".padEnd(25)}${"model".padEnd(14)}${"px".padStart(4)}${"batch".padStart(6)}${"ms/img".padStart(10)}${"img/s".padStart(9)}`,
  ];
  for (const r of records) {
    lines.push(
      `${r.backend.padEnd(9)}${String(r.threads).padStart(4)}  ${r.kind.padEnd(25)}${(r.model ?? "-").padEnd(14)}${String(r.size).padStart(4)}` +
        `${String(r.batch).padStart(6)}${r.msPerImage.toFixed(1).padStart(10)}${r.imagesPerSecond.toFixed(2).padStart(9)}`,
    );
  }
  if (ratios.length) {
    lines.push("", "vs PyTorch (same machine, same run; x = times slower per image):");
    for (const q of ratios) lines.push(`  ${q.backend} ${q.kind} ${q.model} ${q.size} px: ${q.timesSlowerThanPytorch.toFixed(2)}x`);
  }
  if (checks.length) {
    lines.push("", "targets:");
    for (const c of checks) lines.push(`  [${c.met ? "met" : "not met"}] ${c.target} (${c.backend}): ${c.value.toFixed(2)}`);
  }
  return lines.join("\n");
}
