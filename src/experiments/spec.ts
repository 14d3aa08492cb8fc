/**
 * An experiment: model x data set x split x seed x profile, plus the training protocol. Its key is the
 * hash of the whole spec, and results live under `<results>/runs/<key>/`, so anyone (a notebook, another
 * machine) can find a run's results from what it asked for, without a database.
 *
 * The spec holds what was ASKED (model name and explicit options, data set, profile values); what the
 * model registry resolved from it (default reduction ratio, dropout, ...) is recorded in config.json.
 * That way the key can be computed without building a model or opening a data set.
 */
import { listModels, modelEntry, type ModelName } from "../models/registry";
import type { DatasetId, Magnification } from "../data/datasets";
import { FLAVOUR_IDS, getFlavour, recipeFingerprint } from "../data/synthetic/flavours";
import { configHash } from "../config-hash";
import { getProfile, type ProfileName } from "../profiles";
import { trainingConfigFromProfile, type TrainingConfig } from "../training/config";

export const SPLIT_KINDS = ["paper", "patient"] as const;
export type SplitKind = (typeof SPLIT_KINDS)[number];

export const INIT_KINDS = ["imagenet", "random"] as const;
/** `imagenet`: start from published ImageNet weights (the paper); `random`: seeded fresh initialisation. */
export type InitKind = (typeof INIT_KINDS)[number];

/** What `dala train` takes: everything else follows from the profile. */
export interface TrainRequest {
  model: ModelName;
  dataset: DatasetId;
  /** BreakHis magnification; omitted = all images of the data set. */
  magnification?: Magnification;
  split: SplitKind;
  profile: ProfileName;
  /** The training seed; defaults to the profile's first. */
  seed?: number;
  /** The split's seed; defaults to the profile's data seed (the same split for every training seed). */
  splitSeed?: number;
  /** DALAResNet50: stage after which the attention module sits (Table 2 ablation). */
  attentionAfter?: 1 | 2 | 3 | 4;
  /** DALAResNet50: reduction ratio of the attention module. */
  reduction?: number;
  /** Defaults to `imagenet` for real data and `random` for the synthetic profiles. */
  init?: InitKind;
  epochs?: number;
  batchSize?: number;
  microBatchSize?: number;
  /** The frozen-trunk mode: a labelled deviation from the paper's protocol (see FrozenTrunkDeviation). */
  frozenTrunk?: boolean;
  /** Input side in pixels; defaults to the profile's (the study profile's CAM model trains at 224 px). */
  imageSize?: number;
  /** Synthetic data only: images generated per data set; defaults to the profile's. */
  syntheticImages?: number;
}

/**
 * Present in a spec that deviates from the paper's protocol by freezing the pretrained layers before the
 * stage that trains (src/training/frozen-trunk): their features are stored once and the augmentation is
 * one of the 8 symmetries of the square per image and epoch.
 */
export interface FrozenTrunkDeviation {
  trunk: "frozen, batch norm in inference mode";
  augmentation: "dihedral-8";
}

export interface ExperimentSpec {
  /** Version 2: metrics.json holds the catalogue's scores, the split seed is part of the spec; runs of version 1 are not reused. */
  format: "dala-experiment/2";
  model: ModelName;
  /** Options passed to the model registry (numClasses is added from the data). */
  modelOptions: { inputSize: number; widthMultiplier: number; seed: number; attentionAfter?: number; reduction?: number };
  init: InitKind;
  data: {
    dataset: DatasetId;
    magnification?: Magnification;
    split: SplitKind;
    splitSeed: number;
    source: "synthetic" | "real";
    imageSize: number;
    /** Synthetic data only: images generated per data set. */
    syntheticImages?: number;
    /** Synthetic data only: the recipe's fingerprint, so a retuned recipe's runs are not the old ones. */
    syntheticRecipe?: string;
  };
  profile: ProfileName;
  seed: number;
  training: TrainingConfig;
  frozenTrunk?: FrozenTrunkDeviation;
}

