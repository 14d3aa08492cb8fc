/**
 * What `initBackend` runs for wasm (hooked in by src/backend/index.ts): the threaded build first, the
 * single-threaded build when threads are not wanted or do not start, then the extra kernels.
 */
import type { BackendInfo } from "../index";
import { registerWasmKernels } from "./kernels";
import { requestedWasmThreads, startThreadedWasm } from "./threads";

export async function prepareWasmBackend(): Promise<Partial<BackendInfo>> {
  const { threads, fallbackReason } = await startThreadedWasm(requestedWasmThreads());
  return fallbackReason ? { threads, notes: [`single-threaded wasm: ${fallbackReason}`] } : { threads };
}

export function completeWasmBackend(): void {
  registerWasmKernels();
}
