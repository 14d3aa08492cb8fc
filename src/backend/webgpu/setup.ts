/**
 * What `initBackend` runs for webgpu (hooked in by src/backend/index.ts): load Dawn, choose its
 * high-performance adapter, refuse a software one unless webgpu was asked for, and start tfjs's WebGPU
 * backend on it; then the kit's guard against tensors too large to bind.
 */
import type { BackendInfo } from "../index";
import { adapterRefusal, adapterSummary, describeAdapter } from "./adapter";
import { dawnLoadFailure, installWebGpuGlobals, loadDawn } from "./dawn";
import { registerWebGpuFactory } from "./device";
import { guardBindingSizes } from "./binding-guard";

/** Throws (with the reason in words) when webgpu should not or cannot start here. */
export async function prepareWebGpuBackend({ forced }: { forced: boolean }): Promise<Partial<BackendInfo>> {
  let dawn;
  try {
    dawn = await loadDawn();
  } catch (e) {
    throw new Error(dawnLoadFailure(e));
  }
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (!adapter) {
    throw new Error("Dawn found no WebGPU adapter: it needs a GPU driver with Vulkan (Linux), Metal (macOS) or D3D12 (Windows); see environment.md");
  }
  const info = describeAdapter(adapter);
  const refusal = adapterRefusal(info, forced);
  if (refusal) throw new Error(refusal);
  installWebGpuGlobals(dawn, gpu);
  registerWebGpuFactory(adapter);
  return { adapter: info, notes: [`WebGPU adapter: ${adapterSummary(info)}`] };
}

export function completeWebGpuBackend(): void {
  guardBindingSizes();
}
