/** Batch-norm folded into convolutions gives the model's own inference output, with fewer kernels. */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { createModel } from "../../src/models/registry";
import { createRng } from "../../src/random";
import { foldBatchNorm, foldConvBatchNorm, withFoldedFeatures } from "../../src/models/fold-batch-norm";
import { dtGradCam } from "../../src/cam/dt-grad-cam";

before(async () => {
  await initBackend({ backend: "wasm", quiet: true });
});

test("foldConvBatchNorm: hand-computed 1x1 case", () => {
  const f = foldConvBatchNorm(
    tf.tensor4d([2, 3], [1, 1, 1, 2]),
    tf.tensor1d([1, 0]),
    tf.tensor1d([4, 1]),
    tf.tensor1d([0.5, -1]),
    tf.tensor1d([3, 2]),
    tf.tensor1d([3, 0]),
    1,
  );
  // scale = gamma / sqrt(var + eps) = [2, 1]; bias = beta + (b - mean) * scale = [0.5 - 4, -1 - 2]
  assert.deepEqual(Array.from(f.kernel.dataSync()), [4, 3]);
  assert.deepEqual(Array.from(f.bias.dataSync()), [-3.5, -3]);
});

test("foldBatchNorm on DALAResNet50 (width 1/8, 32 px) with non-trivial statistics equals predict", () => {
  const model = createModel("dala_resnet50", { numClasses: 3, inputSize: 32, widthMultiplier: 0.125, seed: 2 });
  const rng = createRng(11);
  const bnLayers = model.model.layers.filter((l) => l.getClassName() === "BatchNormalization");
  for (const layer of bnLayers) {
    const c = layer.getWeights()[0].shape[0];
    const draw = (lo: number, hi: number) => tf.tensor1d(Float32Array.from({ length: c }, () => rng.uniform(lo, hi)));
    layer.setWeights([draw(0.5, 1.5), draw(-0.5, 0.5), draw(-0.5, 0.5), draw(0.5, 2)]);
  }
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 32 * 32 * 3 }, () => rng.uniform(-1, 1)), [2, 32, 32, 3]);
  const folded = foldBatchNorm(model.model);
  assert.equal(folded.folded, bnLayers.length, "every conv + batch-norm pair of a ResNet folds");
  const before = tf.memory().numTensors;
  const got = folded.predict(x);
  assert.equal(tf.memory().numTensors, before + 1, "only the output is left");
  const want = model.model.predict(x) as tf.Tensor;
  const g = got.dataSync();
  const w = want.dataSync();
  for (let i = 0; i < w.length; i++) assert.ok(Math.abs(g[i] - w[i]) <= 1e-4 * Math.max(1, Math.abs(w[i])), `logit ${i}: ${g[i]} vs ${w[i]}`);
  tf.dispose([got, want, x]);
  folded.dispose();
  model.dispose();
});

test("withFoldedFeatures: DT Grad-CAM of a model with folded features equals the model's own", async () => {
  const model = createModel("dala_resnet50", { numClasses: 2, inputSize: 32, widthMultiplier: 0.125, seed: 4 });
  const rng = createRng(5);
  for (const layer of model.model.layers.filter((l) => l.getClassName() === "BatchNormalization")) {
    const c = layer.getWeights()[0].shape[0];
    const draw = (lo: number, hi: number) => tf.tensor1d(Float32Array.from({ length: c }, () => rng.uniform(lo, hi)));
    layer.setWeights([draw(0.5, 1.5), draw(-0.5, 0.5), draw(-0.5, 0.5), draw(0.5, 2)]);
  }
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 32 * 32 * 3 }, () => rng.uniform(-1, 1)), [2, 32, 32, 3]);
  const folded = withFoldedFeatures(model);
  assert.notEqual(folded.forwardFeatures, model.forwardFeatures);
  const options = { samples: 4, targets: Int32Array.from([0, 1]), seed: 3 };
  const want = await dtGradCam(model, x, options);
  const got = await dtGradCam(folded, x, options);
  const w = want.averagedMap;
  const g = got.averagedMap;
  for (let i = 0; i < w.length; i++) assert.ok(Math.abs(g[i] - w[i]) <= 1e-4, `map ${i}: ${g[i]} vs ${w[i]}`);
  const training = folded.forwardFeatures(x, true);
  const own = model.forwardFeatures(x, true);
  assert.deepEqual(training.shape, own.shape, "training-mode calls go to the model itself");
  tf.dispose([x, training, own]);
  folded.dispose();
});
