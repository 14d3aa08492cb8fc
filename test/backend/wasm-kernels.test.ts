/**
 * The wasm kernels added by src/backend/wasm/ against tfjs's `cpu` backend (pure JavaScript, the reference
 * implementation), computed in the same process by switching backends.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { createRng } from "../../src/random";
import type { ConvPad } from "../../src/backend/wasm/conv-geometry";

before(async () => {
  await initBackend({ backend: "wasm", quiet: true });
});

function randomArray(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Runs `f` on `backend` and returns its outputs as plain arrays, leaving the backend as it was. */
function on(backend: "cpu" | "wasm", f: () => tf.Tensor[]): Float32Array[] {
  const previous = tf.getBackend();
  tf.setBackend(backend);
  try {
    return tf.tidy(() => f()).map((t) => {
      const values = t.dataSync() as Float32Array;
      t.dispose();
      return values;
    });
  } finally {
    tf.setBackend(previous);
  }
}

function assertClose(actual: Float32Array, expected: Float32Array, what: string, tol = 1e-4): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  assert.ok(worst <= tol * scale, `${what}: max |wasm - cpu| = ${worst} > ${tol * scale}`);
}

interface ConvCase {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: ConvPad;
}

const CASES: ConvCase[] = [
  { name: "3x3 stride 1 same", x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: "same" },
  { name: "3x3 stride 2 same (asymmetric tf padding)", x: [2, 8, 8, 3], filter: [3, 3, 3, 5], strides: 2, pad: "same" },
  { name: "3x3 stride 2 valid, odd size", x: [3, 9, 9, 2], filter: [3, 3, 2, 4], strides: 2, pad: "valid" },
  { name: "3x3 stride 2 valid, rows left over", x: [2, 10, 10, 2], filter: [3, 3, 2, 3], strides: 2, pad: "valid" },
  { name: "1x1 stride 1", x: [2, 5, 6, 4], filter: [1, 1, 4, 3], strides: 1, pad: "valid" },
  { name: "1x1 stride 2 (ResNet downsample)", x: [2, 8, 9, 3], filter: [1, 1, 3, 4], strides: 2, pad: "valid" },
  { name: "7x7 stride 2 explicit 3 (ResNet stem)", x: [2, 12, 12, 3], filter: [7, 7, 3, 4], strides: 2, pad: [[0, 0], [3, 3], [3, 3], [0, 0]] },
  { name: "3x2 strides [2,1] explicit asymmetric", x: [2, 7, 6, 2], filter: [3, 2, 2, 3], strides: [2, 1], pad: [[0, 0], [1, 0], [0, 2], [0, 0]] },
  { name: "1x1 explicit padding 1", x: [1, 4, 4, 2], filter: [1, 1, 2, 2], strides: 1, pad: [[0, 0], [1, 1], [1, 1], [0, 0]] },
  { name: "3x3 stride 1 numeric pad 1", x: [2, 6, 6, 3], filter: [3, 3, 3, 2], strides: 1, pad: 1 },
  { name: "2x2 stride 3 valid (phases without taps)", x: [2, 8, 7, 2], filter: [2, 2, 2, 3], strides: 3, pad: "valid" },
  { name: "3x3 stride [3,2] same", x: [1, 10, 9, 2], filter: [3, 3, 2, 2], strides: [3, 2], pad: "same" },
];

for (const c of CASES) {
  test(`conv2d gradients on wasm match cpu: ${c.name}`, () => {
    const xv = randomArray(size(c.x), 1);
    const fv = randomArray(size(c.filter), 2);
    const grads = () => {
      const x = tf.tensor4d(xv, c.x);
      const filter = tf.tensor4d(fv, c.filter);
      // A random linear read-out of the output, so that dy is random rather than all ones.
      const y = tf.conv2d(x, filter, c.strides, c.pad as any);
      const weights = tf.tensor(randomArray(y.size, 3), y.shape);
      const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad as any), weights)),
      )([x, filter]);
      return [dx, df];
    };
    const [dxCpu, dfCpu] = on("cpu", grads);
    const [dxWasm, dfWasm] = on("wasm", grads);
    assertClose(dfWasm, dfCpu, "filter gradient");
    assertClose(dxWasm, dxCpu, "input gradient");
  });
}

test("gather gradient (UnsortedSegmentSum) on wasm matches cpu, repeated and unused rows", () => {
  const xv = randomArray(5 * 3, 4);
  const grad = () => {
    const x = tf.tensor2d(xv, [5, 3]);
    const w = tf.tensor2d(randomArray(4 * 3, 5), [4, 3]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d([0, 2, 2, 4], "int32")), w)))(x);
    return [g];
  };
  const [cpu] = on("cpu", grad);
  const [wasm] = on("wasm", grad);
  assertClose(wasm, cpu, "gather gradient", 1e-6);
  // row 1 and 3 are never gathered
  for (const row of [1, 3]) for (let j = 0; j < 3; j++) assert.equal(wasm[row * 3 + j], 0);
});

