/**
 * Loads a PyTorch checkpoint (safetensors) into a KitModel: renames the checkpoint to the kit's
 * PyTorch-style names, converts layouts, and refuses partial loads. Any missing, unexpected or
 * mis-shaped tensor is an error listing every offending name; the classifier head is left freshly
 * initialised unless `keepHead` (same class count, e.g. a conformance check).
 */
import * as tf from "@tensorflow/tfjs";
import type { NamedTensor, Safetensors } from "../io/safetensors";
import type { KitModel, WeightsSource } from "../models/types";
import { renameCheckpoint } from "./checkpoint-naming";
import { convWeightToHWIO, linearWeightToKernel } from "./torch-layout";
import { layerTorchParams, type TorchParam } from "../models/torch-names";

export interface LoadOptions {
  /** Load the checkpoint's classifier too (it must have the model's class count). Default false. */
  keepHead?: boolean;
  /** The checkpoint's naming convention (default: the model's weights source, else torchvision). */
  naming?: WeightsSource["naming"];
  /** Shown in error messages. */
  source?: string;
}

export interface LoadReport {
  loaded: string[];
  /** Variables left at their fresh initialisation (the head, and new layers the checkpoint lacks). */
  fresh: string[];
  /** Checkpoint tensors deliberately not used (the old head, step counters, index buffers). */
  ignored: string[];
}

function toFloat32(t: NamedTensor, key: string, source: string): Float32Array {
  if (t.data instanceof Float32Array) return t.data;
  if (t.data instanceof Float64Array) return Float32Array.from(t.data);
  throw new Error(`${source}: tensor '${key}' has dtype ${t.dtype}, expected a float type`);
}

function convert(p: TorchParam, t: NamedTensor, source: string): { data: Float32Array; shape: number[] } {
  const data = toFloat32(t, p.key, source);
  if (p.layout === "conv" && t.shape.length === 4) return convWeightToHWIO(data, t.shape);
  // A Linear over flattened (p1 p2 c) patches (vit-pytorch) is a conv with kernel = stride = patch:
  // transposed, its [in, out] rows are already in HWIO order.
  if (p.layout === "conv" && t.shape.length === 2) {
    const k = linearWeightToKernel(data, t.shape);
    return k.data.length === p.variable.shape.reduce<number>((a, d) => a * (d ?? 1), 1) ? { data: k.data, shape: p.variable.shape as number[] } : k;
  }
  if (p.layout === "linear" && t.shape.length === 2) return linearWeightToKernel(data, t.shape);
  return { data, shape: t.shape };
}

const sameShape = (a: readonly (number | null)[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

export function loadTorchWeights(kit: KitModel, checkpoint: Safetensors, opts: LoadOptions = {}): LoadReport {
  const source = opts.source ?? "checkpoint";
  const naming = opts.naming ?? kit.weightsSource?.naming ?? "torchvision";
  const head = new Set(kit.headLayers);
  const { tensors, ignored } = renameCheckpoint(naming, checkpoint.tensors);
  const expected: TorchParam[] = [];
  const fresh: string[] = [];
  const freshKeys: string[] = [];
  const newLayers = new Set(kit.newLayers);
  for (const layer of kit.model.layers) {
    const params = layerTorchParams(layer);
    const absentNewLayer = newLayers.has(layer.name) && params.every((p) => !(p.key in tensors));
    if ((head.has(layer.name) && !opts.keepHead) || absentNewLayer) {
      fresh.push(...params.map((p) => p.variable.originalName));
      freshKeys.push(...params.map((p) => p.key));
    } else expected.push(...params);
  }
  const missing: string[] = [];
  const misshaped: string[] = [];
  const values: { p: TorchParam; data: Float32Array; shape: number[] }[] = [];
  for (const p of expected) {
    const t = tensors[p.key];
    if (!t) {
      missing.push(p.key);
      continue;
    }
    const c = convert(p, t, source);
    if (!sameShape(p.variable.shape, c.shape)) misshaped.push(`${p.key}: checkpoint [${t.shape}] -> [${c.shape}], model variable ${p.variable.originalName} [${p.variable.shape}]`);
    else values.push({ p, ...c });
  }
  const used = new Set(expected.map((p) => p.key));
  const skipped = new Set(freshKeys);
  const unused = kit.weightsSource?.unused ?? [];
  const deliberate = (k: string) => skipped.has(k) || unused.some((re) => re.test(k));
  const extra = Object.keys(tensors).filter((k) => !used.has(k) && !deliberate(k));
  if (missing.length || misshaped.length || extra.length) {
    const parts = [`${source} does not fit model '${kit.name}' (naming ${naming}); nothing was loaded`];
    if (missing.length) parts.push(`missing (${missing.length}): ${missing.join(", ")}`);
    if (misshaped.length) parts.push(`mis-shaped (${misshaped.length}):\n  ${misshaped.join("\n  ")}`);
    if (extra.length) parts.push(`unexpected (${extra.length}): ${extra.join(", ")}`);
    throw new Error(parts.join("\n"));
  }
  for (const { p, data, shape } of values) {
    const value = tf.tensor(data, shape, "float32");
    p.variable.write(value);
    value.dispose();
  }
  return {
    loaded: values.map((v) => v.p.key),
    fresh,
    ignored: [...ignored, ...Object.keys(tensors).filter((k) => !used.has(k) && deliberate(k))],
  };
}
