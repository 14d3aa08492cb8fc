/**
 * For child processes that a test SIGKILLs in the middle of writing a file: the `nth` write to a file
 * whose path matches stops after half its bytes, prints HANGING and blocks the process for good. It
 * patches node:fs from outside, so the code under test runs unchanged.
 */
import { createRequire, syncBuiltinESMExports } from "node:module";

// The CommonJS object is the mutable one; syncBuiltinESMExports carries the patch to ES imports.
const fs = createRequire(__filename)("node:fs") as typeof import("node:fs");

export function hangHalfwayThroughWrite(matches: (file: string) => boolean, nth: number): void {
  const openSync = fs.openSync;
  const writeSync = fs.writeSync;
  const watched = new Set<number>();
  let opened = 0;
  (fs as any).openSync = (file: string, ...rest: any[]) => {
    const fd = (openSync as (...args: any[]) => number)(file, ...rest);
    if (matches(String(file)) && ++opened === nth) watched.add(fd);
    return fd;
  };
  (fs as any).writeSync = (fd: number, buffer: any, ...rest: any[]) => {
    if (!watched.has(fd) || !ArrayBuffer.isView(buffer)) return writeSync(fd, buffer, ...rest);
    const [offset = 0, length = buffer.byteLength - offset] = rest as number[];
    writeSync(fd, buffer as Uint8Array, offset, Math.floor(length / 2));
    process.stdout.write("HANGING\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    throw new Error("unreachable: the parent kills this process");
  };
  syncBuiltinESMExports();
}
