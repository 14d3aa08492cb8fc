/**
 * Two maps that know nothing of the model, scored beside the methods so that their region scores
 * have a floor: a seeded uniform random map (what chance overlap gives) and a centre prior.
 *
 * The centre prior is an isotropic Gaussian bump centred in the image, sigma = size / 4: tiles and
 * crops are usually framed on the lesion, so "the middle" is a guess that needs no model at all; a
 * method that does not beat it has not shown that it looks at the image. sigma = size / 4 makes
 * Otsu's cut a disc of roughly half the image's width, comparable to the synthetic regions.
 */
import { createRng } from "../../random";
import { binarizeMaps, type Binarization } from "./binarize-maps";
import { RANDOM_MAP_LABEL } from "./faithfulness-comparison";

export const REFERENCE = "reference" as const;
/** The same label as the faithfulness table's random map, so both tables name one reference. */
export const RANDOM_REFERENCE_LABEL = RANDOM_MAP_LABEL;
export const CENTRE_REFERENCE_LABEL = "centre prior (reference)";

/** One size x size Gaussian bump, 1 at the centre. */
export function centrePrior(size: number, sigma = size / 4): Float32Array {
  if (!(Number.isInteger(size) && size > 0) || !(sigma > 0)) throw new Error(`centrePrior: size ${size}, sigma ${sigma}`);
  const c = (size - 1) / 2;
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[y * size + x] = Math.exp(-((x - c) ** 2 + (y - c) ** 2) / (2 * sigma * sigma));
  return out;
}

/** `count` uniform random maps of size x size from `seed` (the run's training seed). */
export function randomMaps(count: number, size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count * size * size }, () => rng.next());
}

export interface ReferenceMasks {
  label: string;
  method: typeof REFERENCE;
  masks: Uint8Array;
}

/** Both references for `count` images, binarised by the same rule as the methods' maps. */
export function referenceMasks(count: number, size: number, seed: number, binarization: Binarization): ReferenceMasks[] {
  const prior = centrePrior(size);
  const priors = new Float32Array(count * prior.length);
  for (let i = 0; i < count; i++) priors.set(prior, i * prior.length);
  return [
    { label: RANDOM_REFERENCE_LABEL, method: REFERENCE, masks: binarizeMaps(randomMaps(count, size, seed), count, binarization).masks },
    { label: CENTRE_REFERENCE_LABEL, method: REFERENCE, masks: binarizeMaps(priors, count, binarization).masks },
  ];
}
