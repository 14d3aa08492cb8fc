import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runKilledWhenHanging } from "./kill-when-hanging";
import { writeFileAtomic } from "../../src/io/atomic-write";
import { readSafetensors, writeSafetensors } from "../../src/io/safetensors";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "dala-atomic-"));

function runChild(file: string, size: number, value: number, hang: boolean) {
  return runKilledWhenHanging(path.join(__dirname, "atomic-write-child.ts"), [file, String(size), String(value)], { HANG: hang ? "1" : "" });
}

const uniform = (file: string, size: number, value: number) => {
  const bytes = fs.readFileSync(file);
  return bytes.length === size && bytes.every((b) => b === value);
};

test("writeFileAtomic creates the directory, replaces the file whole and leaves no temporary file", () => {
  const dir = tmp();
  const file = path.join(dir, "sub", "a.json");
  writeFileAtomic(file, "old\n");
  writeFileAtomic(file, new TextEncoder().encode("new\n"));
  assert.equal(fs.readFileSync(file, "utf8"), "new\n");
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ["a.json"]);
});

test("a writer SIGKILLed halfway through leaves the old file whole; the next writer replaces it", async () => {
  const dir = tmp();
  const file = path.join(dir, "big.bin");
  const size = 8 << 20;
  assert.equal((await runChild(file, size, 1, false)).code, 0);
  const killed = await runChild(file, size, 2, true);
  assert.equal(killed.signal, "SIGKILL");
  assert.ok(uniform(file, size, 1), "the old content, complete");
  const partial = fs.readdirSync(dir).filter((f) => f.startsWith("big.bin.tmp-"));
  assert.equal(partial.length, 1, "the killed writer's temporary file is left beside it");
  assert.equal(fs.statSync(path.join(dir, partial[0])).size, size / 2, "killed halfway, not after the write");
  assert.equal((await runChild(file, size, 3, false)).code, 0);
  assert.ok(uniform(file, size, 3), "the new content, complete");
});

test("a checkpoint written over a killed writer's leftovers reads back intact", () => {
  const dir = tmp();
  const file = path.join(dir, "last.safetensors");
  fs.writeFileSync(`${file}.tmp-1-deadbeef`, new Uint8Array(100));
  writeSafetensors(file, { w: { shape: [3], data: new Float32Array([1, 2, 3]) } });
  assert.deepEqual(readSafetensors(file).tensors.w.data, new Float32Array([1, 2, 3]));
});
