/**
 * Writes the BACH stand-in as the real download: `ICIAR2018_BACH_Challenge.zip` with the planned
 * 2048 x 1536 8-bit RGB TIFFs, uncompressed (9.4 MB each), and the ground-truth csv. Whether the real
 * TIFFs are compressed was not checked; the kit's decoder (libvips) reads either.
 */
import * as fs from "node:fs";
import sharp from "sharp";
import { deriveSeed } from "../../random";
import { BACH_GROUND_TRUTH, BACH_IMAGE, bachGroundTruth, planBach } from "./bach-layout";
import { stainedPixels } from "./stained-pixels";
import { writeStandInArchive, type StandInFile, type StandInResult } from "./write-archive";

/** Light noise keeps the full stand-in's zip well below its 3.8 GB of pixels; no loader reads the content. */
const NOISE = 2;

export async function writeBachStandIn(
  archive: string,
  opts: { seed: number; perFolder?: number; onProgress?: (done: number, total: number) => void },
): Promise<StandInResult> {
  const plan = planBach(opts);
  const { width, height } = BACH_IMAGE;
  const files: StandInFile[] = plan.map((image) => ({
    path: image.path,
    write: async (file: string) => {
      const pixels = stainedPixels(width, height, { tintSeed: deriveSeed(image.seed, "stain"), seed: image.seed, noise: NOISE });
      await sharp(pixels, { raw: { width, height, channels: 3 } }).tiff({ compression: "none" }).toFile(file);
    },
  }));
  files.push({ path: BACH_GROUND_TRUTH, write: async (file) => fs.writeFileSync(file, bachGroundTruth(plan)) });
  return writeStandInArchive(archive, files, { format: "zip", images: plan.length, onProgress: opts.onProgress });
}
