/**
 * Which WebGPU adapter ran, as every result file records it, and whether the kit picks it on its own.
 *
 * A software adapter (Mesa's llvmpipe, which is how CI tests the WebGPU path on a CPU) computes
 * correctly but slower than the wasm backend, so it is used only when asked for (`DALA_BACKEND=webgpu`).
 */
import type { GpuAdapter } from "./dawn";

export interface WebGpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  /** The driver's own description, e.g. "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)" or an NVIDIA driver string. */
  description: string;
  /** A CPU implementing WebGPU in software rather than a GPU. */
  software: boolean;
  /** The largest single buffer, and the largest one a kernel may bind: the largest tensor the backend holds. */
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

export function describeAdapter(adapter: GpuAdapter): WebGpuAdapterInfo {
  const { vendor, architecture, device, description, isFallbackAdapter } = adapter.info;
  return {
    vendor,
    architecture,
    device,
    description,
    // Dawn flags llvmpipe as a fallback adapter and its architecture as 'software'; either suffices.
    software: isFallbackAdapter === true || architecture === "software",
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
  };
}

/** One line naming the adapter, for the backend log line, `dala env` and notebook 00. */
export function adapterSummary(a: WebGpuAdapterInfo): string {
  const name = [`vendor ${a.vendor || "?"}`, `architecture ${a.architecture || "?"}`, `device ${a.device || "?"}`].join(", ");
  return `${a.software ? "software adapter" : "GPU"}: ${name}; driver: ${a.description || "not reported"}`;
}

/** Why the kit does not pick this adapter on its own, or undefined when it does (or was told to). */
export function adapterRefusal(a: WebGpuAdapterInfo, forced: boolean): string | undefined {
  if (forced || !a.software) return undefined;
  return `Dawn found only a software adapter (${adapterSummary(a)}), slower than wasm; DALA_BACKEND=webgpu uses it anyway`;
}
