/**
 * PyTorch -> tfjs tensor layouts, as pure functions on flat arrays (no tensors, so they are testable by
 * hand and cost no backend memory): conv weights OIHW -> HWIO, linear weights [out, in] -> [in, out].
 */

/** Generic axis permutation of a dense row-major array: out[perm-ordered index] = data[index]. */
export function permute(data: Float32Array, shape: number[], perm: number[]): { data: Float32Array; shape: number[] } {
  if (perm.length !== shape.length) throw new Error(`permute: ${perm.length} axes given for a rank-${shape.length} tensor`);
  const outShape = perm.map((p) => shape[p]);
  const inStrides = stridesOf(shape);
  const out = new Float32Array(data.length);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  // Walk the output in order; keep the matching input offset incrementally.
  const stepIn = perm.map((p) => inStrides[p]);
  let inOffset = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = data[inOffset];
    for (let a = rank - 1; a >= 0; a--) {
      idx[a]++;
      inOffset += stepIn[a];
      if (idx[a] < outShape[a]) break;
      inOffset -= stepIn[a] * outShape[a];
      idx[a] = 0;
    }
  }
  return { data: out, shape: outShape };
}

function stridesOf(shape: number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** nn.Conv2d weight [out, in, kh, kw] -> tfjs conv2d kernel [kh, kw, in, out]. */
export function convWeightToHWIO(data: Float32Array, shape: number[]) {
  return permute(data, shape, [2, 3, 1, 0]);
}

/** nn.Linear weight [out, in] -> tfjs dense kernel [in, out]. */
export function linearWeightToKernel(data: Float32Array, shape: number[]) {
  return permute(data, shape, [1, 0]);
}
