/**
 * Sampling one synthetic H&E scene: a stain, an optional lesion region and the nuclei, all in pixel
 * units. The scene is plain data; `render.ts` turns it into pixels and the exact region mask.
 *
 * Colour neutrality: every image gets a total budget of nuclear area drawn from the same distribution
 * whatever its class. The lesion's nuclei take a fixed share of the region's area and the background
 * nuclei get the rest, so the amount of purple (and hence the mean colour) carries no class signal.
 */
import { Rng } from "../../random";
import { Arrangement, ClassRecipe } from "./flavours";

/** Optical density per unit stain in R, G, B (Beer-Lambert), as in colour deconvolution. */
export type OdVector = [number, number, number];

export interface Stain {
  haematoxylin: OdVector;
  eosin: OdVector;
  /** Eosin concentration of the stroma. */
  eosinLevel: number;
  /** Haematoxylin concentration of a nucleus of darkness 1. */
  haematoxylinLevel: number;
}

/** Ellipse, or an ellipse whose radius is modulated by harmonics (irregular, infiltrating outline). */
export interface Region {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angle: number;
  harmonics: { k: number; amplitude: number; phase: number }[];
}

export interface Nucleus {
  x: number;
  y: number;
  /** Semi-axes in pixels. */
  a: number;
  b: number;
  angle: number;
  darkness: number;
  /** True for the class-deciding nuclei inside the region. */
  lesion: boolean;
}

export interface Scene {
  size: number;
  stain: Stain;
  region: Region | null;
  nuclei: Nucleus[];
  /** Seed of the stroma texture. */
  textureSeed: number;
}

const H_OD: OdVector = [0.65, 0.7, 0.29];
const E_OD: OdVector = [0.07, 0.99, 0.11];
const REGION_RADIUS: [number, number] = [0.3, 0.38];
/** Share of the region's area covered by lesion nuclei. */
const LESION_FILL = 0.34;
/** Total nuclear area as a share of the image. */
const NUCLEAR_BUDGET: [number, number] = [0.1, 0.15];
const STROMA_NUCLEUS_RADIUS = 0.016;
/** Nuclei may overlap a little (crowding), not pile up. */
const MIN_SEPARATION = 0.8;

