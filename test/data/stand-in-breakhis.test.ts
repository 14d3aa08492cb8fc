import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseBreakhisName } from "../../src/data/manifest/breakhis";
import { BREAKHIS_MAGS, SHARED_SLIDE, planBreakhis } from "../../src/data/stand-in/breakhis-layout";
import { withServedStandIn } from "./serve-stand-in";

/** Table 3 of the paper: benign / malignant images per magnification. */
const TABLE_3 = { "40X": [625, 1370], "100X": [644, 1437], "200X": [623, 1390], "400X": [588, 1232] };

test("the BreakHis stand-in plan: Table 3's counts, 82 patient folders of 81 patients (slide 14-13412 under two types), names the scanner reads", () => {
  const plan = planBreakhis({ seed: 7 });
  assert.equal(plan.length, 7909);
  for (const mag of BREAKHIS_MAGS) {
    const here = plan.filter((p) => p.magnification === mag);
    assert.deepEqual([here.filter((p) => p.benign).length, here.filter((p) => !p.benign).length], TABLE_3[mag], mag);
  }
  const folders = new Set(plan.map((p) => p.path.split("/").slice(0, -2).join("/")));
  assert.equal(folders.size, 82);
  assert.equal(new Set(plan.map((p) => p.patient)).size, 81);
  assert.deepEqual([...new Set(plan.filter((p) => p.patient === SHARED_SLIDE).map((p) => p.path.split("/")[5]))], ["ductal_carcinoma", "lobular_carcinoma"]);
  for (const p of plan) {
    const name = parseBreakhisName(p.path)!;
    assert.ok(name, p.path);
    assert.equal(name.patient, p.patient);
    assert.equal(name.magnification, p.magnification);
    assert.match(p.patient, /^1[45]-\d+[A-Z]*$/);
  }
  assert.deepEqual(planBreakhis({ seed: 7 }), plan, "deterministic");
  assert.equal(planBreakhis({ seed: 7, perFolder: 1 }).length, 82 * 4);
});

test("dala data stand-in breakhis, served over HTTP and fetched by 'dala data fetch breakhis --url': the manifest the real set would give", async () => {
  await withServedStandIn("breakhis", "BreaKHis_v1.tar.gz", ["--per-folder", "1", "--seed", "7"], ({ manifest: m }) => {
    assert.deepEqual(m.problems, []);
    assert.equal(m.rows.length, 328);
    for (const mag of BREAKHIS_MAGS) {
      const rows = m.rows.filter((r) => r.magnification === mag);
      assert.deepEqual([rows.filter((r) => r.labelIndex === 0).length, rows.filter((r) => r.labelIndex === 1).length], [24, 58], mag);
    }
    assert.equal(new Set(m.rows.map((r) => r.patient)).size, 81);
    assert.ok(m.rows.every((r) => r.width === 700 && r.height === 460));
    const sizes = m.rows.map((r) => fs.statSync(path.join(m.root, r.path)).size);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    assert.ok(mean > 400_000 && mean < 600_000, `mean PNG size ${mean} bytes, the real set's is about 500 kB`);
  });
});