test("unsortedSegmentSum on wasm: hand-computed sums, multi-dimensional rows", () => {
  const [out] = on("wasm", () => [
    tf.unsortedSegmentSum(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 2, 2]), tf.tensor1d([2, 0, 2], "int32"), 3),
  ]);
  assert.deepEqual(Array.from(out), [5, 6, 7, 8, 0, 0, 0, 0, 10, 12, 14, 16]);
});

test("Identity on wasm shares the buffer: a clone adds no buffer, keeps its values after the original is disposed", () => {
  const previous = tf.getBackend();
  tf.setBackend("wasm");
  try {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const buffers = (tf.memory() as { numDataBuffers: number }).numDataBuffers;
    const y = tf.clone(x);
    assert.equal(y.dataId, x.dataId, "the clone reads the original's buffer");
    assert.equal((tf.memory() as { numDataBuffers: number }).numDataBuffers, buffers, "no new buffer");
    x.dispose();
    assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4]);
    const z = tf.add(y, 1);
    y.dispose();
    assert.deepEqual(Array.from(z.dataSync()), [2, 3, 4, 5]);
    assert.equal((tf.memory() as { numDataBuffers: number }).numDataBuffers, buffers, "the shared buffer is freed with its last tensor");
    z.dispose();
  } finally {
    tf.setBackend(previous);
  }
});

for (const c of [
  { name: "3x3 stride 2 on a -inf padded map (TorchMaxPool2d, ResNet stem)", shape: [2, 9, 9, 3], size: 3, stride: 2, pad: "valid" as const, torchPad: 1 },
  { name: "2x2 stride 2 valid", shape: [1, 6, 7, 2], size: 2, stride: 2, pad: "valid" as const, torchPad: 0 },
  { name: "3x3 stride 1 same", shape: [2, 5, 5, 4], size: 3, stride: 1, pad: "same" as const, torchPad: 0 },
]) {
  test(`max-pool gradient on wasm matches cpu, ties after ReLU going to the first maximum: ${c.name}`, () => {
    // Rounded and ReLU'd: many windows hold several equal maxima (zeros and repeated values).
    const values = Array.from(randomArray(size(c.shape), 11), (v) => Math.max(0, Math.round(v * 2) / 2));
    const readout = randomArray(size(c.shape), 12);
    const grad = () => {
      const x = tf.tensor4d(values, c.shape as [number, number, number, number]);
      const g = tf.grad((t: tf.Tensor) => {
        const p = c.torchPad;
        const padded = p ? tf.pad(t as tf.Tensor4D, [[0, 0], [p, p], [p, p], [0, 0]], -Infinity) : (t as tf.Tensor4D);
        const y = tf.maxPool(padded, c.size, c.stride, c.pad);
        return tf.sum(tf.mul(y, tf.slice(tf.tensor1d(readout), 0, y.size).reshape(y.shape)));
      })(x);
      return [g];
    };
    const [cpu] = on("cpu", grad);
    const [wasm] = on("wasm", grad);
    // Overlapping windows add several gradients into one input in a different order: float rounding only.
    assertClose(wasm, cpu, "max-pool gradient", 1e-6);
  });
}

test("Slice on wasm matches cpu: crops of 4-D maps, merged whole trailing axes, 1-D to 5-D, int32, empty", () => {
  const cases: [number[], number[], number[]][] = [
    [[2, 6, 7, 3], [0, 1, 1, 0], [2, 4, 5, 3]], // a padding crop (ZeroPadding2D's gradient)
    [[2, 6, 7, 3], [1, 0, 0, 0], [1, 6, 7, 3]], // contiguous
    [[2, 6, 7, 3], [0, 2, 0, 0], [2, 3, 7, 3]], // whole trailing axes merge into one run
    [[3, 4, 5, 2, 3], [1, 1, 0, 1, 0], [2, 2, 5, 1, 3]],
    [[10], [3], [4]],
    [[4, 5], [1, 2], [3, 3]],
    [[4, 5], [1, 2], [0, 3]],
  ];
  for (const [shape, begin, sz] of cases) {
    for (const dtype of ["float32", "int32"] as const) {
      const values = Array.from({ length: size(shape) }, (_, i) => i * 3 - 7);
      const run = () => [tf.slice(tf.tensor(values, shape, dtype), begin, sz)];
      const [cpu] = on("cpu", run);
      const [wasm] = on("wasm", run);
      assert.deepEqual(Array.from(wasm), Array.from(cpu), `${dtype} slice of [${shape}] at [${begin}] size [${sz}]`);
    }
  }
  const [strings] = on("wasm", () => [tf.slice(tf.tensor1d(["a", "b", "c"], "string"), 1, 2)]);
  assert.deepEqual(Array.from(strings as unknown as string[]), ["b", "c"]);
});
