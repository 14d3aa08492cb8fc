/**
 * An experiment's data: the manifest (generated for synthetic profiles, `<data>/<dataset>/manifest.json`
 * for real data), one BreakHis magnification if asked, the saved split (made once and reused, so every
 * model of a comparison sees the same one), and image sources over its three parts, scaled the way the
 * model's family expects.
 *
 * The synthetic data comes from the profile's data seed and the split from the spec's split seed (the
 * data seed unless `--split-seed` asks otherwise), never from the training seed: runs with different
 * training seeds differ in initialisation and training randomness, not in their data.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadManifest } from "../data/manifest/io";
import { byMagnification, classCounts, type Manifest } from "../data/manifest/types";
import { ImageCache } from "../data/pipeline/cache";
import { ImageBatchSource } from "../data/pipeline/image-source";
import { leakageReport } from "../data/split/leakage";
import { loadSplit, makeSplit, saveSplit, splitFileName } from "../data/split/io";
import type { Split } from "../data/split/types";
import { generateSynthetic } from "../data/synthetic/generate";
import { FLAVOUR_IDS, type Flavour } from "../data/synthetic/flavours";
import { modelEntry } from "../models/registry";
import { cacheDir, dataDir } from "../paths";
import { getProfile } from "../profiles";
import type { ExperimentData } from "./run";
import type { ExperimentSpec } from "./spec";

export interface DataLocations {
  dataDir: string;
  cacheDir: string;
}

async function experimentManifest(spec: ExperimentSpec, where: DataLocations): Promise<Manifest> {
  const { dataset, source } = spec.data;
  const seed = getProfile(spec.profile).dataSeed;
  if (source === "synthetic") {
    if (!(FLAVOUR_IDS as readonly string[]).includes(dataset)) {
      throw new Error(`profile '${spec.profile}' uses synthetic data: --dataset must be one of ${FLAVOUR_IDS.join(", ")}, got '${dataset}'`);
    }
    return generateSynthetic(where.dataDir, { flavour: dataset as Flavour["id"], count: spec.data.syntheticImages ?? 0, size: spec.data.imageSize, seed });
  }
  return loadManifest(path.join(where.dataDir, dataset));
}

/** The saved split of `manifest`, made and saved on first use. */
function experimentSplit(manifest: Manifest, kind: Split["kind"], seed: number, where: DataLocations): { split: Split; file: string } {
  const file = path.join(where.dataDir, "splits", manifest.dataset, splitFileName(kind, seed, manifest));
  if (fs.existsSync(file)) return { split: loadSplit(file, manifest), file };
  const split = makeSplit(manifest, kind, seed);
  saveSplit(file, split);
  return { split, file };
}

export async function openExperimentData(spec: ExperimentSpec, where: DataLocations = { dataDir: dataDir(), cacheDir: cacheDir() }): Promise<ExperimentData> {
  let manifest = await experimentManifest(spec, where);
  if (spec.data.magnification) manifest = byMagnification(manifest, spec.data.magnification);
  const { split, file } = experimentSplit(manifest, spec.data.split, spec.data.splitSeed, where);
  const cache = await ImageCache.open(manifest, { cacheDir: where.cacheDir, size: spec.data.imageSize });
  const scaling = modelEntry(spec.model).defaults.normalization;
  const source = (rows: number[]) => new ImageBatchSource(cache, { rows, scaling });
  return {
    train: source(split.train),
    val: source(split.val),
    test: source(split.test),
    description: {
      dataset: manifest.dataset,
      root: manifest.root,
      images: manifest.rows.length,
      classNames: manifest.classNames,
      classCounts: classCounts(manifest),
      scaling,
      split: { kind: split.kind, seed: split.seed, file, train: split.train.length, val: split.val.length, test: split.test.length },
      leakage: leakageReport(split, manifest.rows.map((r) => r.patient)),
    },
  };
}
