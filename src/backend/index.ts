/**
 * TensorFlow.js backend selection.
 *
 * Order of preference: the native CUDA addon (`@tensorflow/tfjs-node-gpu`), the native CPU addon
 * (installed under the alias `tfjs-node-native`), WebGPU through Dawn (the optional `webgpu` package)
 * when it finds a hardware adapter, then the WebAssembly backend, then pure JavaScript.
 * `DALA_BACKEND` (or `--backend` on the CLI) forces one; forcing a backend that is not available is an
 * error rather than a silent fallback, because results from different backends are not bit-identical
 * and every result file records which one produced it.
 */
import * as tf from "@tensorflow/tfjs";
import * as os from "node:os";
import { completeWasmBackend, prepareWasmBackend } from "./wasm/setup";
import { completeWebGpuBackend, prepareWebGpuBackend } from "./webgpu/setup";
import type { WebGpuAdapterInfo } from "./webgpu/adapter";
import { installedVersion } from "../installed-version";
import { installLeanBackprop } from "./lean-backprop";

export const BACKEND_NAMES = ["node-gpu", "node", "webgpu", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendInfo {
  /** The kit's name for the backend (what `DALA_BACKEND` takes). */
  name: BackendName;
  /** tfjs's own registry name (`tensorflow`, `webgpu`, `wasm`, `cpu`). */
  tfjsName: string;
  /** Version of the package that provides it. */
  version: string;
  /** Threads the backend computes with (1 for single-threaded builds). */
  threads: number;
  /** Why faster backends were passed over, for the log and for environment reports. */
  skipped: Record<string, string>;
  /** Why a faster variant of the chosen backend was not used (e.g. the threaded wasm build), or what it runs on. */
  notes?: string[];
  /** The GPU (or software renderer) that webgpu computes on. */
  adapter?: WebGpuAdapterInfo;
}

/**
 * Process-wide state, kept on `globalThis`: inside notebooks tslab compiles its own copy of this
 * module next to the one the CLI loaded, and both must see the one backend tfjs actually runs.
 */
const state: { active?: BackendInfo; pending?: Promise<BackendInfo> } = ((globalThis as any)[Symbol.for("dala.backend")] ??= {});

/** Extra set-up steps (custom kernels, threading shims) that other modules register for a backend. */
type Setup = (info: BackendInfo) => Promise<void> | void;
const setups: Partial<Record<BackendName, Setup[]>> = {};

/**
 * Registers a step run once after `name` is initialised and before `initBackend` resolves.
 * Kernels that a backend lacks are added this way, by the module that implements them.
 */
export function onBackendInit(name: BackendName, setup: Setup): void {
  (setups[name] ??= []).push(setup);
}

/**
 * Hooks that run before a backend is initialised (e.g. choosing the threaded wasm build, or the WebGPU
 * adapter); `forced` says whether this backend was asked for by name rather than reached by the chain.
 */
type PreInit = (request: { forced: boolean }) => Promise<Partial<BackendInfo> | void>;
const preInits: Partial<Record<BackendName, PreInit[]>> = {};
export function beforeBackendInit(name: BackendName, hook: PreInit): void {
  (preInits[name] ??= []).push(hook);
}

export class BackendUnavailableError extends Error {
  constructor(name: string, reason: string) {
    super(`backend '${name}' is not available: ${reason}`);
    this.name = "BackendUnavailableError";
  }
}

function requestedBackend(explicit?: string): BackendName | undefined {
  const value = explicit ?? process.env.DALA_BACKEND;
  if (value === undefined || value === "" || value === "auto") return undefined;
  if (!(BACKEND_NAMES as readonly string[]).includes(value)) {
    throw new Error(`unknown backend '${value}': choose one of ${BACKEND_NAMES.join(", ")} (or auto)`);
  }
  return value as BackendName;
}

function packageVersion(pkg: string): string {
  return installedVersion(pkg) ?? "unknown";
}

/** Loads a native addon; returns why it failed instead of throwing. */
function loadNative(pkg: string): string | undefined {
  try {
    require(pkg);
    return undefined;
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0];
    return (e as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && msg.includes(pkg)
      ? `${pkg} is not installed`
      : `${pkg} failed to load: ${msg}`;
  }
}

async function tryBackend(name: BackendName, forced: boolean): Promise<{ info?: BackendInfo; reason?: string }> {
  const base = { name, skipped: {} };
  switch (name) {
    case "node-gpu":
    case "node": {
      const pkg = name === "node-gpu" ? "@tensorflow/tfjs-node-gpu" : "tfjs-node-native";
      const reason = loadNative(pkg);
      if (reason) return { reason };
      if (!(await tf.setBackend("tensorflow"))) return { reason: `${pkg} loaded but tfjs could not start it` };
      return {
        info: { ...base, tfjsName: "tensorflow", version: packageVersion(pkg), threads: os.cpus().length },
      };
    }
    case "webgpu": {
      let extra: Partial<BackendInfo> = {};
      try {
        for (const hook of preInits.webgpu ?? []) extra = { ...extra, ...((await hook({ forced })) ?? {}) };
        // Backend creation can fail after the adapter was found (e.g. the device request is refused).
        if (!(await tf.setBackend("webgpu"))) return { reason: "webgpu: tfjs could not create the WebGPU backend" };
      } catch (e) {
        return { reason: (e as Error).message };
      }
      return { info: { ...base, tfjsName: "webgpu", version: packageVersion("@tensorflow/tfjs-backend-webgpu"), threads: 1, ...extra } };
    }
    case "wasm": {
      let extra: Partial<BackendInfo> = {};
      for (const hook of preInits.wasm ?? []) extra = { ...extra, ...((await hook({ forced })) ?? {}) };
      // Side-effect import registers the backend with tfjs.
      require("@tensorflow/tfjs-backend-wasm");
      let ok = false;
      try {
        ok = await tf.setBackend("wasm");
      } catch (e) {
        return { reason: `wasm failed to start: ${(e as Error).message}` };
      }
      if (!ok) return { reason: "wasm failed to start" };
      return {
        info: {
          ...base,
          tfjsName: "wasm",
          version: packageVersion("@tensorflow/tfjs-backend-wasm"),
          threads: 1,
          ...extra,
        },
      };
    }
    case "cpu": {
      await tf.setBackend("cpu");
      return { info: { ...base, tfjsName: "cpu", version: packageVersion("@tensorflow/tfjs-backend-cpu"), threads: 1 } };
    }
  }
}

async function select(explicit?: string, quiet = false): Promise<BackendInfo> {
  const forced = requestedBackend(explicit);
  const candidates: readonly BackendName[] = forced ? [forced] : BACKEND_NAMES;
  const skipped: Record<string, string> = {};
  for (const name of candidates) {
    const { info, reason } = await tryBackend(name, forced !== undefined);
    if (info) {
      info.skipped = skipped;
      for (const setup of setups[name] ?? []) await setup(info);
      await tf.ready();
      installLeanBackprop();
      if (!quiet) {
        console.error(`[dala] backend ${info.name} (tfjs ${tf.version.tfjs}, ${info.version}), ${info.threads} thread(s)`);
        for (const note of info.notes ?? []) console.error(`[dala]   ${note}`);
      }
      return info;
    }
    if (forced) throw new BackendUnavailableError(name, reason ?? "unknown reason");
    skipped[name] = reason ?? "unknown reason";
  }
  // cpu always works, so this is unreachable; kept as a typed guard.
  throw new Error("no TensorFlow.js backend could be started");
}

/**
 * Initialises the backend once per process and returns what was chosen. Later calls return the same
 * backend; asking for a different one after initialisation is an error, because tensors already
 * created would live on the old backend.
 */
export async function initBackend(opts: { backend?: string; quiet?: boolean } = {}): Promise<BackendInfo> {
  const forced = requestedBackend(opts.backend);
  if (state.active && forced && forced !== state.active.name) {
    throw new Error(`backend '${state.active.name}' is already initialised; cannot switch to '${forced}' in the same process`);
  }
  state.pending ??= select(opts.backend, opts.quiet);
  state.active = await state.pending;
  return state.active;
}

/** The initialised backend, or undefined before `initBackend`. */
export function activeBackend(): BackendInfo | undefined {
  return state.active;
}

// The wasm backend's threaded build and the kernels it lacks (src/backend/wasm/), and WebGPU's adapter
// choice and kernel fixes (src/backend/webgpu/). Imported statically: notebooks load src/ through
// tslab, which compiles only the static import graph.
beforeBackendInit("wasm", prepareWasmBackend);
onBackendInit("wasm", completeWasmBackend);
beforeBackendInit("webgpu", prepareWebGpuBackend);
onBackendInit("webgpu", completeWebGpuBackend);
