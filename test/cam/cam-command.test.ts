import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { initBackend } from "../../src/backend/index";
import { main } from "../../src/cli/main";
import { createModel } from "../../src/models/registry";
import { saveCheckpoint } from "../../src/training/checkpoint";
import { writePng } from "../../src/cam/png";

test("dala cam writes overlays, maps, DT masks and cam.json for a run directory", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-cam-"));
  try {
    const run = path.join(dir, "run");
    fs.mkdirSync(run);
    const kit = createModel("dala_resnet50", { numClasses: 2, inputSize: 32, widthMultiplier: 1 / 32, seed: 3 });
    fs.writeFileSync(path.join(run, "config.json"), JSON.stringify({ spec: { model: "dala_resnet50" }, model: { options: kit.options } }));
    await saveCheckpoint(path.join(run, "best.safetensors"), kit.model);
    kit.dispose();
    const images = ["a.png", "b.png"].map((f) => path.join(dir, f));
    for (const [k, f] of images.entries()) {
      await writePng(f, Uint8Array.from({ length: 40 * 30 * 3 }, (_, i) => (i * (k + 3)) % 256), 40, 30, 3);
    }
    const out = path.join(dir, "out");
    const args = ["cam", "--model", run, "--image", images[0], "--image", images[1], "--method", "gradcam", "--method", "DT", "--samples", "2", "--out", out, "--target", "1"];
    assert.equal(await main(args), 0);
    for (const stem of ["a", "b"]) {
      for (const f of ["gradcam-overlay.png", "gradcam-map.png", "dtgradcam-overlay.png", "dtgradcam-mask.png"]) {
        assert.ok(fs.existsSync(path.join(out, stem, f)), `${stem}/${f}`);
      }
      assert.ok(!fs.existsSync(path.join(out, stem, "gradcam-mask.png")));
    }
    const record = JSON.parse(fs.readFileSync(path.join(out, "cam.json"), "utf8"));
    assert.equal(record.images.length, 2);
    assert.equal(record.images[0].methods.gradcam.target, 1);
    assert.equal(typeof record.images[1].methods.dtgradcam.threshold, "number");
    assert.ok(Math.abs(record.images[0].probabilities.reduce((s: number, p: number) => s + p, 0) - 1) < 1e-5);
    assert.ok(record.provenance.commit);
    assert.notEqual(await main(["cam", "--model", run, "--image", images[0], "--method", "lime", "--out", out]), 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
