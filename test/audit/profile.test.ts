/**
 * Gale's conditions (src/audit/profile.ts) against brute force: on tiny test sets, the profiles
 * `realizable` accepts are exactly the profiles of some matrix, and the max-flow witness builds a
 * matrix with the profile for each of them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { completeMatrix, makeSpace, profileOfMatrix, realizable, validateTestSet } from "../../src/audit/profile";
import { allMatrices } from "./brute-force";

for (const counts of [[2, 3], [1, 2, 3], [3, 3, 2], [1, 1, 2, 2]]) {
  test(`realizable profiles are exactly the profiles of matrices, test set [${counts}]`, () => {
    const space = makeSpace({ classes: counts.map((_, i) => `c${i}`), counts }, null);
    const seen = new Set(allMatrices(counts).map((m) => JSON.stringify(profileOfMatrix(space, m))));
    const n = counts.reduce((a, b) => a + b, 0);
    let accepted = 0;
    // every profile in the full box: d_k in 0..n_k, o_k in 0..n - n_k
    const walk = (k: number, d: number[], o: number[]) => {
      if (k === counts.length) {
        const p = { d: [...d], o: [...o] };
        const ok = realizable(space, p);
        assert.equal(ok, seen.has(JSON.stringify(p)), `profile ${JSON.stringify(p)}`);
        if (ok) {
          accepted++;
          assert.deepEqual(profileOfMatrix(space, completeMatrix(space, p)), p);
        }
        return;
      }
      for (let dk = 0; dk <= counts[k]; dk++) for (let ok = 0; ok <= n - counts[k]; ok++) walk(k + 1, [...d, dk], [...o, ok]);
    };
    walk(0, [], []);
    assert.equal(accepted, seen.size);
  });
}

test("bad test sets are errors naming the value", () => {
  assert.throws(() => validateTestSet({ classes: ["a", "b"], counts: [3, -1] }), /class 'b' is -1, not a non-negative integer/);
  assert.throws(() => validateTestSet({ classes: ["a", "b"], counts: [0, 0] }), /test set is empty/);
  assert.throws(() => validateTestSet({ classes: ["a", "b"], counts: [2.5, 1] }), /class 'a' is 2.5/);
  assert.throws(() => validateTestSet({ classes: ["a"], counts: [3] }), /at least two classes/);
  assert.throws(() => makeSpace({ classes: ["a", "b"], counts: [3, 3] }, 2), /positive class 2/);
});
