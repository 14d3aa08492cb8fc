/**
 * Writes the BreakHis stand-in as the real download: `BreaKHis_v1.tar.gz` holding the planned tree of
 * 700 x 460 RGB PNGs. The pixels are a per-patient stain tint with per-pixel noise, whose amount makes a
 * PNG of about half a megabyte, as the real files average (4 GB for 7,909). The archive appears whole or
 * not at all: the tree is staged beside it and packed into a temporary file that is renamed when done.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import sharp from "sharp";
import { create as createTar } from "tar";
import { renameDurably, tempPathFor } from "../../io/atomic-write";
import { createRng, deriveSeed } from "../../random";
import { BREAKHIS_IMAGE, planBreakhis, type PlannedImage } from "./breakhis-layout";

/** Noise amplitude (grey levels, each channel on its own) that gives PNGs of about 0.5 MB. */
const NOISE = 4;

function pixels(image: PlannedImage, seed: number): Buffer {
  const { width, height } = BREAKHIS_IMAGE;
  const tint = createRng(deriveSeed(seed, "breakhis stand-in stain", image.patient));
  const base = [tint.uniform(170, 230), tint.uniform(110, 170), tint.uniform(160, 220)];
  const rng = createRng(image.seed);
  const out = Buffer.alloc(width * height * 3);
  for (let i = 0; i < out.length; i++) out[i] = base[i % 3] + rng.int(2 * NOISE + 1) - NOISE;
  return out;
}

export interface StandInResult {
  archive: string;
  images: number;
  bytes: number;
}

export async function writeBreakhisStandIn(
  archive: string,
  opts: { seed: number; perFolder?: number; onProgress?: (done: number, total: number) => void },
): Promise<StandInResult> {
  const plan = planBreakhis(opts);
  const stage = tempPathFor(archive);
  const packed = tempPathFor(archive);
  try {
    let done = 0;
    for (const image of plan) {
      const file = path.join(stage, ...image.path.split("/"));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const { width, height } = BREAKHIS_IMAGE;
      await sharp(pixels(image, opts.seed), { raw: { width, height, channels: 3 } }).png().toFile(file);
      opts.onProgress?.(++done, plan.length);
    }
    await createTar({ gzip: true, file: packed, cwd: stage, portable: true }, ["BreaKHis_v1"]);
    const fd = fs.openSync(packed, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    renameDurably(packed, archive);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
    fs.rmSync(packed, { force: true });
  }
  return { archive, images: plan.length, bytes: fs.statSync(archive).size };
}
