import { test } from "node:test";
import assert from "node:assert/strict";
import { collapsedRunSentences } from "../../src/reproduction/cam-model-check";
import { fixtureRun } from "./run-fixtures";

test("a CAM model that predicts one class for (nearly) every test image is named as a failed run; one that does not is not", () => {
  const labels = Array.from({ length: 20 }, (_, i) => (i < 6 ? 0 : 1));
  const constant = fixtureRun({ request: { model: "dala_resnet50", dataset: "synthetic-breakhis", magnification: "40X", seed: 2 }, labels, predictions: labels.map(() => 1), classNames: ["benign", "malignant"] });
  const nearly = fixtureRun({ request: { model: "dala_resnet50", dataset: "synthetic-breakhis", magnification: "100X" }, labels, predictions: labels.map((_, i) => (i === 0 ? 0 : 1)), classNames: ["benign", "malignant"] });
  const working = fixtureRun({ request: { model: "dala_resnet50", dataset: "synthetic-breakhis", magnification: "200X" }, labels, predictions: labels, classNames: ["benign", "malignant"] });
  assert.deepEqual(collapsedRunSentences([constant, nearly, working]), [
    "fixture predicts 'malignant' for 100% of its 20 test images",
    "fixture predicts 'malignant' for 95% of its 20 test images",
  ]);
});
