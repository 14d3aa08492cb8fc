/**
 * Synthetic H&E-like pixels for the histology stand-ins (BreakHis, BACH): a stain tint drawn per
 * patient (or slide), so images of one patient look alike as real ones do, with per-pixel noise whose
 * amount sets how well the file compresses. Nothing in the kit's loaders reads the content; it only has
 * to be the right size and format and not be trivially compressible.
 */
import { createRng } from "../../random";

/** Interleaved RGB, `width` x `height`, uint8. */
export function stainedPixels(width: number, height: number, opts: { tintSeed: number; seed: number; noise: number }): Buffer {
  const tint = createRng(opts.tintSeed);
  const base = [tint.uniform(170, 230), tint.uniform(110, 170), tint.uniform(160, 220)];
  const rng = createRng(opts.seed);
  const out = Buffer.alloc(width * height * 3);
  for (let i = 0; i < out.length; i++) out[i] = base[i % 3] + rng.int(2 * opts.noise + 1) - opts.noise;
  return out;
}
