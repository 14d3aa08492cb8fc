/**
 * A TrainRequest as a self-contained shell command (for `dala plan`) and back from parsed CLI values
 * (for `dala train`), so the two cannot drift apart.
 */
import { PROFILE_NAMES, type ProfileName } from "../profiles";
import { INIT_KINDS, SPLIT_KINDS, type InitKind, type SplitKind, type TrainRequest } from "./spec";
import { isModelName, listModels } from "../models/registry";
import { DATASET_IDS, MAGNIFICATIONS, isDatasetId, isMagnification, type Magnification } from "../data/datasets";

/** Quotes a word for POSIX shells only when needed. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `dala train` arguments that reproduce a request (defaults left out, --resume always in). */
export function trainArgs(req: TrainRequest, extra: { results?: string } = {}): string[] {
  const args = ["train", "--profile", req.profile, "--model", req.model, "--dataset", req.dataset];
  if (req.magnification !== undefined) args.push("--magnification", req.magnification);
  args.push("--split", req.split);
  if (req.seed !== undefined) args.push("--seed", String(req.seed));
  if (req.splitSeed !== undefined) args.push("--split-seed", String(req.splitSeed));
  if (req.attentionAfter !== undefined) args.push("--attention-after", String(req.attentionAfter));
  if (req.reduction !== undefined) args.push("--reduction", String(req.reduction));
  if (req.init !== undefined) args.push("--init", req.init);
  if (req.epochs !== undefined) args.push("--epochs", String(req.epochs));
  if (req.batchSize !== undefined) args.push("--batch-size", String(req.batchSize));
  if (req.microBatchSize !== undefined) args.push("--micro-batch", String(req.microBatchSize));
  if (req.frozenTrunk) args.push("--frozen-trunk");
  if (req.imageSize !== undefined) args.push("--image-size", String(req.imageSize));
  if (req.syntheticImages !== undefined) args.push("--synthetic-images", String(req.syntheticImages));
  // A re-run of a finished experiment is a no-op and of a killed one a continuation: safe to retry.
  args.push("--resume");
  if (extra.results !== undefined) args.push("--results", extra.results);
  return args;
}

export function commandLine(runner: string, req: TrainRequest, extra: { results?: string } = {}): string {
  return [runner, ...trainArgs(req, extra).map(shellQuote)].join(" ");
}

function int(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got '${value}'`);
  return n;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join(", ")}, got '${value}'`);
  return value as T;
}

export interface TrainCliValues {
  model?: string;
  dataset?: string;
  magnification?: string;
  split?: string;
  profile?: string;
  seed?: string;
  "split-seed"?: string;
  "attention-after"?: string;
  reduction?: string;
  init?: string;
  epochs?: string;
  "batch-size"?: string;
  "micro-batch"?: string;
  "frozen-trunk"?: boolean;
  "image-size"?: string;
  "synthetic-images"?: string;
}

/** Parsed `dala train` options -> request; every bad value is an error naming its option. */
export function requestFromCli(v: TrainCliValues, defaultProfile: ProfileName): TrainRequest {
  if (!v.model) throw new Error("--model is required");
  if (!v.dataset) throw new Error("--dataset is required");
  const attentionAfter = int("attention-after", v["attention-after"], 1);
  if (attentionAfter !== undefined && attentionAfter > 4) throw new Error(`--attention-after must be 1, 2, 3 or 4, got ${attentionAfter}`);
  const optional: Partial<TrainRequest> = {
    magnification: v.magnification as Magnification | undefined,
    seed: int("seed", v.seed),
    splitSeed: int("split-seed", v["split-seed"]),
    attentionAfter: attentionAfter as TrainRequest["attentionAfter"],
    reduction: int("reduction", v.reduction, 1),
    init: oneOf<InitKind>("init", v.init, INIT_KINDS),
    epochs: int("epochs", v.epochs, 1),
    batchSize: int("batch-size", v["batch-size"], 1),
    microBatchSize: int("micro-batch", v["micro-batch"], 1),
    frozenTrunk: v["frozen-trunk"] ? true : undefined,
    imageSize: int("image-size", v["image-size"], 8),
    syntheticImages: int("synthetic-images", v["synthetic-images"], 1),
  };
  if (!isModelName(v.model)) throw new Error(`--model: unknown model '${v.model}': choose one of ${listModels().join(", ")}`);
  if (!isDatasetId(v.dataset)) throw new Error(`--dataset: unknown data set '${v.dataset}': choose one of ${DATASET_IDS.join(", ")}`);
  if (v.magnification !== undefined && !isMagnification(v.magnification)) throw new Error(`--magnification must be one of ${MAGNIFICATIONS.join(", ")}, got '${v.magnification}'`);
  const req: TrainRequest = {
    model: v.model,
    dataset: v.dataset,
    split: oneOf<SplitKind>("split", v.split ?? "paper", SPLIT_KINDS)!,
    profile: oneOf<ProfileName>("profile", v.profile ?? defaultProfile, PROFILE_NAMES)!,
  };
  for (const [k, value] of Object.entries(optional)) if (value !== undefined) (req as any)[k] = value;
  return req;
}
