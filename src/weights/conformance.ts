/**
 * Checks that a kit model given PyTorch's weights computes what PyTorch computed. A conformance file
 * (made by test/fixtures/models/make_*.py) holds a state_dict, a fixed input `__input__` (NCHW), the
 * CAM-layer activations `__features__` (NCHW for CNNs) and `__logits__`, plus the kit options in the
 * `config` metadata entry.
 */
import * as tf from "@tensorflow/tfjs";
import type { NamedTensor } from "../io/safetensors";
import { readCheckpoint } from "./read-checkpoint";
import { createModel } from "../models/registry";
import type { ModelOptions } from "../models/types";
import { loadTorchWeights } from "./load";

export interface ConformanceResult {
  model: string;
  options: ModelOptions;
  /** max |kit - torch| over the logits, divided by max |torch logit|. */
  logitsRelDiff: number;
  logitsMaxAbsDiff: number;
  logitScale: number;
  /** Same for the CAM-layer activations (undefined when the file stores none). */
  featuresRelDiff?: number;
}

const RESERVED = ["__input__", "__features__", "__logits__"];

async function relDiff(actual: tf.Tensor, expected: tf.Tensor): Promise<{ rel: number; abs: number; scale: number }> {
  const [absT, scaleT] = tf.tidy(() => [tf.max(tf.abs(tf.sub(actual, expected))), tf.max(tf.abs(expected))]);
  try {
    const [abs, scale] = [(await absT.data())[0], (await scaleT.data())[0]];
    return { rel: abs / scale, abs, scale };
  } finally {
    tf.dispose([absT, scaleT]);
  }
}

const tensorOf = (t: NamedTensor) => tf.tensor(t.data as Float32Array, t.shape, "float32");

export async function checkConformance(file: string): Promise<ConformanceResult> {
  const ckpt = readCheckpoint(file);
  if (!ckpt.metadata.config) throw new Error(`${file}: no 'config' metadata (not a conformance file)`);
  const { model: name, ...options } = JSON.parse(ckpt.metadata.config) as ModelOptions & { model: string };
  for (const key of ["__input__", "__logits__"]) if (!ckpt.tensors[key]) throw new Error(`${file}: tensor '${key}' missing`);
  const kit = createModel(name, options);
  try {
    const weights = Object.fromEntries(Object.entries(ckpt.tensors).filter(([k]) => !RESERVED.includes(k)));
    // Fixtures carry the kit's PyTorch module names, whatever the published checkpoint's convention.
    loadTorchWeights(kit, { tensors: weights, metadata: {} }, { keepHead: true, source: file, naming: "torchvision" });
    const f = ckpt.tensors.__features__;
    const [features, logits, expectedLogits, expectedFeatures] = tf.tidy(() => {
      const x = tf.transpose(tensorOf(ckpt.tensors.__input__), [0, 2, 3, 1]) as tf.Tensor4D;
      const a = kit.forwardFeatures(x);
      const expected = f && (f.shape.length === 4 ? tf.transpose(tensorOf(f), [0, 2, 3, 1]) : tensorOf(f));
      return [expected ? a.reshape(expected.shape) : a, kit.forwardHead(a), tensorOf(ckpt.tensors.__logits__), expected];
    });
    try {
      const l = await relDiff(logits, expectedLogits);
      const featuresRelDiff = expectedFeatures ? (await relDiff(features, expectedFeatures)).rel : undefined;
      return { model: name, options, logitsRelDiff: l.rel, logitsMaxAbsDiff: l.abs, logitScale: l.scale, featuresRelDiff };
    } finally {
      tf.dispose([features, logits, expectedLogits, ...(expectedFeatures ? [expectedFeatures] : [])]);
    }
  } finally {
    kit.dispose();
  }
}
