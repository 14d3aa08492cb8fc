/**
 * Binary morphology on 0/1 masks with scikit-image 0.19 / scipy.ndimage semantics:
 * - erosion: a pixel stays 1 when every pixel under the element is 1; pixels outside the image count
 *   as 1 (`border_value=True`, what skimage passes), so objects touching the border are not eaten;
 * - dilation: OR under the reflected element; outside pixels count as 0;
 * - opening = dilation(erosion(x)), closing = erosion(dilation(x)).
 * The element's centre is at (floor(h/2), floor(w/2)), scipy's default origin, which also fixes where
 * even-sized squares sit.
 */

export interface StructuringElement {
  readonly height: number;
  readonly width: number;
  /** Row-major 0/1. */
  readonly data: Uint8Array;
}

/** skimage.morphology.disk(r): the pixels with x^2 + y^2 <= r^2. disk(1) is the 3x3 cross. */
export function disk(radius: number): StructuringElement {
  if (!(Number.isInteger(radius) && radius >= 0)) throw new Error(`disk: radius must be a non-negative integer, got ${radius}`);
  const size = 2 * radius + 1;
  const data = new Uint8Array(size * size);
  for (let y = -radius; y <= radius; y++) {
    for (let x = -radius; x <= radius; x++) data[(y + radius) * size + x + radius] = x * x + y * y <= radius * radius ? 1 : 0;
  }
  return { height: size, width: size, data };
}

/** skimage.morphology.square(w): a w x w block of ones. */
export function square(width: number): StructuringElement {
  if (!(Number.isInteger(width) && width >= 1)) throw new Error(`square: width must be a positive integer, got ${width}`);
  return { height: width, width, data: new Uint8Array(width * width).fill(1) };
}

/** Offsets (dy, dx) of the element's ones relative to its centre. */
function offsets(se: StructuringElement): [number, number][] {
  const cy = Math.floor(se.height / 2);
  const cx = Math.floor(se.width / 2);
  const out: [number, number][] = [];
  for (let i = 0; i < se.height; i++) for (let j = 0; j < se.width; j++) if (se.data[i * se.width + j]) out.push([i - cy, j - cx]);
  return out;
}

function checkMask(mask: ArrayLike<number>, height: number, width: number, op: string): void {
  if (mask.length !== height * width) throw new Error(`${op}: mask has ${mask.length} pixels, expected ${height}x${width}`);
}

export function binaryErosion(mask: ArrayLike<number>, height: number, width: number, se: StructuringElement): Uint8Array {
  checkMask(mask, height, width, "binaryErosion");
  const offs = offsets(se);
  const out = new Uint8Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 1;
      for (const [dy, dx] of offs) {
        const yy = y + dy;
        const xx = x + dx;
        if (yy >= 0 && yy < height && xx >= 0 && xx < width && !mask[yy * width + xx]) {
          v = 0;
          break;
        }
      }
      out[y * width + x] = v;
    }
  }
  return out;
}

export function binaryDilation(mask: ArrayLike<number>, height: number, width: number, se: StructuringElement): Uint8Array {
  checkMask(mask, height, width, "binaryDilation");
  const offs = offsets(se);
  const out = new Uint8Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (const [dy, dx] of offs) {
        const yy = y - dy;
        const xx = x - dx;
        if (yy >= 0 && yy < height && xx >= 0 && xx < width && mask[yy * width + xx]) {
          v = 1;
          break;
        }
      }
      out[y * width + x] = v;
    }
  }
  return out;
}

export function binaryOpening(mask: ArrayLike<number>, height: number, width: number, se: StructuringElement): Uint8Array {
  return binaryDilation(binaryErosion(mask, height, width, se), height, width, se);
}

export function binaryClosing(mask: ArrayLike<number>, height: number, width: number, se: StructuringElement): Uint8Array {
  return binaryErosion(binaryDilation(mask, height, width, se), height, width, se);
}
