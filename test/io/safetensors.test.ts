import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSafetensors, readSafetensors, serializeSafetensors } from "../../src/io/safetensors";
import { camFixture } from "../paths";
import { camFixtures } from "../cam/fixture-arrays";

test("reads the CAM fixture weights with PyTorch names and shapes", () => {
  const st = readSafetensors(camFixture("model.safetensors"));
  const model = camFixtures.model();
  const layer = (name: string) => model.architecture.find((l: { name: string }) => l.name === name);
  const conv1: number[] = layer("conv1").weight_shape_OIHW;
  assert.deepEqual(st.tensors["conv1.weight"].shape, conv1);
  assert.deepEqual(st.tensors["fc.weight"].shape, layer("fc").weight_shape);
  assert.equal(model.input_shape_NCHW[1], conv1[1]);
  assert.equal(layer("fc").weight_shape[0], model.num_classes);
  // Each tensor owns exactly its own bytes (not a view of the whole file).
  assert.equal(st.tensors["conv1.weight"].data.length, conv1.reduce((a, b) => a * b, 1));
  assert.equal(st.tensors["fc.bias"].data.buffer.byteLength, model.num_classes * 4);
  // model.json carries the same weights as JSON arrays: compare bit for bit.
  const weights = model.weights as Record<string, { data: number[] }>;
  for (const name of ["conv1.weight", "fc.bias"]) {
    assert.deepEqual(Array.from(st.tensors[name].data as Float32Array), weights[name].data.map(Math.fround), name);
  }
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
