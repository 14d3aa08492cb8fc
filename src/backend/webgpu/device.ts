/**
 * tfjs's WebGPU backend, created on the adapter the kit chose and recorded. tfjs's own factory asks
 * Dawn for an adapter again; replacing it makes the adapter in the provenance the one that computes.
 * The device asks for the adapter's maxima of the limits tfjs sizes its buffers and dispatches by, as
 * tfjs's factory does.
 */
import * as tf from "@tensorflow/tfjs";
import type { GpuAdapter } from "./dawn";

const RAISED_LIMITS = [
  "maxComputeWorkgroupStorageSize",
  "maxComputeWorkgroupsPerDimension",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxComputeWorkgroupSizeX",
  "maxComputeInvocationsPerWorkgroup",
] as const;

export function registerWebGpuFactory(adapter: GpuAdapter): void {
  const { WebGPUBackend } = require("@tensorflow/tfjs-backend-webgpu") as {
    WebGPUBackend: new (device: unknown, adapterInfo: unknown) => tf.KernelBackend;
  };
  if (tf.findBackendFactory("webgpu")) tf.removeBackend("webgpu");
  tf.registerBackend("webgpu", async () => {
    const requiredFeatures = ["timestamp-query", "bgra8unorm-storage"].filter((f) => adapter.features.has(f));
    const requiredLimits = Object.fromEntries(RAISED_LIMITS.map((k) => [k, adapter.limits[k]]));
    const device = (await adapter.requestDevice({ requiredFeatures, requiredLimits })) as { lost: Promise<{ reason: string; message: string }> };
    // A lost device (driver reset, out of memory on some drivers) fails every later kernel: say why once.
    device.lost.then((info) => {
      if (info.reason !== "destroyed") console.error(`[dala] the WebGPU device was lost: ${info.message}`);
    });
    return new WebGPUBackend(device, adapter.info);
  });
}
