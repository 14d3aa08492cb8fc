/**
 * The search's closed-form readings against the kit's metrics (src/metrics, checked against
 * scikit-learn and imbalanced-learn) on random matrices: one definition of every metric, whichever
 * path computes it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { NUMBERS } from "../../src/audit/interval";
import { impliedValue } from "../../src/audit/implied";
import { makeSpace, profileOfMatrix, profileTerms } from "../../src/audit/profile";
import { READINGS, reading } from "../../src/audit/readings";
import { matrixCases, rowSums } from "./random-matrices";

test("every reading's formula equals src/metrics on random binary and k-class matrices", () => {
  for (const seed of [1, 2, 3]) {
    for (const { name, matrix } of matrixCases(seed)) {
      const counts = rowSums(matrix);
      for (const positive of [0, counts.length - 1]) {
        const space = makeSpace({ classes: counts.map((_, i) => `c${i}`), counts }, positive);
        const terms = profileTerms(space, profileOfMatrix(space, matrix));
        for (const r of READINGS) {
          const formula = r.value(terms, NUMBERS);
          const metrics = impliedValue(r.id, matrix, positive);
          assert.ok(Math.abs(formula - metrics) < 1e-12, `${name}, seed ${seed}, positive ${positive}, ${r.id}: formula ${formula}, src/metrics ${metrics}`);
        }
      }
    }
  }
});

test("an unknown reading is an error naming it", () => {
  assert.throws(() => reading("f1.harmonic"), /unknown reading 'f1.harmonic'/);
});
