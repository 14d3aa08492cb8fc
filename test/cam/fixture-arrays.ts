/** Typed access to the CAM fixtures' JSON arrays ({shape, dtype, data}) and NCHW -> NHWC reordering. */
import * as fs from "node:fs";
import { parseSafetensors, type NamedTensor } from "../../src/io/safetensors";
import { CAM_SET, camFixture } from "../paths";

export interface JsonArray {
  shape: number[];
  dtype: "float32" | "float64" | "int64" | "uint8";
  data: number[];
}

export function f32(a: JsonArray): Float32Array {
  return Float32Array.from(a.data);
}

/** [n, c, h, w] -> [n, h, w, c] (also for any leading dims folded into n). */
export function nchwToNhwc(src: ArrayLike<number>, n: number, c: number, h: number, w: number): Float32Array {
  const out = new Float32Array(n * c * h * w);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < c; k++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((i * h + y) * w + x) * c + k] = src[((i * c + k) * h + y) * w + x];
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * One CAM reference set's files: by default CAM_SET (the committed set, or the one DALA_CAM_FIXTURES
 * names); tests whose expectations belong to the committed set pass REPO_CAM_SET.
 */
export function camSet(dir: string = CAM_SET) {
  const json = (name: string): any => JSON.parse(fs.readFileSync(camFixture(name, dir), "utf8"));
  return {
    model: () => json("model.json"),
    cams: () => json("cams.json"),
    dt: () => json("dt_gradcam.json"),
    forward: () => json("forward.json"),
    inputs: () => readFixtureSafetensors("inputs.safetensors", dir),
    intermediates: () => readFixtureSafetensors("intermediates.safetensors", dir),
  };
}

export const camFixtures = camSet();

/**
 * Reads a CAM fixture's safetensors through a plain Uint8Array copy: `readSafetensors` hands the
 * parser a Node Buffer, whose `slice()` is a view, so every decoded tensor spans the whole file.
 */
export function readFixtureSafetensors(name: string, dir: string = CAM_SET): Record<string, NamedTensor> {
  return parseSafetensors(new Uint8Array(fs.readFileSync(camFixture(name, dir))), name).tensors;
}
