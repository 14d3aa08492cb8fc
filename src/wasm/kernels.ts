/**
 * Kernels the wasm backend lacks (or has only as slow scalar loops) for training and CAMs, registered
 * on top of tfjs's own once the backend is initialised.
 */
import * as tf from "@tensorflow/tfjs";
import { conv2dBackpropFilterConfig } from "./conv2d-backprop-filter";
import { conv2dBackpropInputConfig } from "./conv2d-backprop-input";
import { unsortedSegmentSumConfig } from "./unsorted-segment-sum";

export const WASM_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/** Registers (or replaces) the kit's wasm kernels; calling it again is harmless. */
export function registerWasmKernels(): void {
  for (const config of WASM_KERNELS) {
    const existing = tf.getKernel(config.kernelName, "wasm");
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing) tf.unregisterKernel(config.kernelName, "wasm");
    tf.registerKernel(config);
  }
}
