import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { DIHEDRAL_TRANSFORMS, dihedralTransform } from "../../src/data/pipeline/dihedral";

/** One 1-channel image as rows. */
function image(rows: number[][]): tf.Tensor4D {
  return tf.tensor4d(rows.flat(), [1, rows.length, rows.length, 1]);
}
function rowsOf(t: tf.Tensor4D): number[][] {
  const n = t.shape[1];
  const v = Array.from(t.dataSync());
  return Array.from({ length: n }, (_, i) => v.slice(i * n, (i + 1) * n));
}

test("dihedral transforms: numpy's rot90 (counter-clockwise) k times, then a horizontal flip for k >= 4", () => {
  const x = image([
    [1, 2],
    [3, 4],
  ]);
  const expected = [
    [[1, 2], [3, 4]],
    [[2, 4], [1, 3]], // np.rot90
    [[4, 3], [2, 1]],
    [[3, 1], [4, 2]],
    [[2, 1], [4, 3]], // np.fliplr
    [[4, 2], [3, 1]], // np.fliplr(np.rot90)
    [[3, 4], [1, 2]],
    [[1, 3], [2, 4]],
  ];
  expected.forEach((rows, k) => assert.deepEqual(rowsOf(dihedralTransform(x, k)), rows, `k = ${k}`));
});

test("dihedral transforms: eight distinct pixel permutations of every channel; errors name the problem", () => {
  const n = 3;
  const values = Array.from({ length: 2 * n * n * 2 }, (_, i) => i);
  const x = tf.tensor4d(values, [2, n, n, 2]);
  const seen = new Set<string>();
  for (let k = 0; k < DIHEDRAL_TRANSFORMS; k++) {
    const y = dihedralTransform(x, k);
    assert.deepEqual(y.shape, x.shape);
    const v = Array.from(y.dataSync());
    assert.deepEqual([...v].sort((a, b) => a - b), values, "a permutation");
    // Channel c of every pixel stays channel c, and image j stays image j.
    v.forEach((value, i) => {
      assert.equal(value % 2, i % 2);
      assert.equal(Math.floor(value / (n * n * 2)), Math.floor(i / (n * n * 2)));
    });
    seen.add(v.join(","));
  }
  assert.equal(seen.size, 8);
  // Four quarter turns are the identity.
  let y = x;
  for (let r = 0; r < 4; r++) y = dihedralTransform(y, 1);
  assert.deepEqual(Array.from(y.dataSync()), values);
  assert.throws(() => dihedralTransform(x, 8), /must be 0..7, got 8/);
  assert.throws(() => dihedralTransform(tf.zeros([1, 2, 3, 1]) as tf.Tensor4D, 0), /square images, got 2x3/);
});
