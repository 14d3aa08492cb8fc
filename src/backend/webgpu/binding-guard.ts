/**
 * A tensor larger than the adapter's `maxStorageBufferBindingSize` cannot be bound to a WebGPU kernel.
 * tfjs's WebGPU backend does not check: Dawn rejects the bind group, the dispatch is dropped, and the
 * output reads back as zeros (Dawn only prints a validation message). On llvmpipe the limit is 128 MiB,
 * a [40, 128, 128, 64] activation; on discrete GPUs typically 2-4 GiB. This makes such a kernel call an
 * error that names the tensor and the limit, before anything is dispatched.
 */
import * as tf from "@tensorflow/tfjs";

const GUARDED = Symbol.for("dala.webgpuBindingGuard");

interface ProgramCall {
  (program: { outputShape: number[] }, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: unknown, output?: tf.TensorInfo): tf.TensorInfo;
}

interface GuardedBackend {
  runWebGPUProgram: ProgramCall;
  device: { limits: { maxStorageBufferBindingSize: number } };
  [GUARDED]?: true;
}

export class BindingSizeError extends Error {
  constructor(
    readonly shape: number[],
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `webgpu: a tensor of shape [${shape}] takes ${mib(bytes)} MiB, more than this adapter binds to one kernel ` +
        `(maxStorageBufferBindingSize ${mib(limit)} MiB); use a smaller batch`,
    );
    this.name = "BindingSizeError";
  }
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Every WebGPU buffer tfjs binds holds 4 bytes per element (bool and int32 included). */
const bytesOf = (shape: number[]) => 4 * shape.reduce((a, b) => a * b, 1);

/** Installs the check on the active webgpu backend (once). */
export function guardBindingSizes(): void {
  const backend = tf.backend() as unknown as GuardedBackend;
  if (backend[GUARDED]) return;
  const limit = backend.device.limits.maxStorageBufferBindingSize;
  const run = backend.runWebGPUProgram.bind(backend);
  backend.runWebGPUProgram = (program, inputs, outputDtype, uniforms, output) => {
    for (const shape of [output?.shape ?? program.outputShape, ...inputs.map((t) => t.shape)]) {
      if (bytesOf(shape) > limit) throw new BindingSizeError(shape, bytesOf(shape), limit);
    }
    return run(program, inputs, outputDtype, uniforms, output);
  };
  backend[GUARDED] = true;
}
