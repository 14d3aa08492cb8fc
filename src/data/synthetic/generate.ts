/**
 * Generates a synthetic data set on disk: PNG images, PNG masks of the class-deciding regions, and a
 * manifest of the same shape as the real data sets'. Deterministic: the same (flavour, count, size,
 * seed) gives byte-identical files. The set is written into a temporary folder and renamed when
 * complete, so an interrupted run never leaves a set that looks finished.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import sharp from "sharp";
import { apportion } from "../apportion";
import { renameDurably, tempPathFor, writeFileAtomic } from "../../io/atomic-write";
import { withLock } from "../../io/pid-lock";
import { createRng, deriveSeed } from "../../random";
import { Manifest, ManifestRow } from "../manifest/types";
import { MANIFEST_JSON, loadManifest, saveManifest } from "../manifest/io";
import { ClassRecipe, Flavour, getFlavour, recipeFingerprint } from "./flavours";
import { Rendered, renderScene } from "./render";
import { Scene, perturbStain, sampleScene, sampleStain } from "./scene";

export interface SyntheticOptions {
  flavour: Flavour["id"];
  /** Images per trainable set: per magnification for the BreakHis-like set, in total for the others. */
  count: number;
  /** Image side in pixels. */
  size: number;
  seed: number;
}

/** One planned image: everything needed to draw it again. */
export interface SyntheticItem {
  classIndex: number;
  magnification: string;
  patient: string;
  /** Seed of this image's scene. */
  seed: number;
  /** Seed of the patient's stain. */
  stainSeed: number;
  scale: number;
  name: string;
}

/** The list of images a set consists of, in manifest order. */
export function planSynthetic(opts: SyntheticOptions): SyntheticItem[] {
  const f = getFlavour(opts.flavour);
  if (!Number.isInteger(opts.count) || opts.count < f.classes.length) {
    throw new Error(`synthetic count must be an integer >= ${f.classes.length} (one per class), got ${opts.count}`);
  }
  const mags = f.magnifications.length ? f.magnifications : [{ name: "", share: 1, scale: 1 }];
  const perClass = apportion(opts.count, f.classes.map((c) => c.share));
  const items: SyntheticItem[] = [];
  f.classes.forEach((c, ci) => {
    const patients = Math.max(2, Math.ceil(perClass[ci] / f.imagesPerPatient));
    for (const m of mags) {
      for (let j = 0; j < perClass[ci]; j++) {
        const p = f.imagesPerPatient === 1 ? j : j % patients;
        const patient = `${c.name}${String(p).padStart(3, "0")}`;
        items.push({
          classIndex: ci,
          magnification: m.name,
          patient,
          seed: deriveSeed(opts.seed, f.id, "image", c.name, m.name, j),
          stainSeed: deriveSeed(opts.seed, f.id, "stain", patient),
          scale: m.scale,
          name: `${patient}-${m.name ? m.name + "-" : ""}${String(j).padStart(4, "0")}`,
        });
      }
    }
  });
  return items;
}

export function itemScene(f: Flavour, item: SyntheticItem, size: number): Scene {
  const recipe: ClassRecipe = f.classes[item.classIndex];
  const stain = perturbStain(sampleStain(createRng(item.stainSeed)), createRng(item.seed ^ 0x5bd1e995));
  return sampleScene(recipe, size, item.scale, stain, createRng(item.seed));
}

export function renderItem(f: Flavour, item: SyntheticItem, size: number): Rendered & { scene: Scene } {
  const scene = itemScene(f, item, size);
  return { ...renderScene(scene), scene };
}

function relPaths(f: Flavour, item: SyntheticItem) {
  const dir = [item.magnification, f.classes[item.classIndex].name].filter(Boolean).join("/");
  return { image: `images/${dir}/${item.name}.png`, mask: `masks/${dir}/${item.name}.png` };
}

async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Where a flavour's set lives under a data directory. Each set lives in its own folder named by its settings
 * and its recipe's fingerprint, so sets of different profiles (ci at 32 px, demo at 64 px) sit side by side
 * instead of replacing each other on every switch, and a retuned recipe never reuses the old images.
 */
export function syntheticDir(dataDir: string, opts: SyntheticOptions): string {
  return path.join(dataDir, opts.flavour, `${opts.size}px-n${opts.count}-seed${opts.seed}-recipe${recipeFingerprint(getFlavour(opts.flavour))}`);
}

type GenerateOptions = SyntheticOptions & { force?: boolean; onProgress?: (done: number, total: number) => void };

/**
 * Writes the set into `syntheticDir(dataDir, opts)` and returns its manifest. An existing set made with the
 * same options is reused unless `force` is set. Two processes asking for the same set (runs in parallel)
 * take turns under a lock: the second finds the first's set, and nobody replaces a set another one reads.
 */
export async function generateSynthetic(dataDir: string, opts: GenerateOptions): Promise<Manifest> {
  const f = getFlavour(opts.flavour);
  const target = syntheticDir(dataDir, { ...opts, flavour: f.id });
  const settings = { count: opts.count, size: opts.size, seed: opts.seed };
  const existing = (): Manifest | undefined => {
    const settingsFile = path.join(target, "synthetic.json");
    if (opts.force || !fs.existsSync(path.join(target, MANIFEST_JSON)) || !fs.existsSync(settingsFile)) return undefined;
    const old = JSON.parse(fs.readFileSync(settingsFile, "utf8"));
    return old.count === settings.count && old.size === settings.size && old.seed === settings.seed ? loadManifest(target) : undefined;
  };
  return existing() ?? withLock(`${target}.generating`, async () => existing() ?? (await write(f, target, opts, settings)));
}

async function write(f: Flavour, target: string, opts: GenerateOptions, settings: { count: number; size: number; seed: number }): Promise<Manifest> {
  const items = planSynthetic(opts);
  const tmp = tempPathFor(target);
  const rows: ManifestRow[] = new Array(items.length);
  let done = 0;
  await runPool(items.map((item, i) => ({ item, i })), 4, async ({ item, i }) => {
    const { rgb, mask } = renderItem(f, item, opts.size);
    const rel = relPaths(f, item);
    fs.mkdirSync(path.dirname(path.join(tmp, rel.image)), { recursive: true });
    fs.mkdirSync(path.dirname(path.join(tmp, rel.mask)), { recursive: true });
    const raw = { width: opts.size, height: opts.size };
    await sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: { ...raw, channels: 3 } }).png().toFile(path.join(tmp, rel.image));
    await sharp(Buffer.from(mask.buffer, mask.byteOffset, mask.byteLength), { raw: { ...raw, channels: 1 } }).png().toFile(path.join(tmp, rel.mask));
    rows[i] = {
      path: rel.image,
      label: f.classes[item.classIndex].name,
      labelIndex: item.classIndex,
      patient: item.patient,
      magnification: item.magnification,
      mask: rel.mask,
      width: opts.size,
      height: opts.size,
    };
    opts.onProgress?.(++done, items.length);
  });
  const manifest: Manifest = { dataset: f.id, root: tmp, classNames: f.classes.map((c) => c.name), rows, problems: [] };
  saveManifest(manifest, tmp);
  writeFileAtomic(path.join(tmp, "synthetic.json"), JSON.stringify({ flavour: f.id, mirrors: f.mirrors, ...settings }, null, 1) + "\n");
  fs.rmSync(target, { recursive: true, force: true });
  renameDurably(tmp, target);
  return { ...manifest, root: target };
}
