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

/** A safetensors file with the given header entries over `dataBytes` bytes of (zero) data. */
function rawFile(entries: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>, dataBytes: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(entries));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

const f32 = (shape: number[], begin: number) => ({ dtype: "F32", shape, data_offsets: [begin, begin + 4 * shape.reduce((a, b) => a * b, 1)] as [number, number] });

test("byte ranges must tile the data exactly, as the reference implementation checks; errors name the tensor", () => {
  // Listed out of offset order in the header: fine, the reference sorts by offset too.
  const ok = parseSafetensors(rawFile({ b: f32([2], 8), a: f32([2], 0) }, 16));
  assert.deepEqual(Object.keys(ok.tensors).sort(), ["a", "b"]);
  const refused: [string, Uint8Array, RegExp][] = [
    ["two tensors sharing bytes", rawFile({ a: f32([2], 0), b: f32([2], 4) }, 12), /f: tensor 'b' byte range \[4, 12\) overlaps the bytes of tensor 'a' \[0, 8\)/],
    ["the same range twice", rawFile({ a: f32([2], 0), b: f32([2], 0) }, 8), /f: tensor '[ab]' byte range \[0, 8\) overlaps the bytes of tensor '[ab]'/],
    ["a gap between tensors", rawFile({ a: f32([2], 0), b: f32([2], 12) }, 20), /f: tensor 'b' starts at byte 12, leaving 4 unused bytes before it \(after tensor 'a', which ends at 8\)/],
    ["data not starting at byte 0", rawFile({ a: f32([2], 4) }, 12), /f: tensor 'a' starts at byte 4, leaving 4 unused bytes before it$/],
    ["bytes after the last tensor", rawFile({ a: f32([2], 0) }, 12), /f: 4 bytes after the last tensor \('a', ending at 8\) belong to no tensor/],
    ["a range shorter than its shape", rawFile({ a: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, 8), /f: tensor 'a' byte range \[0, 8\) holds 8 bytes; shape \[3\] of F32 needs 12/],
    ["offsets that run backwards", rawFile({ a: { dtype: "F32", shape: [0], data_offsets: [8, 4] } }, 8), /f: tensor 'a' has invalid data_offsets \[8,4\]/],
    ["offsets that are not a pair", rawFile({ a: { dtype: "F32", shape: [1], data_offsets: [0] as unknown as [number, number] } }, 4), /f: tensor 'a' has invalid data_offsets \[0\]/],
    ["a negative dimension", rawFile({ a: { dtype: "F32", shape: [-1], data_offsets: [0, 0] } }, 0), /f: tensor 'a' has an invalid shape \[-1\]/],
    ["an unknown dtype", rawFile({ a: { dtype: "Q4", shape: [1], data_offsets: [0, 1] } }, 1), /f: tensor 'a' has unsupported dtype Q4/],
  ];
  for (const [what, bytes, message] of refused) assert.throws(() => parseSafetensors(bytes, "f"), message, what);
  const huge = new Uint8Array(16);
  new DataView(huge.buffer).setBigUint64(0, 200_000_000n, true);
  assert.throws(() => parseSafetensors(huge, "f"), /f: header length 200000000 exceeds the 100000000-byte limit/);
  const notObject = new TextEncoder().encode("[1]");
  const arr = new Uint8Array(8 + notObject.length);
  new DataView(arr.buffer).setBigUint64(0, BigInt(notObject.length), true);
  arr.set(notObject, 8);
  assert.throws(() => parseSafetensors(arr, "f"), /f: safetensors header is not a JSON object/);
});
