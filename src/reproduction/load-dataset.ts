/**
 * The data set a reproduction notebook works on: the downloaded one when there is one (and always for
 * profiles on real data, which fail without it), else the kit's synthetic stand-in generated with the
 * profile's size and seed, which is exactly the set the experiments of that profile train on. The
 * result says which it is, so every table and figure made from it can be labelled.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadManifest, MANIFEST_JSON } from "../data/manifest/io";
import type { Manifest } from "../data/manifest/types";
import { generateSynthetic } from "../data/synthetic/generate";
import { dataDir as defaultDataDir } from "../paths";
import { getProfile } from "../profiles";
import type { ReportContext } from "../report/context";
import { notebookContext } from "./notebook-context";
import { PaperDatasetInfo, paperDatasetInfo } from "./paper-datasets";

export interface LoadedDataset {
  info: PaperDatasetInfo;
  manifest: Manifest;
  /** True when the images are generated: the synthetic set, or a stand-in of the real archive (paper-smoke). */
  synthetic: boolean;
  /** One sentence for captions: what the images are and where they come from. */
  source: string;
}

export interface LoadDatasetOptions {
  /** Where data sets live (`<dataDir>/<id>/manifest.json`); default `DALA_DATA` or `data/`. */
  dataDir?: string;
  /**
   * Profiles on synthetic data still use a downloaded data set when its manifest exists (default
   * true): class counts and splits of the real data cost nothing to compute.
   */
  realWhenPresent?: boolean;
}

/** `<dataDir>/<id>`, where `dala data fetch <id>` leaves the extracted data set and its manifest. */
export function realDatasetDir(dataDir: string, id: string): string {
  return path.join(dataDir, id);
}

function checkClasses(m: Manifest, info: PaperDatasetInfo): void {
  if (m.classNames.join(",") !== info.classNames.join(",")) {
    throw new Error(`${m.dataset} (${m.root}): classes ${m.classNames.join(", ")} are not ${info.paperName}'s ${info.classNames.join(", ")}`);
  }
}

export async function loadPaperDataset(id: string, profileName: string, options: LoadDatasetOptions = {}): Promise<LoadedDataset> {
  const info = paperDatasetInfo(id);
  const profile = getProfile(profileName);
  const dataDir = options.dataDir ?? defaultDataDir();
  const realDir = realDatasetDir(dataDir, info.id);
  const hasReal = fs.existsSync(path.join(realDir, MANIFEST_JSON));
  if (profile.data === "real" && !hasReal) {
    throw new Error(`profile '${profile.name}' needs the real ${info.paperName}: no ${MANIFEST_JSON} in ${realDir}. Run 'dala data fetch ${info.id}' first, or use profile 'demo' (synthetic data)`);
  }
  if (hasReal && (profile.data === "real" || (options.realWhenPresent ?? true))) {
    const manifest = loadManifest(realDir);
    checkClasses(manifest, info);
    const problems = manifest.problems.length ? `; ${manifest.problems.length} files listed as problems in the manifest were left out` : "";
    if (profile.standIns) {
      const source = `Stand-in of ${info.paperName} (the real archive's folders, names, formats and sizes with synthetic pixels; ${manifest.rows.length} images in ${manifest.root}), written and fetched by npm run paper-smoke.`;
      return { info, manifest, synthetic: true, source };
    }
    return { info, manifest, synthetic: false, source: `${info.paperName} as downloaded (${manifest.rows.length} images in ${manifest.root}${problems}).` };
  }
  const manifest = await generateSynthetic(dataDir, { flavour: info.synthetic, count: profile.syntheticImages, size: profile.imageSize, seed: profile.dataSeed });
  checkClasses(manifest, info);
  const per = info.magnifications.length ? " per magnification" : "";
  return {
    info,
    manifest,
    synthetic: true,
    source:
      `Synthetic stand-in '${info.synthetic}' for ${info.paperName}: ${profile.syntheticImages} generated ${profile.imageSize} x ${profile.imageSize} px images${per} ` +
      `(profile ${profile.name}, seed ${profile.dataSeed}), with ${info.paperName}'s class shares; ${info.paperName} itself was not downloaded.`,
  };
}

/** A report context for results computed from one or more loaded data sets (synthetic if any is). */
export function datasetContext(datasets: LoadedDataset | readonly LoadedDataset[], profileName: string, resultsDir?: string): ReportContext {
  const list = Array.isArray(datasets) ? datasets : [datasets as LoadedDataset];
  if (list.length === 0) throw new Error("datasetContext: no data sets");
  const synthetic = list.some((d) => d.synthetic);
  const dataset = list.map((d) => (d.synthetic ? d.manifest.dataset : d.info.paperName)).join(", ");
  return notebookContext({ profile: profileName, dataset, synthetic, seed: getProfile(profileName).dataSeed, ...(resultsDir ? { resultsDir } : {}) });
}
