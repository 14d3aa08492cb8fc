/**
 * What one synchronous step (a training pass, a measured pass) asked of the GPU: the peak of the bytes
 * tfjs held in GPU buffers while it ran, above what was held before, the largest single buffer, and
 * the first error the device reported (out of memory, or a validation error such as an oversized
 * buffer). WebGPU does not say how much memory a device has; this is how the kit learns what a step
 * needs and notices when it did not fit.
 *
 * The byte counts come from tfjs's WebGPU buffer manager (tfjs-backend-webgpu 4.22 internals), whose
 * `acquireBuffer` every tensor buffer goes through; its free pool, which tfjs never shrinks, is not
 * counted.
 */
import * as tf from "@tensorflow/tfjs";

export interface GpuStepReport {
  peakBytes: number;
  largestBuffer: number;
  /** The device's message when the step failed on the GPU; undefined when it ran. */
  error?: string;
}

interface BufferManager {
  numBytesUsed: number;
  acquireBuffer: (size: number, ...rest: unknown[]) => unknown;
}

interface WebGpuInternals {
  bufferManager: BufferManager;
  device: {
    pushErrorScope(filter: "out-of-memory" | "validation"): void;
    popErrorScope(): Promise<{ message: string } | null>;
  };
}

/**
 * Runs `step` on the active webgpu backend and returns its result with a report that resolves once the
 * device has checked the work. Only for webgpu: elsewhere there is no device to ask.
 */
export function watchGpuStep<T>(step: () => T): { result: T; report: Promise<GpuStepReport> } {
  if (tf.getBackend() !== "webgpu") throw new Error(`watchGpuStep: the active backend is ${tf.getBackend()}, not webgpu`);
  const backend = tf.backend() as unknown as WebGpuInternals;
  const manager = backend.bufferManager;
  const start = manager.numBytesUsed;
  let peak = start;
  let largestBuffer = 0;
  const acquire = manager.acquireBuffer;
  manager.acquireBuffer = function (this: BufferManager, size: number, ...rest: unknown[]) {
    const buffer = acquire.call(this, size, ...rest);
    peak = Math.max(peak, manager.numBytesUsed);
    largestBuffer = Math.max(largestBuffer, size);
    return buffer;
  };
  backend.device.pushErrorScope("out-of-memory");
  backend.device.pushErrorScope("validation");
  const popScopes = () => {
    // Scopes pop in reverse order of pushing.
    const validation = backend.device.popErrorScope();
    return { validation, memory: backend.device.popErrorScope() };
  };
  let result: T;
  try {
    result = step();
  } catch (e) {
    void popScopes();
    throw e;
  } finally {
    manager.acquireBuffer = acquire;
  }
  const { validation, memory } = popScopes();
  // The first error of either kind is the one to report.
  const report = Promise.all([memory, validation]).then(([m, v]) => ({
    peakBytes: peak - start,
    largestBuffer,
    error: m?.message ?? v?.message,
  }));
  return { result, report };
}
