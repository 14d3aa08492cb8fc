import { test } from "node:test";
import assert from "node:assert/strict";
import { notebookContext } from "../../src/reproduction/notebook-context";

test("report context: synthetic follows the profile; real data must be named", () => {
  const demo = notebookContext({ resultsDir: "/tmp/x" });
  assert.deepEqual([demo.profile, demo.synthetic, demo.dataset, demo.resultsDir], ["demo", true, "synthetic", "/tmp/x"]);
  assert.throws(() => notebookContext({ profile: "paper" }), /name the real data set/);
  assert.equal(notebookContext({ profile: "paper", dataset: "BreakHis 40X" }).synthetic, false);
  assert.equal(notebookContext({ profile: "paper-smoke", dataset: "BreakHis 40X" }).synthetic, true, "stand-ins have generated pixels");
  assert.throws(() => notebookContext({ profile: "mine" }), /profile 'mine' is not one of ci, demo, study, paper, paper-smoke/);
  assert.equal(notebookContext({ profile: "mine", synthetic: false, dataset: "BACH" }).profile, "mine");
  process.env.DALA_NOTEBOOK = "03-ablation-by-layer.ipynb";
  try {
    assert.equal(notebookContext().notebook, "03-ablation-by-layer.ipynb");
  } finally {
    delete process.env.DALA_NOTEBOOK;
  }
});

test("the notebook context carries the provenance of its profile, data, seed and config", () => {
  const ctx = notebookContext({ resultsDir: "/tmp/x", profile: "ci", seed: 3, config: { a: 1 } });
  assert.deepEqual([ctx.provenance.profile, ctx.provenance.dataset, ctx.provenance.seed, ctx.provenance.config], ["ci", "synthetic", 3, { a: 1 }]);
  assert.match(ctx.provenance.configHash!, /^[0-9a-f]{16}$/);
});
