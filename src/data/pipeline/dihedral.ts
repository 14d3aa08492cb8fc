/**
 * The eight symmetries of the square (the dihedral group D4): four rotations by multiples of 90 degrees,
 * each with or without a horizontal flip. They permute pixels exactly (no interpolation), so features
 * computed once per symmetry stand for every time an epoch draws that symmetry: the augmentation of the
 * frozen-trunk mode (src/training/frozen-trunk).
 */
import * as tf from "@tensorflow/tfjs";

export const DIHEDRAL_TRANSFORMS = 8;

/**
 * Transform `k` (0..7) of NHWC square images: rotation by (k mod 4) x 90 degrees counter-clockwise as
 * displayed (numpy's rot90), then a horizontal flip when k >= 4 (the kit's augmentation also rotates
 * first, then flips). k = 0 is the identity.
 */
export function dihedralTransform(x: tf.Tensor4D, k: number): tf.Tensor4D {
  if (!(Number.isInteger(k) && k >= 0 && k < DIHEDRAL_TRANSFORMS)) throw new Error(`dihedral transform must be 0..7, got ${k}`);
  if (x.shape[1] !== x.shape[2]) throw new Error(`dihedral transforms need square images, got ${x.shape[1]}x${x.shape[2]}`);
  return tf.tidy(() => {
    let y: tf.Tensor4D = x.clone();
    // One quarter turn: out[i][j] = in[j][n-1-i], i.e. swap rows and columns, then reverse the rows.
    for (let r = 0; r < k % 4; r++) y = tf.reverse(tf.transpose(y, [0, 2, 1, 3]), 1);
    return k >= 4 ? tf.reverse(y, 2) : y;
  });
}
