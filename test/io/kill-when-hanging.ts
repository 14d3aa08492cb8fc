/** Runs a TypeScript child and SIGKILLs it as soon as it prints HANGING: where a crash test wants it dead. */
import { spawn } from "node:child_process";

export interface ChildExit {
  code: number | null;
  signal: string | null;
  out: string;
}

export function runKilledWhenHanging(script: string, args: readonly string[], env: Record<string, string>): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("HANGING")) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, out }));
  });
}
