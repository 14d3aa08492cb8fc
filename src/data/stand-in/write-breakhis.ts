/**
 * Writes the BreakHis stand-in as the real download: `BreaKHis_v1.tar.gz` holding the planned tree of
 * 700 x 460 RGB PNGs. The noise amount makes a PNG of about half a megabyte, as the real files average
 * (4 GB for 7,909).
 */
import sharp from "sharp";
import { deriveSeed } from "../../random";
import { BREAKHIS_IMAGE, planBreakhis } from "./breakhis-layout";
import { stainedPixels } from "./stained-pixels";
import { writeStandInArchive, type StandInResult } from "./write-archive";

/** Noise amplitude (grey levels, each channel on its own) that gives PNGs of about 0.5 MB. */
const NOISE = 4;

export async function writeBreakhisStandIn(
  archive: string,
  opts: { seed: number; perFolder?: number; onProgress?: (done: number, total: number) => void },
): Promise<StandInResult> {
  const plan = planBreakhis(opts);
  const { width, height } = BREAKHIS_IMAGE;
  const files = plan.map((image) => ({
    path: image.path,
    write: async (file: string) => {
      const pixels = stainedPixels(width, height, { tintSeed: deriveSeed(opts.seed, "breakhis stand-in stain", image.patient), seed: image.seed, noise: NOISE });
      await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toFile(file);
    },
  }));
  return writeStandInArchive(archive, files, { format: "tar.gz", images: plan.length, onProgress: opts.onProgress });
}
