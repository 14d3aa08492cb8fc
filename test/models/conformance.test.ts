import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { checkConformance } from "../../src/weights/conformance";
import { REPO } from "../paths";

const fixture = (file: string) => path.join(REPO, "test", "fixtures", "models", file);

// PyTorch 1.13 / torchvision 0.14 computed these logits from the same weights and input
// (test/fixtures/models/make_*_fixtures.py); the kit must agree to 1e-4 of the logit scale.
const FILES = [
  "resnet50_w32.safetensors",
  "dala_resnet50_w32.safetensors",
  "dala_resnet50_l2_w32.safetensors",
  "seresnet50_w32.safetensors",
  "densenet121_w16.safetensors",
  "vgg16_w64.safetensors",
  "swin_b_w64.safetensors",
  "vit_w64.safetensors",
  "dinov2_vitb14_w64.safetensors",
];
for (const file of FILES) {
  test(`torchvision conformance: ${file}`, async () => {
    await initBackend({ backend: "cpu", quiet: true });
    const before = tf.memory().numTensors;
    const r = await checkConformance(fixture(file));
    assert.ok(r.logitsRelDiff <= 1e-4, `logits differ by ${r.logitsMaxAbsDiff} (scale ${r.logitScale})`);
    assert.ok(r.featuresRelDiff !== undefined && r.featuresRelDiff <= 1e-4, `CAM features differ: ${r.featuresRelDiff}`);
    assert.equal(tf.memory().numTensors, before, "conformance check leaks tensors");
  });
}

test("committed model fixtures stay small (< 2 MB in total)", () => {
  const dir = path.join(REPO, "test", "fixtures", "models");
  const total = fs.readdirSync(dir).reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);
  assert.ok(total < 2 * 1024 * 1024, `${total} bytes`);
});
