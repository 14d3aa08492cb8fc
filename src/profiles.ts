/**
 * Named parameter sets for `dala reproduce`. A notebook receives only the profile's name in its
 * parameters cell and looks the rest up here, so the notebook and the CLI cannot disagree.
 *
 * - `ci`: seconds per notebook; tiny synthetic data and tiny models. For tests.
 * - `demo` (default): the synthetic data set at reduced scale; the whole kit in about 20 minutes on a
 *   2-core CPU with the wasm backend.
 * - `study`: the synthetic data sets at a scale where the claims ledger can reach verdicts (test sets of
 *   hundreds of images, three seeds, the CAM model at 224 px); its results are committed in results/study/.
 * - `paper`: the paper's protocol on the real data sets (224 px, batch 32, 50 epochs, Adam 1e-4,
 *   ImageNet-pretrained start). Needs a GPU (tfjs-node-gpu) and the downloaded data sets.
 * - `paper-smoke`: the paper profile's settings (224 px, full width, batch 32, Adam 1e-4, ImageNet start)
 *   with one epoch and one seed, on stand-ins of the real data sets and checkpoints made and fetched by
 *   `npm run paper-smoke` (data-scripts/paper-smoke.mjs): whether the paper profile runs end to end, on a CPU.
 */
export const PROFILE_NAMES = ["ci", "demo", "study", "paper", "paper-smoke"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface Profile {
  name: ProfileName;
  description: string;
  /** `synthetic` uses the built-in generated data set; `real` the downloaded ones (error if missing). */
  data: "synthetic" | "real";
  /**
   * Real-data profile run on stand-ins of the archives (`npm run paper-smoke`): the loaders see the real
   * layouts, but the pixels are synthetic, so its tables and figures are marked like synthetic ones.
   */
  standIns?: true;
  /** Images per synthetic data set (ignored for real data). */
  syntheticImages: number;
  imageSize: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  dropout: number;
  /**
   * Training seeds: each comparison runs once per seed, and a seed drives initialisation, data order,
   * augmentation, dropout and CAM noise. `DALA_SEEDS=0,1,2,3` overrides the list (seedsOf).
   */
  seeds: readonly number[];
  /** Seeds the data: the synthetic images and the split, fixed across training seeds. */
  dataSeed: number;
  /** Width multiplier for the ResNet family: 1 is the real architecture; smaller for fast runs. */
  widthMultiplier: number;
  /** Images per data set on which CAMs are computed and evaluated. */
  camImages: number;
}

const PROFILES: Record<ProfileName, Profile> = {
  ci: {
    name: "ci",
    description: "smoke test: tiny synthetic data and models, seconds per notebook",
    data: "synthetic",
    syntheticImages: 48,
    imageSize: 32,
    epochs: 1,
    batchSize: 8,
    learningRate: 1e-3,
    dropout: 0.25,
    seeds: [0, 1],
    dataSeed: 0,
    widthMultiplier: 0.125,
    camImages: 2,
  },
  demo: {
    name: "demo",
    description: "synthetic data at reduced scale; whole kit in about 20 minutes on a 2-core CPU",
    data: "synthetic",
    syntheticImages: 240,
    imageSize: 64,
    // per optimizer step the cost on wasm is mostly fixed overhead: small batches buy the steps a
    // fresh network needs to leave the majority class (measured on the 240-image 40X set)
    epochs: 5,
    batchSize: 8,
    learningRate: 1e-3,
    dropout: 0.25,
    seeds: [0, 1, 2],
    dataSeed: 0,
    widthMultiplier: 0.25,
    camImages: 16,
  },
  study: {
    name: "study",
    description: "synthetic data at a scale where the claims ledger can reach verdicts; committed in results/study/",
    data: "synthetic",
    // 30% of 1440 = 432 test images: a paired accuracy difference then has a 95% interval of about
    // +-0.03 when the two models disagree on a tenth of the images
    syntheticImages: 1440,
    imageSize: 64,
    // at 64 px a wasm step costs mostly fixed overhead: batch 32 trained about 5x the images per second
    // of batch 16 on the 2-core machine, and reached 0.94 test accuracy on the 40X set in 4 epochs
    epochs: 4,
    batchSize: 32,
    learningRate: 1e-3,
    dropout: 0.25,
    seeds: [0, 1, 2],
    dataSeed: 0,
    widthMultiplier: 0.25,
    camImages: 16,
  },
  paper: {
    name: "paper",
    description: "the paper's protocol on the real data sets (needs a GPU and the downloads)",
    data: "real",
    syntheticImages: 0,
    imageSize: 224,
    epochs: 50,
    batchSize: 32,
    learningRate: 1e-4,
    dropout: 0.25,
    seeds: [0, 1, 2],
    dataSeed: 0,
    widthMultiplier: 1,
    camImages: 100,
  },
  "paper-smoke": {
    name: "paper-smoke",
    description: "the paper profile's settings for one epoch and one seed on stand-ins of the real data sets (npm run paper-smoke)",
    data: "real",
    standIns: true,
    syntheticImages: 0,
    imageSize: 224,
    // one epoch of the small stand-ins data-scripts/paper-smoke.mjs writes: one or two optimizer steps a run
    epochs: 1,
    batchSize: 32,
    learningRate: 1e-4,
    dropout: 0.25,
    seeds: [0],
    dataSeed: 0,
    widthMultiplier: 1,
    camImages: 8,
  },
};

export const DEFAULT_PROFILE: ProfileName = "demo";

/** Whether a profile's numbers come from generated pixels (synthetic sets, or stand-ins of the real archives). */
export function hasSyntheticPixels(profile: Profile): boolean {
  return profile.data === "synthetic" || profile.standIns === true;
}

/** Looks a profile up by name; an unknown name is an error listing the known ones. */
export function getProfile(name: string = DEFAULT_PROFILE): Profile {
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown profile '${name}': choose one of ${PROFILE_NAMES.join(", ")}`);
  }
  return PROFILES[name as ProfileName];
}

/**
 * The training seeds of a profile: its own list, or `DALA_SEEDS` (comma-separated non-negative
 * integers) when set, so that one setting reaches `dala plan`, `dala reproduce` and every notebook.
 */
export function seedsOf(profile: Profile, env: NodeJS.ProcessEnv = process.env): readonly number[] {
  const value = env.DALA_SEEDS;
  if (value === undefined || value.trim() === "") return profile.seeds;
  const seeds = value.split(",").map((s) => s.trim());
  for (const s of seeds) {
    if (!/^\d+$/.test(s)) throw new Error(`DALA_SEEDS must be comma-separated non-negative integers, got '${value}'`);
  }
  const numbers = seeds.map(Number);
  if (new Set(numbers).size !== numbers.length) throw new Error(`DALA_SEEDS lists a seed twice: '${value}'`);
  return numbers;
}
