/**
 * Provenance: what every result file records so that a number can be traced back to the code,
 * configuration, seed, backend and library versions that produced it.
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import { activeBackend } from "./backend/index";
import { REPO_ROOT } from "./paths";
import { installedVersion } from "./installed-version";
import { configHash } from "./config-hash";
import type { WebGpuAdapterInfo } from "./backend/webgpu/adapter";

let commitCache: { commit: string; dirty: boolean } | undefined;
/** The git commit of the kit, and whether the working tree had uncommitted changes (read once per process). */
export function gitCommit(): { commit: string; dirty: boolean } {
  commitCache ??= checkoutState(REPO_ROOT);
  return commitCache;
}

/** The commit checked out at `root` and whether tracked files outside results/ differ from it. */
export function checkoutState(root: string): { commit: string; dirty: boolean } {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: ["ignore", "pipe", "ignore"] }).toString();
  try {
    const commit = git("rev-parse", "HEAD").trim();
    // Outputs under results/ are tracked (results/study is committed) and change while a profile runs;
    // they say nothing about the code that made them, so they do not make the checkout dirty.
    const status = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)results");
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: "unknown (not a git checkout)", dirty: false };
  }
}

const TRACKED_PACKAGES = [
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-backend-webgpu",
  "webgpu",
  "@tensorflow/tfjs-node-gpu",
  "tfjs-node-native",
  "danfojs-node",
  "sharp",
  "tslab",
  "plotly.js-cartesian-dist-min",
];

/** Versions of Node and of the libraries that can change a number. Missing optional packages are omitted. */
export function versions(): Record<string, string> {
  const out: Record<string, string> = { node: process.version };
  for (const pkg of TRACKED_PACKAGES) {
    const version = installedVersion(pkg);
    if (version) out[pkg] = version;
  }
  return out;
}

export interface Provenance {
  createdAt: string;
  commit: string;
  dirty: boolean;
  /** `adapter`: the GPU (or software renderer) webgpu computed on; absent for other backends. */
  backend: { name: string; version: string; threads: number; adapter?: WebGpuAdapterInfo } | null;
  versions: Record<string, string>;
  machine: { platform: string; arch: string; cpus: number; cpuModel: string; memoryGiB: number };
  config?: unknown;
  configHash?: string;
  seed?: number;
  profile?: string;
  dataset?: string;
}

/** The provenance block written into every result file. */
export function provenance(extra: { config?: unknown; seed?: number; profile?: string; dataset?: string } = {}): Provenance {
  const b = activeBackend();
  const { commit, dirty } = gitCommit();
  const cpus = os.cpus();
  return {
    createdAt: new Date().toISOString(),
    commit,
    dirty,
    backend: b ? { name: b.name, version: b.version, threads: b.threads, ...(b.adapter ? { adapter: b.adapter } : {}) } : null,
    versions: versions(),
    machine: {
      platform: process.platform,
      arch: process.arch,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    },
    ...(extra.config !== undefined ? { config: extra.config, configHash: configHash(extra.config) } : {}),
    ...(extra.seed !== undefined ? { seed: extra.seed } : {}),
    ...(extra.profile !== undefined ? { profile: extra.profile } : {}),
    ...(extra.dataset !== undefined ? { dataset: extra.dataset } : {}),
  };
}
