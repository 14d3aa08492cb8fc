/**
 * tfjs's own wasm kernels that the kit replaces, kept so a replacement can hand back the cases it does
 * not cover (e.g. string tensors).
 */
import * as tf from "@tensorflow/tfjs";

const stock = new Map<string, tf.KernelFunc>();

/** Remembers tfjs's kernel before the kit registers its own under the same name. */
export function rememberStockWasmKernel(name: string): void {
  const existing = tf.getKernel(name, "wasm");
  if (existing && !stock.has(name)) stock.set(name, existing.kernelFunc);
}

export function stockWasmKernel(name: string): tf.KernelFunc {
  const func = stock.get(name);
  if (!func) throw new Error(`wasm: tfjs's own ${name} kernel was not recorded before the kit replaced it`);
  return func;
}
