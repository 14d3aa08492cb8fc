/**
 * Dawn, Chrome's WebGPU implementation, from the optional npm package `webgpu` (its native binary ships
 * inside the package, so it installs with `npm install` alone). Only the part of the WebGPU API the kit
 * touches is typed here: the package's own types pull in @webgpu/types, which tslab's bundled
 * TypeScript 5.0 would then have to compile along with every notebook.
 */
export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software implementation (Mesa's llvmpipe, SwiftShader, WARP). */
  isFallbackAdapter?: boolean;
}

export interface GpuAdapter {
  readonly info: GpuAdapterInfo;
  readonly limits: Record<string, number>;
  readonly features: { has(name: string): boolean };
  requestDevice(descriptor?: object): Promise<unknown>;
}

export interface Gpu {
  requestAdapter(options?: { powerPreference?: "low-power" | "high-performance" }): Promise<GpuAdapter | null>;
}

interface DawnModule {
  create(options: string[]): Gpu;
  /** WebGPU's global classes and constants (GPUBufferUsage, ...), which tfjs's WebGPU backend reads. */
  globals: object;
}

/** The package name in a variable: a literal would make TypeScript type the import from the package. */
const DAWN_PACKAGE = "webgpu";

let dawn: Promise<DawnModule> | undefined;

/**
 * Loads Dawn once per process. `webgpu` is an ES module: under tsx this is a real dynamic import, under
 * tslab's CommonJS output it becomes `require`, which loads ES modules from Node 20.19 on.
 */
export function loadDawn(): Promise<DawnModule> {
  dawn ??= import(DAWN_PACKAGE) as Promise<DawnModule>;
  return dawn;
}

/** Why Dawn cannot be loaded, in words for `dala env` (not installed, or no binary for this platform). */
export function dawnLoadFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if ((err.code === "MODULE_NOT_FOUND" || err.code === "ERR_MODULE_NOT_FOUND") && err.message.includes(`'${DAWN_PACKAGE}'`)) {
    return `the optional package '${DAWN_PACKAGE}' (Dawn) is not installed`;
  }
  return `'${DAWN_PACKAGE}' (Dawn) failed to load: ${err.message.split("\n")[0]}`;
}

/**
 * Makes WebGPU visible the way tfjs's WebGPU backend expects it in a browser: the global classes, and
 * `navigator.gpu` (Node 21+ has a `navigator` of its own; it gets the property, earlier Nodes get one).
 */
export function installWebGpuGlobals(module: DawnModule, gpu: Gpu): void {
  Object.assign(globalThis, module.globals);
  const g = globalThis as { navigator?: object };
  const navigator = g.navigator ?? {};
  Object.defineProperty(navigator, "gpu", { value: gpu, configurable: true, enumerable: true });
  if (!g.navigator) Object.defineProperty(globalThis, "navigator", { value: navigator, configurable: true, writable: true });
}
