/**
 * Stand-ins of the published ImageNet checkpoints the kit pins: safetensors files with exactly the real
 * file's tensor names, shapes, dtypes and metadata (src/weights/layouts, read off each real file's header)
 * and reproducible pseudo-random values. Served from a local address and fetched with
 * `dala data fetch weights MODEL --url ...`, they let the paper profile run end to end without the
 * downloads, through the same reader, mapping and lock file as the real checkpoints.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../paths";
import { modelEntry } from "../models/registry";
import { serializeSafetensors, type TypedData } from "../io/safetensors";

export interface CheckpointLayout {
  repo: string;
  metadata: Record<string, string>;
  /** What the hub's file page shows of the real file, where it was seen. */
  listed: { fileMB: number } | null;
  tensors: [string, "F32" | "I64", number[]][];
}

const LAYOUTS_DIR = path.join(REPO_ROOT, "src", "weights", "layouts");

export function checkpointLayouts(): CheckpointLayout[] {
  return fs.readdirSync(LAYOUTS_DIR).map((f) => JSON.parse(fs.readFileSync(path.join(LAYOUTS_DIR, f), "utf8")));
}

/** The layout of the checkpoint `model` starts from; an error for a model without one. */
export function layoutOfModel(model: string): CheckpointLayout {
  const entry = modelEntry(model);
  if (!("weightsSource" in entry) || !entry.weightsSource) throw new Error(`model '${model}' has no pretrained checkpoint, so no stand-in`);
  const layout = checkpointLayouts().find((l) => l.repo === entry.weightsSource!.repo);
  if (!layout) throw new Error(`no layout file for ${entry.weightsSource.repo} in ${LAYOUTS_DIR}`);
  return layout;
}

/**
 * The bytes of a checkpoint of `layout`, the same on every call. Values are drawn so that a network
 * started from them runs without overflow, as a trained one does: weights of two or more dimensions
 * uniform with variance 1/fan-in, norm scales and running variances near 1 (a negative variance would
 * make inference NaN), biases and running means near 0, integer buffers 0.
 */
export function standInCheckpoint(layout: CheckpointLayout): Uint8Array {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5;
  const tensors: Record<string, { shape: number[]; data: TypedData }> = {};
  for (const [name, dtype, shape] of layout.tensors) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (dtype === "I64") {
      tensors[name] = { shape, data: new BigInt64Array(n) };
      continue;
    }
    const { centre, width } = valueRange(name, shape);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = centre + width * next();
    tensors[name] = { shape, data };
  }
  return serializeSafetensors(tensors, layout.metadata);
}

function valueRange(name: string, shape: number[]): { centre: number; width: number } {
  if (shape.length >= 2) {
    const fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
    return { centre: 0, width: 2 * Math.sqrt(3 / fanIn) };
  }
  const isScale = /(running_var|\.weight|\.gamma)$/.test(name);
  return isScale ? { centre: 1, width: 0.1 } : { centre: 0, width: 0.1 };
}
