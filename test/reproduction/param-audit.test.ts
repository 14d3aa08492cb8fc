import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/backend/index";
import { AUDIT_SPECS, auditRow } from "../../src/reproduction/param-audit";

const spec = (kitModel: string, paperModel?: string) => {
  const s = AUDIT_SPECS.find((x) => x.kitModel === kitModel && !x.kitOnly && (!paperModel || x.paperModel === paperModel));
  if (!s) throw new Error(`no audit spec for ${kitModel}`);
  return s;
};

test("audit rows: exact where paper-facts.md reproduced the count, flagged with a reason where not", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const dala = auditRow(spec("dala_resnet50"), "BACH");
  assert.equal(dala.status, "exact");
  assert.equal(dala.paper?.count, 24_042_692);
  assert.equal(dala.paper?.source, "Table 10, line 191");

  const resnet = auditRow(spec("resnet50"), "BreakHis");
  assert.equal(resnet.status, "differs");
  assert.equal(resnet.difference, 23_512_130 - 21_797_672);
  assert.match(resnet.reason ?? "", /resnet34 with its 1000-class fc/);

  const swin = auditRow(spec("swin_b"), "BACH");
  assert.equal(swin.difference, 86_747_324 - 86_753_470);
  assert.match(swin.reason ?? "", /derived, not measured/);

  const vggin = auditRow(spec("vgg16_inception"), "BreakHis");
  assert.equal(vggin.compared, "total");
  assert.equal(vggin.kit.total, 8_959_138);
  assert.equal(vggin.status, "differs");
});
