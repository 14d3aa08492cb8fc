/**
 * The model registry (timm's create_model): every architecture is an entry registered by name with
 * its defaults and published weights beside it; `createModel` is the one entry point.
 */
import { ParamInit } from "./init";
import { assembleKitModel, type Network } from "./kit-model";
import { MODEL_ENTRIES, type ModelName } from "./entries";

export { PROPOSED_MODEL, type ModelName } from "./entries";
import type { KitModel, ModelDefaults, ModelOptions, ResolvedOptions, WeightsSource } from "./types";

export interface ModelEntry {
  description: string;
  defaults: ModelDefaults;
  weightsSource?: WeightsSource;
  /** Options this family reads beyond the common ones (others are rejected, so typos surface). */
  accepts?: readonly ("attentionAfter" | "reduction")[];
  /** Checks and fills family-specific options (e.g. the reduction ratio chosen by class count). */
  resolve?: (options: ResolvedOptions) => ResolvedOptions;
  build(options: ResolvedOptions, init: ParamInit): Network;
  /**
   * The layer whose output the frozen-trunk mode stores (everything after it trains); families without
   * one do not offer the mode.
   */
  frozenTrunkCut?: (options: ResolvedOptions) => string;
}

export function listModels(): ModelName[] {
  return Object.keys(MODEL_ENTRIES) as ModelName[];
}

export function isModelName(name: string): name is ModelName {
  return Object.prototype.hasOwnProperty.call(MODEL_ENTRIES, name);
}

export function modelEntry(name: string): ModelEntry {
  if (!isModelName(name)) throw new Error(`unknown model '${name}': choose one of ${listModels().join(", ")}`);
  return MODEL_ENTRIES[name];
}

export function resolveOptions(name: string, options: ModelOptions): ResolvedOptions {
  const entry = modelEntry(name);
  if (!Number.isInteger(options.numClasses) || options.numClasses < 1) {
    throw new Error(`model '${name}': numClasses must be a positive integer, got ${options.numClasses}`);
  }
  for (const key of ["attentionAfter", "reduction"] as const) {
    if (options[key] !== undefined && !entry.accepts?.includes(key)) {
      throw new Error(`model '${name}' does not take option '${key}'`);
    }
  }
  const widthMultiplier = options.widthMultiplier ?? 1;
  if (!(widthMultiplier > 0)) throw new Error(`model '${name}': widthMultiplier must be > 0, got ${widthMultiplier}`);
  const resolved: ResolvedOptions = {
    numClasses: options.numClasses,
    inputSize: options.inputSize ?? entry.defaults.inputSize,
    dropout: options.dropout ?? entry.defaults.dropout,
    widthMultiplier,
    seed: options.seed ?? 1,
    weightInit: options.weightInit ?? "random",
    normalization: options.normalization ?? entry.defaults.normalization,
    attentionAfter: options.attentionAfter,
    reduction: options.reduction,
  };
  return entry.resolve ? entry.resolve(resolved) : resolved;
}

export function createModel(name: string, options: ModelOptions): KitModel {
  const entry = modelEntry(name);
  const resolved = resolveOptions(name, options);
  const net = entry.build(resolved, new ParamInit(resolved.seed, resolved.weightInit));
  return assembleKitModel(name, net, { options: resolved, defaults: entry.defaults, weightsSource: entry.weightsSource });
}
