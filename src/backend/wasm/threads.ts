/**
 * Two threads for the wasm backend under Node.
 *
 * tfjs ships a threaded SIMD build of its wasm backend but never uses it in Node: it hard-codes
 * `WASM_HAS_MULTITHREAD_SUPPORT=false` there, and the way it starts the emscripten pthread workers
 * (a `blob:` URL for the worker script, a Blob of the stringified factory in the worker's `load`
 * message) only works in browsers. This module starts those workers the Node way for the duration of
 * `tf.setBackend("wasm")`:
 * - `worker_threads.Worker` (emscripten reads it from there) is replaced by a subclass that turns the
 *   `blob:` worker into an eval worker running the package's own worker script, and points the
 *   `load` message at the package's threaded factory file instead of the Blob;
 * - the XNNPACK thread count is set explicitly, and `os.cpus()` reports twice that many CPUs while the
 *   module starts: the backend caps threads at half the logical cores (it assumes hyper-threading),
 *   which is one thread on a 2-vCPU machine;
 * - after start-up the idle pthread workers are unref'd so that a finished script exits.
 * It depends on tfjs-backend-wasm internals, so it only runs on the version it was written and tested
 * against; any other version, or any failure, falls back to the single-threaded build with the reason
 * recorded.
 */
import * as tf from "@tensorflow/tfjs";
import * as os from "node:os";
import * as path from "node:path";
import * as workerThreads from "node:worker_threads";

/** The tfjs-backend-wasm version whose internals this shim was written and tested against. */
export const SUPPORTED_WASM_VERSION = "4.22.0";

export interface ThreadedWasmResult {
  /** Threads XNNPACK computes with (1 when the single-threaded build is used). */
  threads: number;
  /** Why the threaded build is not used; undefined when it is. */
  fallbackReason?: string;
}

/** The threaded build pre-starts this many pthread workers and caps its pool there. */
export const MAX_WASM_THREADS = 8;

/**
 * Threads requested through `DALA_WASM_THREADS`: unset or `auto` = one per CPU core, `1` = the
 * single-threaded build; at most MAX_WASM_THREADS. A bad value is an error naming the variable.
 */
export function requestedWasmThreads(env: NodeJS.ProcessEnv = process.env, cores = os.cpus().length): number {
  const raw = env.DALA_WASM_THREADS;
  if (raw === undefined || raw === "" || raw === "auto") return Math.min(Math.max(1, cores), MAX_WASM_THREADS);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`DALA_WASM_THREADS must be a positive integer or 'auto', got '${raw}'`);
  }
  return Math.min(n, MAX_WASM_THREADS);
}

/** Why the threaded build cannot be used here, or undefined when it can. */
export function threadedWasmBlocker(threads: number, wasmVersion: string, hasSharedMemory: boolean): string | undefined {
  if (threads <= 1) return "single thread requested (DALA_WASM_THREADS=1)";
  if (wasmVersion !== SUPPORTED_WASM_VERSION) {
    return `the threading shim supports tfjs-backend-wasm ${SUPPORTED_WASM_VERSION} only, found ${wasmVersion}`;
  }
  if (!hasSharedMemory) return "SharedArrayBuffer is not available in this Node";
  return undefined;
}

function wasmPackageDir(): string {
  return path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"));
}

/** A `worker_threads.Worker` that can start tfjs's browser-style pthread workers in Node. */
function nodeCompatibleWorker(Base: typeof workerThreads.Worker, wasmOut: string): typeof workerThreads.Worker {
  const factoryFile = path.join(wasmOut, "tfjs-backend-wasm-threaded-simd.js");
  // tfjs escapes newlines the same way before putting this source into a Blob.
  const workerSource = (
    require(path.join(wasmOut, "tfjs-backend-wasm-threaded-simd.worker.js")).wasmWorkerContents as string
  ).replace(/\n/g, "\\n");
  return class PthreadWorker extends Base {
    constructor(filename: string | URL, options?: workerThreads.WorkerOptions) {
      if (typeof filename === "string" && filename.startsWith("blob:")) {
        super(workerSource, { ...options, eval: true });
      } else {
        super(filename, options);
      }
    }
    postMessage(message: any, transferList?: readonly any[]): void {
      if (message && message.cmd === "load" && typeof message.urlOrBlob !== "string") {
        message = { ...message, urlOrBlob: factoryFile };
      }
      super.postMessage(message, transferList as any);
    }
  };
}

interface EmscriptenPthreads {
  unusedWorkers: workerThreads.Worker[];
  runningWorkers: workerThreads.Worker[];
}

/** The emscripten pthread bookkeeping of the initialised wasm backend, if it is the threaded build. */
function pthreads(): EmscriptenPthreads | undefined {
  const backend = tf.findBackend("wasm") as unknown as { wasm?: { PThread?: EmscriptenPthreads } } | null;
  return backend?.wasm?.PThread;
}

/**
 * Lets the process exit while the pool idles. Emscripten refs a worker while it runs a pthread and
 * unrefs it when the thread ends; XNNPACK's pool threads never end, so they are unref'd here too —
 * they only ever run while the main thread waits on them inside a kernel.
 */
function unrefWorkers(p: EmscriptenPthreads): void {
  for (const w of [...p.unusedWorkers, ...p.runningWorkers]) w.unref();
}

/**
 * Initialises the wasm backend with the threaded SIMD build and `threads` XNNPACK threads. Resolves
 * with the threads in use, or with threads = 1 and the reason when it did not start (the backend is
 * then left uninitialised, for the caller to start the single-threaded build).
 */
export async function startThreadedWasm(threads: number): Promise<ThreadedWasmResult> {
  const wasmPkg = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
  const version = require("@tensorflow/tfjs-backend-wasm/package.json").version as string;
  const blocker = threadedWasmBlocker(threads, version, typeof SharedArrayBuffer !== "undefined");
  if (blocker) return { threads: 1, fallbackReason: blocker };
  const wasmOut = path.join(wasmPackageDir(), "wasm-out");
  const original = workerThreads.Worker;
  // Emscripten reads `require("worker_threads").Worker`, i.e. this module object's property.
  const mutableWorkerThreads = require("worker_threads") as { Worker: typeof workerThreads.Worker };
  mutableWorkerThreads.Worker = nodeCompatibleWorker(original, wasmOut);
  const realCpus = os.cpus;
  const mutableOs = require("os") as { cpus: typeof os.cpus };
  mutableOs.cpus = () => {
    const cpus = realCpus();
    return Array.from({ length: Math.max(cpus.length, 2 * threads) }, (_, i) => cpus[i % cpus.length]);
  };
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  wasmPkg.setThreadsCount(threads);
  let ok = false;
  let failure = "tf.setBackend('wasm') resolved false";
  try {
    ok = await tf.setBackend("wasm");
  } catch (e) {
    failure = (e as Error).message ?? String(e);
  } finally {
    mutableWorkerThreads.Worker = original;
    mutableOs.cpus = realCpus;
  }
  if (ok) {
    const pool = pthreads();
    if (pool) unrefWorkers(pool);
    return { threads: wasmPkg.getThreadsCount() };
  }
  // Leave a clean slate for the single-threaded build: tfjs keeps the backend factory registered, so
  // the caller's next setBackend("wasm") starts over with the flag off.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  wasmPkg.setThreadsCount(1);
  return { threads: 1, fallbackReason: `threaded wasm failed to start: ${failure}` };
}
