/**
 * Decoding an image file to the model's input grid: RGB, uint8, size x size, row-major.
 * Grey (Mini-DDSM's 16-bit PNGs) and RGBA images are converted to 8-bit RGB; the aspect ratio is not
 * kept (the paper resizes every image straight to 224 x 224).
 */
import * as fs from "node:fs";
import sharp from "sharp";

/** An image that could not be read, with the file named. */
export class ImageReadError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`cannot read image ${file}: ${reason}`);
    this.name = "ImageReadError";
  }
}

export async function decodeResized(file: string, size: number): Promise<Uint8Array> {
  if (!fs.existsSync(file)) throw new ImageReadError(file, "file not found");
  try {
    const { data, info } = await sharp(file, { failOn: "error" })
      .removeAlpha()
      .toColourspace("srgb")
      .resize(size, size, { fit: "fill", kernel: "linear" })
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== size * size * 3) {
      throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x3`);
    }
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (e) {
    if (e instanceof ImageReadError) throw e;
    throw new ImageReadError(file, (e as Error).message.split("\n")[0]);
  }
}

/** Width and height from the file header, without decoding the pixels. */
export async function imageSize(file: string): Promise<{ width: number; height: number }> {
  try {
    const m = await sharp(file).metadata();
    if (!m.width || !m.height) throw new Error("no dimensions in header");
    return { width: m.width, height: m.height };
  } catch (e) {
    throw new ImageReadError(file, (e as Error).message.split("\n")[0]);
  }
}
