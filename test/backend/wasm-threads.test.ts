/**
 * The threaded wasm build under Node: thread count, results identical to the single-threaded build,
 * and a process that exits on its own. Each backend start needs a fresh process.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { SUPPORTED_WASM_VERSION, requestedWasmThreads, threadedWasmBlocker } from "../../src/backend/wasm/threads";

const CHILD = path.join(__dirname, "threaded-conv-child.ts");

function runChild(threads?: string): { threads: number; notes: string[]; bytes: string } {
  const env = { ...process.env, DALA_WASM_THREADS: threads ?? "" };
  // The timeout is what fails the test if idle pthread workers keep the child alive.
  const out = execFileSync(process.execPath, ["--import", "tsx", CHILD], { env, timeout: 60_000, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!);
}

test("DALA_WASM_THREADS: default one per core, explicit counts, bad values named", () => {
  assert.equal(requestedWasmThreads({}, 2), 2);
  assert.equal(requestedWasmThreads({ DALA_WASM_THREADS: "auto" }, 6), 6);
  assert.equal(requestedWasmThreads({ DALA_WASM_THREADS: "1" }, 2), 1);
  assert.throws(() => requestedWasmThreads({ DALA_WASM_THREADS: "two" }, 2), /DALA_WASM_THREADS/);
  assert.throws(() => requestedWasmThreads({ DALA_WASM_THREADS: "0" }, 2), /DALA_WASM_THREADS/);
  assert.equal(requestedWasmThreads({}, 64), 8, "the threaded build has 8 pthread workers");
});

test("threaded wasm is used only on the pinned tfjs-backend-wasm version, with shared memory", () => {
  assert.equal(threadedWasmBlocker(2, SUPPORTED_WASM_VERSION, true), undefined);
  assert.match(threadedWasmBlocker(2, "4.23.0", true)!, /supports tfjs-backend-wasm 4\.22\.0 only, found 4\.23\.0/);
  assert.match(threadedWasmBlocker(2, SUPPORTED_WASM_VERSION, false)!, /SharedArrayBuffer/);
  assert.match(threadedWasmBlocker(1, SUPPORTED_WASM_VERSION, true)!, /single thread requested/);
});

test("threaded wasm: one thread per core, bit-identical convolution, process exits by itself", () => {
  const threaded = runChild();
  const single = runChild("1");
  assert.equal(single.threads, 1);
  assert.match(single.notes.join(" "), /single thread requested/);
  const cores = os.cpus().length;
  assert.equal(threaded.threads, Math.min(cores, 8), `notes: ${threaded.notes.join("; ")}`);
  assert.equal(threaded.bytes, single.bytes, "2-thread and 1-thread convolutions differ");
});
