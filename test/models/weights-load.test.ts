import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { initBackend } from "../../src/backend/index";
import type { NamedTensor } from "../../src/io/safetensors";
import { createModel } from "../../src/models/registry";
import { loadTorchWeights } from "../../src/weights/load";
import { readCheckpoint } from "../../src/weights/read-checkpoint";
import { convWeightToHWIO, linearWeightToKernel } from "../../src/weights/torch-layout";
import { REPO } from "../paths";

const FIXTURE = path.join(REPO, "test", "fixtures", "models", "resnet50_w32.safetensors");
const tiny = { widthMultiplier: 1 / 32, inputSize: 40 };

function stateDict(): Record<string, NamedTensor> {
  const { tensors } = readCheckpoint(FIXTURE);
  return Object.fromEntries(Object.entries(tensors).filter(([k]) => !k.startsWith("__")));
}

test("layouts: OIHW -> HWIO and [out, in] -> [in, out] (hand-computed)", () => {
  // weight[o][i][h][w] = 1000o + 100i + 10h + w, shape [2, 3, 1, 2]
  const shape = [2, 3, 1, 2];
  const data = new Float32Array(12);
  let n = 0;
  for (let o = 0; o < 2; o++) for (let i = 0; i < 3; i++) for (let w = 0; w < 2; w++) data[n++] = 1000 * o + 100 * i + w;
  const hwio = convWeightToHWIO(data, shape);
  assert.deepEqual(hwio.shape, [1, 2, 3, 2]);
  // index [h=0][w=1][i=2][o=1] = ((0 * 2 + 1) * 3 + 2) * 2 + 1 = 11
  assert.equal(hwio.data[11], 1000 + 200 + 1);
  assert.equal(hwio.data[4], 200); // [0][0][2][0]
  const lin = linearWeightToKernel(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
  assert.deepEqual(lin.shape, [3, 2]);
  assert.deepEqual(Array.from(lin.data), [1, 4, 2, 5, 3, 6]);
});

test("pretrained load: the trunk is loaded, the head stays freshly initialised for C classes", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const kit = createModel("resnet50", { numClasses: 3, ...tiny });
  try {
    const freshFc = kit.model.getLayer("fc").getWeights()[0].dataSync().slice();
    const report = loadTorchWeights(kit, { tensors: stateDict(), metadata: {} });
    assert.deepEqual(report.fresh.sort(), ["fc/bias", "fc/kernel"]);
    assert.ok(report.ignored.includes("fc.weight") && report.ignored.includes("fc.bias"));
    assert.equal(report.loaded.length, 265);
    assert.deepEqual(Array.from(kit.model.getLayer("fc").getWeights()[0].dataSync()), Array.from(freshFc));
    const sd = stateDict();
    const mean = kit.model.getLayer("layer3.1.bn2").getWeights()[2].dataSync();
    assert.deepEqual(Array.from(mean), Array.from(sd["layer3.1.bn2.running_mean"].data as Float32Array));
  } finally {
    kit.dispose();
  }
});

test("a missing, unexpected or mis-shaped tensor is an error naming each one, and nothing is loaded", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const kit = createModel("resnet50", { numClasses: 2, ...tiny });
  try {
    const sd = stateDict();
    delete sd["layer2.0.conv1.weight"];
    sd["layer9.extra.weight"] = sd["bn1.weight"];
    sd["layer1.0.bn1.bias"] = { dtype: "F32", shape: [3], data: new Float32Array(3) };
    const before = kit.model.getLayer("conv1").getWeights()[0].dataSync().slice();
    assert.throws(
      () => loadTorchWeights(kit, { tensors: sd, metadata: {} }, { source: "broken.safetensors" }),
      (e: Error) =>
        /broken\.safetensors does not fit model 'resnet50'/.test(e.message) &&
        /missing \(1\): layer2\.0\.conv1\.weight/.test(e.message) &&
        /mis-shaped \(1\):\s+layer1\.0\.bn1\.bias: checkpoint \[3\]/.test(e.message) &&
        /unexpected \(1\): layer9\.extra\.weight/.test(e.message),
    );
    assert.deepEqual(Array.from(kit.model.getLayer("conv1").getWeights()[0].dataSync()), Array.from(before));
  } finally {
    kit.dispose();
  }
});

