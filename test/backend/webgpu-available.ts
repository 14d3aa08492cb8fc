/**
 * Whether this machine runs the webgpu tests, decided once per test file in a child process (so a
 * missing driver cannot leave this process with a half-started backend): the reason to skip, or
 * undefined. CI has Dawn from npm and Mesa's llvmpipe Vulkan driver (.ci/run installs it).
 *
 * Also gives Mesa the XDG_RUNTIME_DIR it expects, before anything in this process loads Dawn.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

process.env.XDG_RUNTIME_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), "dala-xdg-"));

const CHILD = path.join(__dirname, "webgpu-probe-child.ts");

function probe(): string | undefined {
  let out: string;
  try {
    out = execFileSync(process.execPath, ["--import", "tsx", CHILD], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000 });
  } catch (e) {
    // A driver that crashes Dawn takes the child down with it rather than failing the request.
    return `webgpu unavailable here: the probe process failed (${(e as Error).message.split("\n")[0]})`;
  }
  const { reason } = JSON.parse(out.trim().split("\n").pop()!) as { reason?: string };
  return reason && `webgpu unavailable here: ${reason}`;
}

export const WEBGPU_SKIP: string | undefined = probe();