export function buildSpec(req: TrainRequest): ExperimentSpec {
  const profile = getProfile(req.profile);
  if (!req.model) throw new Error("experiment: a model name is required");
  if (!req.dataset) throw new Error("experiment: a data set name is required");
  if (!(SPLIT_KINDS as readonly string[]).includes(req.split)) {
    throw new Error(`experiment: split must be one of ${SPLIT_KINDS.join(", ")}, got '${req.split}'`);
  }
  if (req.frozenTrunk && !modelEntry(req.model).frozenTrunkCut) {
    throw new Error(`experiment: model '${req.model}' has no frozen-trunk mode (only ${listModels().filter((m) => modelEntry(m).frozenTrunkCut).join(", ")})`);
  }
  if (req.init !== undefined && !(INIT_KINDS as readonly string[]).includes(req.init)) {
    throw new Error(`experiment: init must be one of ${INIT_KINDS.join(", ")}, got '${req.init}'`);
  }
  const seed = req.seed ?? profile.seeds[0];
  const splitSeed = req.splitSeed ?? profile.dataSeed;
  for (const [name, v] of [["seed", seed], ["splitSeed", splitSeed]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new Error(`experiment: ${name} must be a non-negative integer, got ${v}`);
  }
  const imageSize = req.imageSize ?? profile.imageSize;
  const syntheticImages = req.syntheticImages ?? profile.syntheticImages;
  for (const [name, v] of [["imageSize", imageSize], ["syntheticImages", syntheticImages]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new Error(`experiment: ${name} must be a non-negative integer, got ${v}`);
  }
  const batchSize = req.batchSize ?? profile.batchSize;
  const training = trainingConfigFromProfile(profile, {
    seed,
    batchSize,
    microBatchSize: req.microBatchSize ?? batchSize,
    evalBatchSize: req.microBatchSize ?? batchSize,
    ...(req.epochs !== undefined ? { epochs: req.epochs } : {}),
  });
  return {
    format: "dala-experiment/2",
    model: req.model,
    modelOptions: {
      inputSize: imageSize,
      widthMultiplier: profile.widthMultiplier,
      seed,
      ...(req.attentionAfter !== undefined ? { attentionAfter: req.attentionAfter } : {}),
      ...(req.reduction !== undefined ? { reduction: req.reduction } : {}),
    },
    init: req.init ?? (profile.data === "real" ? "imagenet" : "random"),
    data: {
      dataset: req.dataset,
      ...(req.magnification !== undefined ? { magnification: req.magnification } : {}),
      split: req.split,
      splitSeed,
      source: profile.data,
      imageSize,
      ...(profile.data === "synthetic" ? { syntheticImages, ...syntheticRecipe(req.dataset) } : {}),
    },
    profile: profile.name,
    seed,
    training,
    ...(req.frozenTrunk ? { frozenTrunk: { trunk: "frozen, batch norm in inference mode", augmentation: "dihedral-8" } as FrozenTrunkDeviation } : {}),
  };
}

/** The recipe's fingerprint of a synthetic data set; none for a name that is not one (kit-data refuses it). */
function syntheticRecipe(dataset: string): { syntheticRecipe?: string } {
  return (FLAVOUR_IDS as readonly string[]).includes(dataset) ? { syntheticRecipe: recipeFingerprint(getFlavour(dataset)) } : {};
}

/** The directory name of an experiment's results. */
export function experimentKey(spec: ExperimentSpec): string {
  return configHash(spec);
}

/** A short human label, e.g. `dala_resnet50@l2/r16 breakhis 40X paper seed 0` (+ ` [frozen trunk]`). */
export function experimentLabel(spec: ExperimentSpec): string {
  const o = spec.modelOptions;
  const variant = [o.attentionAfter !== undefined ? `l${o.attentionAfter}` : "", o.reduction !== undefined ? `r${o.reduction}` : ""].filter(Boolean).join("/");
  const data = [spec.data.dataset, spec.data.magnification].filter(Boolean).join(" ");
  return `${spec.model}${variant ? "@" + variant : ""} ${data} ${spec.data.split} seed ${spec.seed}${spec.frozenTrunk ? " [frozen trunk]" : ""}`;
}
