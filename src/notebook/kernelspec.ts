/**
 * Registers the kit's Jupyter kernel: tslab started from the repository root by bin/dala-kernel.cjs
 * (see tslab-engine.ts for why the root). Written directly as a kernelspec, so no Python is needed
 * to install it; Jupyter finds it under `<prefix>/share/jupyter/kernels/dala-tslab/`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../paths";

export const KERNEL_NAME = "dala-tslab";

export function kernelSpec(): Record<string, unknown> {
  return {
    argv: [process.execPath, path.join(REPO_ROOT, "bin", "dala-kernel.cjs"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (DALA kit, tslab)",
    language: "typescript",
  };
}

/** Default prefix: Jupyter's per-user data directory (what `jupyter --data-dir` prints on Linux). */
export function defaultPrefix(): string {
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), ".local", "share"), "..");
}

/** Writes `<prefix>/share/jupyter/kernels/dala-tslab/kernel.json` and returns its directory. */
export function installKernelSpec(prefix: string = defaultPrefix()): string {
  const dir = path.join(prefix, "share", "jupyter", "kernels", KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  return dir;
}
