/**
 * `dala data ...`: fetch the real data sets (or model weights), generate the synthetic ones, build
 * manifests and splits. Each step writes files the next one (and `dala train`, the notebooks) reads.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError, defineCommand } from "../command";
import { dataDir as defaultDataDir } from "../../paths";
import { getProfile } from "../../profiles";
import { fetchDataset } from "../../data/fetch/fetch-dataset";
import { progressBar } from "../../data/fetch/progress";
import { SOURCES } from "../../data/fetch/sources";
import { scanDataset, REAL_DATASETS } from "../../data/manifest/index";
import { loadManifest, saveManifest, MANIFEST_JSON } from "../../data/manifest/io";
import { Manifest, byMagnification, classCounts } from "../../data/manifest/types";
import { PAPER_MINIDDSM_COUNTS, subsampleByClass } from "../../data/manifest/subsample";
import { leakageReport } from "../../data/split/leakage";
import { makeSplit, saveSplit, splitFileName } from "../../data/split/io";
import { FLAVOUR_IDS, Flavour } from "../../data/synthetic/flavours";
import { generateSynthetic, syntheticDir } from "../../data/synthetic/generate";
import { fileDigest } from "../../io/checksum";
import { writeFileAtomic } from "../../io/atomic-write";
import { writeBachStandIn } from "../../data/stand-in/write-bach";
import { writeBreakhisStandIn } from "../../data/stand-in/write-breakhis";
import { writeMiniddsmStandIn } from "../../data/stand-in/write-miniddsm";

const ACTIONS = ["fetch", "synth", "stand-in", "manifest", "split"] as const;

/** The stand-in writers by data set; each writes the archive `dala data fetch` expects for that set. */
const STAND_INS = { breakhis: writeBreakhisStandIn, bach: writeBachStandIn, miniddsm: writeMiniddsmStandIn } as const;

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`dala data: --${name} must be a non-negative integer, got '${value}'`);
  return n;
}

/** Class counts, per magnification when there are magnifications (the layout of Tables 3-5). */
function describe(m: Manifest): string[] {
  const lines = [`${m.dataset}: ${m.rows.length} images in ${m.root}`];
  const mags = [...new Set(m.rows.map((r) => r.magnification).filter(Boolean))];
  const groups = mags.length ? mags.map((g) => byMagnification(m, g)) : [m];
  lines.push(`  ${"".padEnd(14)}${m.classNames.map((c) => c.padStart(11)).join("")}${"total".padStart(8)}`);
  groups.forEach((g, i) => {
    const counts = classCounts(g);
    lines.push(`  ${(mags[i] ?? "all").padEnd(14)}${counts.map((c) => String(c).padStart(11)).join("")}${String(g.rows.length).padStart(8)}`);
  });
  if (m.problems.length) {
    lines.push(`  ${m.problems.length} problem(s) (listed in ${path.join(m.root, MANIFEST_JSON)}):`);
    for (const p of m.problems.slice(0, 10)) lines.push(`    ${p.path}: ${p.reason}`);
    if (m.problems.length > 10) lines.push(`    ... and ${m.problems.length - 10} more`);
  }
  return lines;
}

async function fetchAction(what: string | undefined, rest: string[], values: Record<string, any>, dataDir: string): Promise<number> {
  if (what === "weights") {
    const model = rest[0];
    if (!model) throw new UsageError("dala data fetch weights: name the model, e.g. 'dala data fetch weights resnet50'");
    const { fetchWeights } = require("../../weights/fetch") as typeof import("../../weights/fetch");
    const bar = progressBar(`weights ${model}`);
    const r = await fetchWeights(model, { url: values.url, onProgress: (p) => bar.update(p.received, p.total) });
    bar.finish();
    console.log(`${model}: ${r.file} (sha256 ${r.sha256}${r.cached ? ", already present" : ""})`);
    return 0;
  }
  if (!what || !(what in SOURCES)) {
    throw new UsageError(`dala data fetch: name what to fetch: ${Object.keys(SOURCES).join(", ")}, or 'weights <model>'`);
  }
  if (values.md5 !== undefined && !/^[0-9a-f]{32}$/i.test(values.md5)) throw new UsageError(`dala data fetch: --md5 must be 32 hexadecimal digits, got '${values.md5}'`);
  const m = await fetchDataset(what, { dataDir, url: values.url, md5: values.md5?.toLowerCase(), force: values.force, progress: (_stage, label) => progressBar(label) });
  console.log(describe(m).join("\n"));
  return 0;
}

