/** Writes CAM pictures (overlays, coloured maps, masks) as PNG files with sharp. */
import sharp from "sharp";
import * as fs from "node:fs";
import * as path from "node:path";

/** Interleaved uint8 pixels (1 = grey, 3 = RGB channels) -> PNG file; creates the directory. */
export async function writePng(file: string, pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Promise<void> {
  if (pixels.length !== width * height * channels) {
    throw new Error(`writePng ${file}: ${pixels.length} bytes for ${width}x${height}x${channels}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), { raw: { width, height, channels } })
    .toColourspace(channels === 1 ? "b-w" : "srgb")
    .png()
    .toFile(file);
}

/** A 0/1 mask as a black-and-white PNG. */
export function writeMaskPng(file: string, mask: ArrayLike<number>, width: number, height: number): Promise<void> {
  return writePng(file, Uint8Array.from(mask, (v) => (v ? 255 : 0)), width, height, 1);
}
