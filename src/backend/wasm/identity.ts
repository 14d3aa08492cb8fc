/**
 * Identity for the wasm backend without a copy. tfjs-core clones every tensor it saves for the backward
 * pass through this kernel, and wasm's own Identity copies the data: each saved activation cost a full
 * copy in time (81 ms of a ResNet50 training step at batch 8) and in heap. Sharing the buffer, as the
 * cpu backend and wasm's own Reshape do, is safe because tfjs kernels never write into their inputs;
 * the backend's reference count frees the buffer when the last tensor using it is disposed.
 */
import * as tf from "@tensorflow/tfjs";
import { stockWasmKernel } from "./stock-kernels";

export const identityConfig: tf.KernelConfig = {
  kernelName: tf.Identity,
  backendName: "wasm",
  kernelFunc: (args) => {
    const { x } = args.inputs as unknown as { x: tf.TensorInfo };
    if (x.dtype === "string") return stockWasmKernel(tf.Identity)(args);
    (args.backend as unknown as { incRef(dataId: tf.DataId): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  },
};
