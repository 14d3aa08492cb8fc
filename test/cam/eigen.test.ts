import { test } from "node:test";
import assert from "node:assert/strict";
import { symmetricEigen } from "../../src/cam/linalg/symmetric-eigen";
import { principalProjection } from "../../src/cam/eigen-cam";
import { createRng } from "../../src/random";

function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

test("symmetricEigen reconstructs A = V diag(l) V^T with orthonormal vectors, eigenvalues descending", () => {
  const n = 7;
  const b = randomMatrix(n, n, 1);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = b[i * n + j] + b[j * n + i];
  const { values, vectors } = symmetricEigen(a, n);
  for (let k = 1; k < n; k++) assert.ok(values[k - 1] >= values[k]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let rec = 0;
      let dot = 0;
      for (let k = 0; k < n; k++) {
        rec += vectors[k * n + i] * values[k] * vectors[k * n + j];
        dot += vectors[i * n + k] * vectors[j * n + k];
      }
      assert.ok(Math.abs(rec - a[i * n + j]) < 1e-10);
      assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-10);
    }
  }
});

test("Eigen-CAM's Gram-matrix path (positions < channels) gives the covariance path's projection", () => {
  const p = 5;
  const c = 9;
  const r = randomMatrix(p, c, 2);
  const got = principalProjection(r, p, c);
  // Direct route: top eigenvector of the c x c covariance of the centred rows.
  const rc = Float64Array.from(r, (v, idx) => v - got.means[idx % c]);
  const cov = new Float64Array(c * c);
  for (let i = 0; i < p; i++) for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) cov[a * c + b] += rc[i * c + a] * rc[i * c + b];
  const { values, vectors } = symmetricEigen(cov, c);
  const sign = got.vector.reduce((s, v, k) => s + v * vectors[k], 0) < 0 ? -1 : 1;
  for (let i = 0; i < p; i++) {
    let proj = 0;
    for (let k = 0; k < c; k++) proj += rc[i * c + k] * vectors[k];
    assert.ok(Math.abs(sign * proj - got.projection[i]) < 1e-10);
  }
  for (let k = 0; k < c; k++) assert.ok(Math.abs(sign * vectors[k] - got.vector[k]) < 1e-10);
  assert.equal(got.singularValues.length, p);
  assert.ok(Math.abs(got.singularValues[0] - Math.sqrt(values[0])) < 1e-10);
});