export default defineCommand({
  name: "data",
  summary: "fetch data sets or weights, generate synthetic sets, build manifests and splits",
  positionals: "fetch|synth|stand-in|manifest|split [ARGS]",
  details: `
dala data fetch breakhis|bach|miniddsm   download (resumable), verify, extract safely, write the manifest
dala data fetch weights MODEL            download a model's ImageNet checkpoint
dala data synth [--flavour F]            generate the synthetic sets (profile's size, count and seed)
dala data stand-in weights MODEL [--out FILE]   write a checkpoint laid out as MODEL's published one
                                         (names, shapes, dtypes; values drawn to keep the network finite)
dala data stand-in breakhis|bach|miniddsm [--out FILE] [--per-folder N]   write the set's archive
                                         (BreaKHis_v1.tar.gz, ICIAR2018_BACH_Challenge.zip, miniddsm2.zip)
                                         with the real tree, file names, counts and image formats
                                         (synthetic pixels), to serve and fetch with --url for end-to-end runs
dala data manifest breakhis|bach|miniddsm [--root DIR]   scan an extracted data set
dala data split DATASET [--kind paper|patient] [--magnification 40X]   make and save a split
Data sets live in --data-dir (default: DALA_DATA or data/); Mini-DDSM from Kaggle needs Kaggle credentials
(KAGGLE_USERNAME and KAGGLE_KEY, or ~/.kaggle/kaggle.json).`,
  options: {
    "data-dir": { type: "string", value: "DIR", description: "where data sets are stored (default: DALA_DATA or data/)" },
    profile: { type: "string", value: "NAME", description: "profile giving synthetic size, count and seed (ci, demo, paper)", default: "demo" },
    flavour: { type: "string", multiple: true, value: "ID", description: `synthetic set to generate: ${FLAVOUR_IDS.join(", ")} (default: all)` },
    count: { type: "string", value: "N", description: "synthetic images per set (per magnification for BreakHis); default from the profile" },
    size: { type: "string", value: "PX", description: "synthetic image side in pixels; default the profile's image size" },
    seed: { type: "string", value: "N", description: "seed for synthetic data and splits; default the profile's seed" },
    root: { type: "string", value: "DIR", description: "manifest: the extracted data set (default: <data-dir>/<id>)" },
    "paper-subset": { type: "boolean", description: "manifest miniddsm: also write <data-dir>/miniddsm-paper, a seeded 500/700/800 subset like the paper's" },
    kind: { type: "string", value: "paper|patient", description: "split: the paper's image-level split or a patient-level one", default: "paper" },
    magnification: { type: "string", value: "MAG", description: "split: one BreakHis magnification (40X, 100X, 200X, 400X)" },
    url: { type: "string", value: "URL", description: "fetch: download from this address instead (a mirror); Kaggle credentials are not sent there" },
    md5: { type: "string", value: "HEX", description: "fetch: the archive's md5 in place of the published one (BACH's), e.g. for a stand-in" },
    force: { type: "boolean", description: "fetch or generate again even when present" },
    out: { type: "string", value: "FILE", description: "stand-in: the archive to write (default: <data-dir>/stand-ins/<archive name>)" },
    "per-folder": {
      type: "string",
      value: "N",
      description: "stand-in: keep the first N of each folder: BreakHis images per patient and magnification (all: 7,909, ~4 GB), BACH images per class (all: 400, ~3.8 GB of TIFF), Mini-DDSM cases per class (all: 2,479 cases, 9,916 views)",
    },
  },
  async run({ values, positionals }) {
    const [action, what, ...rest] = positionals;
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`dala data: choose one of ${ACTIONS.join(", ")}${action ? ` (got '${action}')` : ""}`);
    const dataDir = path.resolve(values["data-dir"] ?? defaultDataDir());
    const profile = getProfile(values.profile);
    const seed = intOption(values.seed, "seed") ?? profile.dataSeed;

    if (action === "fetch") return fetchAction(what, rest, values, dataDir);

    if (action === "synth") {
      const flavours = (values.flavour ?? FLAVOUR_IDS) as string[];
      for (const f of flavours) if (!(FLAVOUR_IDS as readonly string[]).includes(f)) throw new UsageError(`dala data synth: unknown --flavour '${f}' (choose ${FLAVOUR_IDS.join(", ")})`);
      const count = intOption(values.count, "count") ?? profile.syntheticImages;
      const size = intOption(values.size, "size") ?? profile.imageSize;
      if (count === 0) throw new UsageError(`dala data synth: profile '${profile.name}' uses real data; give --count`);
      for (const f of flavours) {
        const t0 = Date.now();
        const m = await generateSynthetic(dataDir, { flavour: f as Flavour["id"], count, size, seed, force: values.force });
        console.log(describe(m).join("\n"));
        console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
      return 0;
    }

    if (action === "stand-in" && what === "weights") {
      const model = rest[0];
      if (!model) throw new UsageError("dala data stand-in weights: name the model, e.g. 'dala data stand-in weights resnet50'");
      const { layoutOfModel, standInCheckpoint } = require("../../weights/stand-in") as typeof import("../../weights/stand-in");
      let layout;
      try {
        layout = layoutOfModel(model);
      } catch (e) {
        throw new UsageError(`dala data stand-in weights: ${(e as Error).message}`);
      }
      const file = path.resolve(values.out ?? path.join(dataDir, "stand-ins", "weights", layout.repo, "model.safetensors"));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic(file, standInCheckpoint(layout));
      console.log(`${model} stand-in: ${layout.tensors.length} tensors laid out as ${layout.repo}, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB in ${file}`);
      console.log(`  serve it (e.g. python3 -m http.server) and run: dala data fetch weights ${model} --url http://HOST:PORT/${layout.repo}/model.safetensors`);
      return 0;
    }

    if (action === "stand-in") {
      if (!what || !(what in STAND_INS)) throw new UsageError(`dala data stand-in: name the data set: ${Object.keys(STAND_INS).join(", ")}${what ? ` (got '${what}')` : ""}`);
      const id = what as keyof typeof STAND_INS;
      const archive = path.resolve(values.out ?? path.join(dataDir, "stand-ins", SOURCES[id].archive));
      fs.mkdirSync(path.dirname(archive), { recursive: true });
      const t0 = Date.now();
      const r = await STAND_INS[id](archive, {
        seed,
        perFolder: intOption(values["per-folder"], "per-folder"),
        onProgress: (d, t) => (d % 500 === 0 || d === t) && console.error(`${id} stand-in: ${d} of ${t} files`),
      });
      console.log(`${id} stand-in: ${r.images} images, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.archive} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      // A published md5 (BACH's) cannot match a stand-in: the fetch is told the stand-in's own.
      const md5 = SOURCES[id].md5 ? ` --md5 ${await fileDigest(archive, "md5")}` : "";
      console.log(`  serve its folder (e.g. python3 -m http.server) and run: dala data fetch ${id} --url http://HOST:PORT/${path.basename(archive)}${md5}`);
      return 0;
    }

    if (action === "manifest") {
      if (!what || !(what in REAL_DATASETS)) throw new UsageError(`dala data manifest: name the data set: ${Object.keys(REAL_DATASETS).join(", ")}`);
      const root = path.resolve(values.root ?? path.join(dataDir, what));
      const m = await scanDataset(what, root);
      saveManifest(m, root);
      console.log(describe(m).join("\n"));
      if (values["paper-subset"]) {
        if (what !== "miniddsm") throw new UsageError("dala data manifest: --paper-subset is for miniddsm (the paper used 2,000 of its images)");
        const subset = subsampleByClass(m, PAPER_MINIDDSM_COUNTS, seed, "paper");
        saveManifest(subset, path.join(dataDir, subset.dataset));
        console.log(describe(subset).join("\n"));
      }
      return m.rows.length ? 0 : 1;
    }

    if (!what) throw new UsageError("dala data split: name the data set (a folder of --data-dir with a manifest, e.g. bach or synthetic-bach)");
    if (values.kind !== "paper" && values.kind !== "patient") throw new UsageError(`dala data split: --kind must be paper or patient, got '${values.kind}'`);
    const isSynthetic = (FLAVOUR_IDS as readonly string[]).includes(what);
    // A synthetic set is found by the same settings `dala data synth` made it with.
    const dir = isSynthetic
      ? syntheticDir(dataDir, { flavour: what as Flavour["id"], count: intOption(values.count, "count") ?? profile.syntheticImages, size: intOption(values.size, "size") ?? profile.imageSize, seed })
      : path.join(dataDir, what);
    if (!fs.existsSync(path.join(dir, MANIFEST_JSON))) {
      const hint = isSynthetic ? `dala data synth --flavour ${what}` : `dala data fetch ${what}`;
      throw new Error(`no manifest in ${dir}: run '${hint}' first`);
    }
    let m = loadManifest(dir);
    if (values.magnification) m = byMagnification(m, values.magnification);
    const split = makeSplit(m, values.kind, seed);
    const file = path.join(dataDir, "splits", m.dataset, splitFileName(values.kind, seed, m));
    saveSplit(file, split);
    const leak = leakageReport(split, m.rows.map((r) => r.patient));
    console.log(`${m.dataset}: ${values.kind} split, seed ${seed} -> ${file}`);
    console.log(`  train ${split.train.length}  val ${split.val.length}  test ${split.test.length}  (of ${m.rows.length})`);
    console.log(`  leakage: ${leak.sharedPatients} of ${leak.patients} patients on more than one side (${leak.imagesOfSharedPatients} images); ` + Object.entries(leak.pairs).map(([k, v]) => `${k} ${v.patients}`).join(", "));
    return 0;
  },
});
