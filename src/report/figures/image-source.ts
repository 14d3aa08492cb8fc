/**
 * Images for figures arrive as PNG/JPEG bytes or data URLs; plotly wants a data URL and the figure
 * needs the pixel size (to set axis ranges and lay CAM maps exactly over their image).
 */

export interface ImageSource {
  url: string;
  width: number;
  height: number;
}

function pngSize(b: Uint8Array): { width: number; height: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // IHDR is the first chunk: width and height are big-endian at bytes 16..24
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

function jpegSize(b: Uint8Array): { width: number; height: number } {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) throw new Error("JPEG: marker expected");
    const marker = b[i + 1];
    const length = (b[i + 2] << 8) | b[i + 3];
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8] };
    }
    i += 2 + length;
  }
  throw new Error("JPEG: no frame header found");
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function imageFormat(b: Uint8Array): "png" | "jpeg" | null {
  if (b.length >= 24 && PNG_MAGIC.every((x, i) => b[i] === x)) return "png";
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return "jpeg";
  return null;
}

export function imageSize(b: Uint8Array): { width: number; height: number } {
  const f = imageFormat(b);
  if (f === "png") return pngSize(b);
  if (f === "jpeg") return jpegSize(b);
  throw new Error("image must be PNG or JPEG bytes (or a data URL of one)");
}

/** Accepts PNG/JPEG bytes or a `data:image/png|jpeg;base64,` URL. */
export function imageSource(src: Uint8Array | string, what = "image"): ImageSource {
  let bytes: Uint8Array;
  if (typeof src === "string") {
    const m = /^data:image\/(png|jpeg|jpg);base64,(.*)$/s.exec(src);
    if (!m) throw new Error(`${what}: expected a data:image/png or data:image/jpeg base64 URL, got '${src.slice(0, 40)}...'`);
    bytes = Buffer.from(m[2], "base64");
  } else {
    bytes = src;
  }
  let size: { width: number; height: number };
  try {
    size = imageSize(bytes);
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`);
  }
  const url = typeof src === "string" ? src : `data:image/${imageFormat(bytes)};base64,${Buffer.from(bytes).toString("base64")}`;
  return { url, ...size };
}
