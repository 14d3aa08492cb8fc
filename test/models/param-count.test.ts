import { test } from "node:test";
import assert from "node:assert/strict";
import { initBackend } from "../../src/backend/index";
import { countParams } from "../../src/models/param-count";

// PyTorch parameter counts that reproduce the paper's Tables 9-10 (paper-facts.md, Architectures),
// measured there with torchvision modules.
const EXACT: [string, object, number][] = [
  ["resnet50", { numClasses: 2 }, 23_512_130],
  ["resnet50", { numClasses: 4 }, 23_516_228],
  ["resnet50", { numClasses: 3 }, 23_514_179],
  ["dala_resnet50", { numClasses: 2 }, 25_611_842],
  ["dala_resnet50", { numClasses: 4 }, 24_042_692],
  ["dala_resnet50", { numClasses: 3 }, 24_040_643],
  ["dala_resnet50", { numClasses: 2, attentionAfter: 1, reduction: 16 }, 23_520_594],
  ["dala_resnet50", { numClasses: 2, attentionAfter: 2, reduction: 16 }, 23_545_442],
  ["dala_resnet50", { numClasses: 2, attentionAfter: 3, reduction: 16 }, 23_644_290],
  ["dala_resnet50", { numClasses: 2, attentionAfter: 4, reduction: 16 }, 24_038_594],
  ["dala_resnet50", { numClasses: 2, attentionAfter: 1, reduction: 4 }, 23_545_218],
  ["dala_resnet50", { numClasses: 2, attentionAfter: 2, reduction: 4 }, 23_643_842],
  ["dala_resnet50", { numClasses: 2, attentionAfter: 3, reduction: 4 }, 24_037_698],
  ["seresnet50", { numClasses: 2 }, 27_073_090],
  ["seresnet50", { numClasses: 4 }, 27_074_116],
  ["seresnet50", { numClasses: 3 }, 27_073_603],
  ["densenet121", { numClasses: 2 }, 6_955_906],
  ["densenet121", { numClasses: 4 }, 6_957_956],
  ["densenet121", { numClasses: 3 }, 6_956_931],
  ["densenet121_paper", { numClasses: 2 }, 9_028_970],
  ["densenet121_paper", { numClasses: 4 }, 9_029_996],
  ["densenet121_paper", { numClasses: 3 }, 9_029_483],
  ["vgg16", { numClasses: 2 }, 134_268_738],
  ["vgg16", { numClasses: 4 }, 134_276_932],
  ["vgg16", { numClasses: 3 }, 134_272_835],
  ["vit", { numClasses: 2 }, 51_375_106],
  ["vit", { numClasses: 4 }, 51_377_156],
  ["vit", { numClasses: 3 }, 51_376_131],
  ["swin_b", { numClasses: 2 }, 86_745_274],
  ["swin_b", { numClasses: 4 }, 86_747_324],
  ["swin_b", { numClasses: 3 }, 86_746_299],
  ["dinov2_vitb14", { numClasses: 2 }, 86_582_018],
  ["dinov2_vitb14", { numClasses: 4 }, 86_583_556],
  ["dinov2_vitb14", { numClasses: 3 }, 86_582_787],
];

// Keras counting (BN moving statistics included), as paper-facts.md measured the authors' VGGIN-Net.
test("vgg16_inception has the authors' 8,959,138 parameters (Keras counting) for 2 classes", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  assert.equal(countParams("vgg16_inception", { numClasses: 2 }).total, 8_959_138);
});

for (const [name, options, expected] of EXACT) {
  test(`${name} ${JSON.stringify(options)} has ${expected} PyTorch parameters`, async () => {
    await initBackend({ backend: "cpu", quiet: true });
    assert.equal(countParams(name, options as any).trainable, expected);
  });
}

test("total adds the batch-norm running statistics (2 per BN channel; ResNet50 has 26,560 BN channels)", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const c = countParams("resnet50", { numClasses: 2 });
  assert.equal(c.total - c.trainable, 2 * 26_560);
});
