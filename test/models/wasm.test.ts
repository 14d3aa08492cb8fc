import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { createModel } from "../../src/models/registry";
import { checkConformance } from "../../src/weights/conformance";
import { REPO } from "../paths";

const FILES = ["resnet50_w32", "dala_resnet50_w32", "densenet121_w16", "vgg16_w64", "swin_b_w64", "vit_w64", "dinov2_vitb14_w64"];

for (const f of FILES) {
  test(`wasm: ${f} agrees with PyTorch`, async () => {
    await initBackend({ backend: "wasm", quiet: true });
    const r = await checkConformance(path.join(REPO, "test", "fixtures", "models", `${f}.safetensors`));
    assert.ok(r.logitsRelDiff <= 1e-4, `logits differ by ${r.logitsRelDiff} of the scale`);
  });
}

// What Grad-CAM asks of every model: d logit / d CAM activations through the head (custom layers,
// the CLS-token adapter, shifted windows) on the backend that lacks several gradient kernels.
for (const [name, inputSize] of [["dala_resnet50", 40], ["swin_b", 56], ["vit", 32], ["dinov2_vitb14", 28]] as const) {
  test(`wasm: gradient of the logits with respect to ${name}'s CAM layer`, async () => {
    await initBackend({ backend: "wasm", quiet: true });
    const kit = createModel(name, { numClasses: 3, inputSize, widthMultiplier: 1 / 32 });
    try {
      tf.tidy(() => {
        const x = tf.randomNormal([2, inputSize, inputSize, 3], 0, 1, "float32", 5) as tf.Tensor4D;
        const a = kit.forwardFeatures(x);
        const oneHot = tf.oneHot([0, 2], 3).toFloat();
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(kit.forwardHead(t as tf.Tensor4D), oneHot)))(a);
        assert.deepEqual(g.shape, a.shape);
        const values = g.dataSync();
        assert.ok(values.every(Number.isFinite));
        assert.ok(tf.max(tf.abs(g)).dataSync()[0] > 0, "gradient is identically zero");
      });
    } finally {
      kit.dispose();
    }
  });
}
