/**
 * Writes the Mini-DDSM stand-in as the Kaggle download: `miniddsm2.zip` with the planned case folders.
 * A view is a breast silhouette against the chest wall (right edge for LEFT views, left for RIGHT),
 * brighter towards the wall, with a brighter lesion where its mask (0/255, 8-bit, the image's size)
 * marks it, so the masks outline something a CAM can find. 16-bit views use the whole 16-bit scale,
 * which the decoder must scale down, not clip or truncate.
 */
import * as fs from "node:fs";
import sharp from "sharp";
import { createRng, deriveSeed } from "../../random";
import { icsText, planMiniddsm, type PlannedMammogram } from "./miniddsm-layout";
import { writeStandInArchive, type StandInFile, type StandInResult } from "./write-archive";

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

const inside = (e: Ellipse, x: number, y: number) => ((x - e.cx) / e.rx) ** 2 + ((y - e.cy) / e.ry) ** 2 < 1;

function geometry(im: PlannedMammogram): { breast: Ellipse; lesion: Ellipse } {
  const { width: w, height: h } = im;
  const wallX = im.view.startsWith("LEFT") ? w : 0;
  const breast = { cx: wallX, cy: h / 2, rx: 0.85 * w, ry: 0.45 * h };
  const rng = createRng(im.seed);
  const r = rng.uniform(0.03, 0.07) * h;
  // Inside the breast, away from its edge.
  const lesion = { cx: wallX + (wallX ? -1 : 1) * rng.uniform(0.2, 0.5) * w, cy: h * rng.uniform(0.35, 0.65), rx: r, ry: r * rng.uniform(0.7, 1.3) };
  return { breast, lesion };
}

function pixels(im: PlannedMammogram): Uint16Array | Buffer {
  const { width: w, height: h } = im;
  const { breast, lesion } = geometry(im);
  const max = im.bitDepth === 16 ? 65535 : 255;
  const out = im.bitDepth === 16 ? new Uint16Array(w * h) : Buffer.alloc(w * h);
  const rng = createRng(deriveSeed(im.seed, "noise"));
  let i = 0;
  for (let y = 0; y < h; y++) {
    const dy = (y - breast.cy) / breast.ry;
    for (let x = 0; x < w; x++, i++) {
      const dx = (x - breast.cx) / breast.rx;
      const r2 = dx * dx + dy * dy;
      if (r2 >= 1) continue;
      const level = 0.3 + 0.45 * (1 - r2) + (im.mask && inside(lesion, x, y) ? 0.25 : 0) + rng.uniform(-0.004, 0.004);
      out[i] = Math.round(Math.min(1, level) * max);
    }
  }
  return out;
}

function mask(im: PlannedMammogram): Buffer {
  const { lesion } = geometry(im);
  const out = Buffer.alloc(im.width * im.height);
  for (let y = 0, i = 0; y < im.height; y++) for (let x = 0; x < im.width; x++, i++) if (inside(lesion, x, y)) out[i] = 255;
  return out;
}

/** A one-channel PNG of the data's depth (sharp writes one-channel 8-bit data as RGB unless told b-w). */
async function writeGrey(file: string, data: Uint16Array | Buffer, width: number, height: number): Promise<void> {
  await sharp(data, { raw: { width, height, channels: 1 } })
    .toColourspace(data instanceof Uint16Array ? "grey16" : "b-w")
    .png()
    .toFile(file);
}

export async function writeMiniddsmStandIn(
  archive: string,
  opts: { seed: number; perFolder?: number; onProgress?: (done: number, total: number) => void },
): Promise<StandInResult> {
  const cases = planMiniddsm(opts);
  const files: StandInFile[] = [];
  for (const c of cases) {
    files.push({ path: c.ics, write: async (file) => fs.writeFileSync(file, icsText(c)) });
    for (const im of c.images) {
      files.push({ path: im.path, write: (file) => writeGrey(file, pixels(im), im.width, im.height) });
      if (im.mask) files.push({ path: im.mask, write: (file) => writeGrey(file, mask(im), im.width, im.height) });
    }
  }
  const images = cases.reduce((n, c) => n + c.images.length, 0);
  return writeStandInArchive(archive, files, { format: "zip", images, onProgress: opts.onProgress });
}
