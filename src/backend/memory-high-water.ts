/**
 * The memory a process has needed so far, as high-water marks: the wasm heap only grows, so its size is the
 * most the backend has held at once; on webgpu tfjs's buffer pool never shrinks either, so what it has
 * allocated is the high-water mark of GPU buffers; and the OS's peak resident set covers everything else.
 * tf.memory()'s tensor bytes are not used: they count a buffer once per tensor sharing it.
 */
import * as tf from "@tensorflow/tfjs";

export interface MemoryHighWater {
  /** Peak resident set of the process (getrusage's maxrss). */
  peakRssBytes: number;
  /** wasm backend: the heap's size, of at most 4 GiB. */
  wasmHeapBytes?: number;
  /** webgpu backend: GPU buffers tfjs has allocated. */
  gpuBufferBytes?: number;
}

export function memoryHighWater(): MemoryHighWater {
  const mark: MemoryHighWater = { peakRssBytes: process.resourceUsage().maxRSS * 1024 };
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8?.buffer.byteLength;
  if (heap) mark.wasmHeapBytes = heap;
  const gpu = (tf.memory() as { numBytesAllocatedInGPU?: number }).numBytesAllocatedInGPU;
  if (gpu) mark.gpuBufferBytes = gpu;
  return mark;
}
