/**
 * The data pipeline as training uses it: decode + resize image files (sharp, on libuv's threads, off the
 * compute thread), the paper's augmentation, and packing into a batch tensor. The files are synthetic
 * histology-like images at BreakHis's 700 x 460, written once to a temporary directory.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import sharp from "sharp";
import * as tf from "@tensorflow/tfjs";
import { decodeResized } from "../data/pipeline/decode";
import { augmentImage, sampleAugmentation } from "../data/pipeline/augment";
import { toBatchTensor } from "../data/pipeline/scale";
import { FLAVOUR_IDS, getFlavour } from "../data/synthetic/flavours";
import { planSynthetic, renderItem } from "../data/synthetic/generate";
import { createRng } from "../random";

export const BREAKHIS_WIDTH = 700;
export const BREAKHIS_HEIGHT = 460;

/** Writes `count` PNGs of 700 x 460 into a new temporary directory; returns their paths. */
export async function writeSampleImages(count: number, seed = 0): Promise<{ dir: string; files: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-bench-"));
  const flavour = getFlavour(FLAVOUR_IDS[0]);
  const items = planSynthetic({ flavour: flavour.id, count: Math.max(count, flavour.classes.length), size: BREAKHIS_HEIGHT, seed });
  const files: string[] = [];
  for (const item of items.slice(0, count)) {
    const { rgb } = renderItem(flavour, item, BREAKHIS_HEIGHT);
    const file = path.join(dir, `${item.name}.png`);
    await sharp(Buffer.from(rgb), { raw: { width: BREAKHIS_HEIGHT, height: BREAKHIS_HEIGHT, channels: 3 } })
      .resize(BREAKHIS_WIDTH, BREAKHIS_HEIGHT, { fit: "fill" })
      .png()
      .toFile(file);
    files.push(file);
  }
  return { dir, files };
}

/** Decodes, augments and batches every file, `inFlight` decodes at a time. */
export function pipelineRunner(files: readonly string[], size: number, inFlight: number): () => Promise<void> {
  const rng = createRng(1);
  return async () => {
    const images: Uint8Array[] = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        images[i] = augmentImage(await decodeResized(files[i], size), size, sampleAugmentation(rng));
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, files.length) }, worker));
    const batch = toBatchTensor(images, size);
    await batch.data();
    batch.dispose();
  };
}
