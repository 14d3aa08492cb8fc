/**
 * Renders a scene to RGB pixels with the Beer-Lambert model that colour deconvolution inverts:
 * intensity = 255 * exp(-(c_H * H + c_E * E)), where c_H and c_E are the haematoxylin and eosin
 * concentrations. Nuclei add haematoxylin with a one-pixel soft edge; the stroma is eosin with a
 * smooth texture and fine grain. The mask is the region test at pixel centres, so it is exact.
 */
import { createRng } from "../../random";
import { Nucleus, Scene, insideRegion } from "./scene";

export interface Rendered {
  /** size * size * 3, row-major RGB. */
  rgb: Uint8Array;
  /** size * size, 255 inside the class-deciding region, 0 elsewhere. */
  mask: Uint8Array;
}

/** Smooth value noise in about [-1, 1]: random values on a coarse grid, bilinearly interpolated. */
function valueNoise(size: number, cells: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const g = cells + 1;
  const grid = Float32Array.from({ length: g * g }, () => rng.uniform(-1, 1));
  const out = new Float32Array(size * size);
  const step = cells / size;
  for (let y = 0; y < size; y++) {
    const gy = (y + 0.5) * step;
    const y0 = Math.min(Math.floor(gy), cells - 1);
    const fy = gy - y0;
    for (let x = 0; x < size; x++) {
      const gx = (x + 0.5) * step;
      const x0 = Math.min(Math.floor(gx), cells - 1);
      const fx = gx - x0;
      const top = grid[y0 * g + x0] * (1 - fx) + grid[y0 * g + x0 + 1] * fx;
      const bottom = grid[(y0 + 1) * g + x0] * (1 - fx) + grid[(y0 + 1) * g + x0 + 1] * fx;
      out[y * size + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** Adds a nucleus's haematoxylin to `h` (coverage with a soft edge about one pixel wide). */
function paintNucleus(h: Float32Array, size: number, n: Nucleus, level: number): void {
  const reach = Math.max(n.a, n.b) + 1;
  const c = Math.cos(n.angle);
  const s = Math.sin(n.angle);
  const minor = Math.min(n.a, n.b);
  for (let y = Math.max(0, Math.floor(n.y - reach)); y <= Math.min(size - 1, Math.ceil(n.y + reach)); y++) {
    for (let x = Math.max(0, Math.floor(n.x - reach)); x <= Math.min(size - 1, Math.ceil(n.x + reach)); x++) {
      const dx = x + 0.5 - n.x;
      const dy = y + 0.5 - n.y;
      const u = (dx * c + dy * s) / n.a;
      const v = (-dx * s + dy * c) / n.b;
      // Distance outside the outline in pixels, approximately: (d - 1) * minor semi-axis.
      const coverage = Math.min(1, Math.max(0, 0.5 - (Math.hypot(u, v) - 1) * minor));
      if (coverage > 0) h[y * size + x] = Math.max(h[y * size + x], coverage * n.darkness * level);
    }
  }
}

export function renderScene(scene: Scene): Rendered {
  const { size, stain } = scene;
  const n = size * size;
  const h = new Float32Array(n);
  for (const nucleus of scene.nuclei) paintNucleus(h, size, nucleus, stain.haematoxylinLevel);

  const coarse = valueNoise(size, 4, scene.textureSeed);
  const fine = valueNoise(size, Math.max(4, Math.round(size / 6)), scene.textureSeed + 1);
  const grain = createRng(scene.textureSeed + 2);
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const e = stain.eosinLevel * Math.max(0.05, 1 + 0.3 * coarse[i] + 0.2 * fine[i]) + 0.02 * grain.normal();
    const hi = h[i] + 0.02 * grain.normal();
    for (let ch = 0; ch < 3; ch++) {
      const od = hi * stain.haematoxylin[ch] + e * stain.eosin[ch];
      rgb[i * 3 + ch] = Math.max(0, Math.min(255, Math.round(250 * Math.exp(-od))));
    }
  }

  const mask = new Uint8Array(n);
  if (scene.region) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) if (insideRegion(scene.region, x + 0.5, y + 0.5)) mask[y * size + x] = 255;
    }
  }
  return { rgb, mask };
}