function normalise(v: OdVector): OdVector {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

/** A patient's stain: staining protocols and scanners vary, so each patient gets its own vectors. */
export function sampleStain(rng: Rng): Stain {
  const jitter = (v: OdVector): OdVector => normalise([v[0] + 0.08 * rng.normal(), v[1] + 0.08 * rng.normal(), v[2] + 0.08 * rng.normal()].map((x) => Math.max(0.02, x)) as OdVector);
  return {
    haematoxylin: jitter(H_OD),
    eosin: jitter(E_OD),
    eosinLevel: rng.uniform(0.25, 0.55),
    haematoxylinLevel: rng.uniform(0.75, 1.15),
  };
}

/** Small per-image variation around the patient's stain. */
export function perturbStain(s: Stain, rng: Rng): Stain {
  return {
    ...s,
    eosinLevel: s.eosinLevel * (1 + 0.06 * rng.normal()),
    haematoxylinLevel: s.haematoxylinLevel * (1 + 0.06 * rng.normal()),
  };
}

/** Boundary radius (in units of the ellipse radii) at polar angle theta of the region's frame. */
function boundary(r: Region, theta: number): number {
  let b = 1;
  for (const h of r.harmonics) b += h.amplitude * Math.cos(h.k * theta + h.phase);
  return b;
}

/** Whether the point (x, y) in pixels lies inside the region. The mask is this test at pixel centres. */
export function insideRegion(r: Region, x: number, y: number): boolean {
  const dx = x - r.cx;
  const dy = y - r.cy;
  const c = Math.cos(r.angle);
  const s = Math.sin(r.angle);
  const u = (dx * c + dy * s) / r.rx;
  const v = (-dx * s + dy * c) / r.ry;
  return Math.hypot(u, v) <= boundary(r, Math.atan2(v, u));
}

function sampleRegion(recipe: ClassRecipe, size: number, rng: Rng): Region | null {
  if (recipe.region === "none") return null;
  const radius = rng.uniform(REGION_RADIUS[0], REGION_RADIUS[1]) * size;
  const aspect = rng.uniform(0.7, 1);
  const harmonics =
    recipe.region === "blob"
      ? [2, 3, 5, 7].map((k) => ({ k, amplitude: (recipe.irregularity * rng.uniform(0.5, 1)) / Math.sqrt(k - 1), phase: rng.uniform(0, 2 * Math.PI) }))
      : [];
  // Keep the outline (up to its largest bulge) inside the image.
  const bulge = 1 + harmonics.reduce((a, h) => a + h.amplitude, 0);
  const margin = Math.min(radius * bulge, size / 2 - 1);
  return {
    cx: rng.uniform(margin, size - margin),
    cy: rng.uniform(margin, size - margin),
    rx: radius,
    ry: radius * aspect,
    angle: rng.uniform(0, Math.PI),
    harmonics,
  };
}

/** Approximate region area in pixels (polar integral of the boundary). */
function regionArea(r: Region): number {
  const steps = 64;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += boundary(r, (2 * Math.PI * i) / steps) ** 2;
  return 0.5 * r.rx * r.ry * ((2 * Math.PI) / steps) * sum;
}

/** Points on the nucleus outline (and its centre), for exact inside/outside checks. */
function outline(n: Nucleus): [number, number][] {
  const pts: [number, number][] = [[n.x, n.y]];
  const c = Math.cos(n.angle);
  const s = Math.sin(n.angle);
  for (let i = 0; i < 12; i++) {
    const t = (2 * Math.PI * i) / 12;
    const px = n.a * Math.cos(t);
    const py = n.b * Math.sin(t);
    pts.push([n.x + px * c - py * s, n.y + px * s + py * c]);
  }
  return pts;
}

function sampleShape(radius: number, spread: number, roundness: [number, number], rng: Rng) {
  const r = radius * Math.max(0.4, 1 + spread * rng.normal());
  const q = rng.uniform(roundness[0], roundness[1]);
  return { a: r / Math.sqrt(q), b: r * Math.sqrt(q), angle: rng.uniform(0, Math.PI) };
}

/** A candidate centre (pixels) for a lesion nucleus, following the class's arrangement. */
function lesionPoint(region: Region, arrangement: Arrangement, clusters: [number, number][], rng: Rng): [number, number] {
  let rho: number;
  let theta: number;
  if (arrangement === "clusters") {
    const [cr, ct] = rng.pick(clusters);
    const u = cr * Math.cos(ct) + 0.14 * rng.normal();
    const v = cr * Math.sin(ct) + 0.14 * rng.normal();
    rho = Math.hypot(u, v);
    theta = Math.atan2(v, u);
  } else {
    theta = rng.uniform(0, 2 * Math.PI);
    rho = arrangement === "annulus" ? rng.uniform(0.6, 0.95) : 0.95 * Math.sqrt(rng.next());
  }
  const b = boundary(region, theta) * rho;
  const u = b * Math.cos(theta) * region.rx;
  const v = b * Math.sin(theta) * region.ry;
  const c = Math.cos(region.angle);
  const s = Math.sin(region.angle);
  return [region.cx + u * c - v * s, region.cy + u * s + v * c];
}

function overlaps(n: Nucleus, placed: Nucleus[]): boolean {
  for (const p of placed) {
    const d = Math.hypot(n.x - p.x, n.y - p.y);
    if (d < MIN_SEPARATION * (Math.sqrt(n.a * n.b) + Math.sqrt(p.a * p.b))) return true;
  }
  return false;
}

/**
 * Samples a scene of class `recipe` at nucleus scale `scale` (magnification). Each nucleus is drawn
 * until its whole outline lies on the right side of the region boundary, so the mask is exact:
 * lesion nuclei are inside it and background nuclei outside.
 */
export function sampleScene(recipe: ClassRecipe, size: number, scale: number, stain: Stain, rng: Rng): Scene {
  const region = sampleRegion(recipe, size, rng);
  const budget = rng.uniform(NUCLEAR_BUDGET[0], NUCLEAR_BUDGET[1]) * size * size;
  const nuclei: Nucleus[] = [];
  let lesionArea = 0;
  if (region) {
    const target = Math.min(LESION_FILL * regionArea(region), 0.8 * budget);
    const clusters: [number, number][] = Array.from({ length: 3 + rng.int(3) }, () => [rng.uniform(0, 0.5), rng.uniform(0, 2 * Math.PI)]);
    const radius = rng.uniform(recipe.nucleusRadius[0], recipe.nucleusRadius[1]) * size * scale;
    for (let attempts = 0; lesionArea < target && attempts < 4000; attempts++) {
      const [x, y] = lesionPoint(region, recipe.arrangement, clusters, rng);
      const n: Nucleus = { x, y, ...sampleShape(radius, recipe.radiusSpread, recipe.roundness, rng), darkness: rng.uniform(0.85, 1.15), lesion: true };
      if (overlaps(n, nuclei) || !outline(n).every(([px, py]) => insideRegion(region, px, py))) continue;
      nuclei.push(n);
      lesionArea += Math.PI * n.a * n.b;
    }
  }
  const stromaRadius = STROMA_NUCLEUS_RADIUS * size * scale;
  let stromaArea = 0;
  for (let attempts = 0; stromaArea < budget - lesionArea && attempts < 6000; attempts++) {
    const n: Nucleus = {
      x: rng.uniform(0, size),
      y: rng.uniform(0, size),
      ...sampleShape(stromaRadius, 0.15, [0.3, 0.6], rng),
      darkness: rng.uniform(0.85, 1.15),
      lesion: false,
    };
    if (overlaps(n, nuclei)) continue;
    if (region && outline(n).some(([px, py]) => insideRegion(region, px, py))) continue;
    nuclei.push(n);
    stromaArea += Math.PI * n.a * n.b;
  }
  return { size, stain, region, nuclei, textureSeed: rng.int(2 ** 31) };
}
