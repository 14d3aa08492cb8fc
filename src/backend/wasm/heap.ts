/**
 * Direct access to tensors' memory in the wasm heap, for the kit's kernels that are plain loops.
 * A view stays valid only until the next allocation (the heap may grow and move its buffer), so take
 * views after allocating every tensor the loop needs.
 */
import * as tf from "@tensorflow/tfjs";

export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** The active wasm backend's heap accessors. */
export function wasmHeap(): WasmHeapBackend {
  if (tf.getBackend() !== "wasm") throw new Error(`wasm heap access on the '${tf.getBackend()}' backend`);
  return tf.backend() as unknown as WasmHeapBackend;
}

/** A float32 tensor's values as a view into the heap (no copy). */
export function heapFloats(t: tf.TensorInfo): Float32Array {
  if (t.dtype !== "float32") throw new Error(`heapFloats: expected float32, got ${t.dtype}`);
  return wasmHeap().typedArrayFromHeap(t) as Float32Array;
}
