/**
 * Kernels the wasm backend lacks (or has only as slow scalar loops, or as needless copies) for training
 * and CAMs, registered on top of tfjs's own once the backend is initialised.
 */
import * as tf from "@tensorflow/tfjs";
import { conv2dBackpropFilterConfig } from "./conv2d-backprop-filter";
import { conv2dBackpropInputConfig } from "./conv2d-backprop-input";
import { unsortedSegmentSumConfig } from "./unsorted-segment-sum";
import { identityConfig } from "./identity";
import { maxPoolGradConfig } from "./max-pool-grad";
import { sliceConfig } from "./slice";
import { rememberStockWasmKernel } from "./stock-kernels";

export const WASM_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  unsortedSegmentSumConfig,
  identityConfig,
  maxPoolGradConfig,
  sliceConfig,
];

/** Registers (or replaces) the kit's wasm kernels; calling it again is harmless. */
export function registerWasmKernels(): void {
  for (const config of WASM_KERNELS) {
    const existing = tf.getKernel(config.kernelName, "wasm");
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing) {
      rememberStockWasmKernel(config.kernelName);
      tf.unregisterKernel(config.kernelName, "wasm");
    }
    tf.registerKernel(config);
  }
}