test("timm's VGG16 naming (classifier stored as pre_logits convolutions, head.fc) loads like torchvision's", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const file = path.join(REPO, "test", "fixtures", "models", "vgg16_w64.safetensors");
  const { tensors } = readCheckpoint(file);
  const timm: Record<string, NamedTensor> = {};
  for (const [k, t] of Object.entries(tensors)) {
    if (k.startsWith("__")) continue;
    const [, layer, role] = /^classifier\.(\d)\.(\w+)$/.exec(k) ?? [];
    if (!layer) timm[k] = t;
    else if (layer === "6") timm[`head.fc.${role}`] = t;
    else {
      const name = `pre_logits.fc${layer === "0" ? 1 : 2}.${role}`;
      const [out, inp] = t.shape;
      timm[name] = role === "weight" ? { ...t, shape: layer === "0" ? [out, inp / 49, 7, 7] : [out, inp, 1, 1] } : t;
    }
  }
  const options = { numClasses: 2, inputSize: 40, widthMultiplier: 1 / 64 };
  const a = createModel("vgg16", options);
  const b = createModel("vgg16", { ...options, seed: 2 });
  try {
    loadTorchWeights(a, { tensors: timm, metadata: {} }, { keepHead: true, naming: "timm-vgg" });
    const plain = Object.fromEntries(Object.entries(tensors).filter(([k]) => !k.startsWith("__")));
    loadTorchWeights(b, { tensors: plain, metadata: {} }, { keepHead: true, naming: "torchvision" });
    for (const layer of ["classifier.0", "classifier.3", "classifier.6", "features.28"]) {
      const wa = a.model.getLayer(layer).getWeights()[0].dataSync();
      const wb = b.model.getLayer(layer).getWeights()[0].dataSync();
      assert.deepEqual(Array.from(wa), Array.from(wb), layer);
    }
  } finally {
    a.dispose();
    b.dispose();
  }
});

test("DALA from ResNet50 weights: the attention module is new, so it stays fresh; so do SE blocks", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  for (const name of ["dala_resnet50", "seresnet50"]) {
    const kit = createModel(name, { numClasses: 2, ...tiny });
    try {
      const report = loadTorchWeights(kit, { tensors: stateDict(), metadata: {} });
      assert.equal(report.loaded.length, 265, name);
      const fresh = name === "dala_resnet50" ? ["attention.fc1/kernel", "attention.fc1/bias", "attention.fc2/kernel", "attention.fc2/bias"] : ["layer4.2.se.fc2/kernel"];
      for (const v of fresh) assert.ok(report.fresh.includes(v), `${name}: ${v} fresh`);
    } finally {
      kit.dispose();
    }
  }
});

test("timm's Swin naming maps onto torchvision's features.k sequence (downsample at the start of a stage)", async () => {
  await initBackend({ backend: "cpu", quiet: true });
  const file = path.join(REPO, "test", "fixtures", "models", "swin_b_w64.safetensors");
  const { tensors } = readCheckpoint(file);
  const timm: Record<string, NamedTensor> = {};
  for (const [k, t] of Object.entries(tensors)) {
    if (k.startsWith("__")) continue;
    let m: RegExpExecArray | null;
    let name = k;
    if ((m = /^features\.0\.0\.(.+)$/.exec(k))) name = `patch_embed.proj.${m[1]}`;
    else if ((m = /^features\.0\.2\.(.+)$/.exec(k))) name = `patch_embed.norm.${m[1]}`;
    else if ((m = /^features\.(\d+)\.(\d+)\.(.+)$/.exec(k))) name = `layers.${(Number(m[1]) - 1) / 2}.blocks.${m[2]}.${m[3].replace("mlp.0.", "mlp.fc1.").replace("mlp.3.", "mlp.fc2.")}`;
    else if ((m = /^features\.(\d+)\.(norm|reduction)\.(.+)$/.exec(k))) name = `layers.${Number(m[1]) / 2}.downsample.${m[2]}.${m[3]}`;
    else if ((m = /^head\.(.+)$/.exec(k))) name = `head.fc.${m[1]}`;
    timm[name] = t;
  }
  timm["layers.0.blocks.1.attn.relative_position_index"] = { dtype: "I64", shape: [1], data: new BigInt64Array(1) };
  const kit = createModel("swin_b", { numClasses: 2, inputSize: 56, widthMultiplier: 1 / 64 });
  try {
    const report = loadTorchWeights(kit, { tensors: timm, metadata: {} }, { keepHead: true });
    assert.equal(report.loaded.length, Object.keys(timm).length - 1);
    assert.deepEqual(report.ignored, ["layers.0.blocks.1.attn.relative_position_index"]);
    const table = kit.model.getLayer("features.5.17.attn").getWeights()[4].dataSync();
    assert.deepEqual(Array.from(table), Array.from(tensors["features.5.17.attn.relative_position_bias_table"].data as Float32Array));
  } finally {
    kit.dispose();
  }
});
