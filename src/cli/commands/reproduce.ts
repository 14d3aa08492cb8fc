import * as fs from "node:fs";
import * as path from "node:path";
import { defineCommand } from "../command";
import { formatSummary, listNotebooks, runNotebookProcess, NotebookRun } from "../../notebook/reproduce";
import { DEFAULT_PROFILE, getProfile, seedsOf } from "../../profiles";
import { REPO_ROOT, profileResultsDir } from "../../paths";
import { writeResultsIndex } from "../../report/results-index";
import { writeReproduceRecord } from "../../report/reproduce-record";
import { countTrainingRuns } from "../../experiments/run-dir";
import { provenance } from "../../provenance";

export default defineCommand({
  name: "reproduce",
  summary: "run every notebook in order and regenerate all tables and figures",
  details: `Runs notebooks/NN-*.ipynb in order, each in a fresh process, into results/notebooks/.
The profile is passed to every notebook through its parameters cell:
  ci     seconds per notebook (tests)
  demo   the default: the built-in synthetic data set, whole kit in about 20 minutes on 2 CPU cores
  study  the synthetic sets at a scale where the claims ledger can reach verdicts (results/study/, committed)
  paper  the paper's protocol on the real data sets (GPU and downloads needed)
A failing notebook is reported and the run goes on with the next one; the exit code is 1 if any failed.`,
  options: {
    profile: { type: "string", value: "NAME", default: DEFAULT_PROFILE, description: "ci, demo or paper" },
    only: { type: "string", value: "NN[,NN]", description: "run only these notebooks (by number)" },
    from: { type: "string", value: "NN", description: "start at this notebook" },
    notebooks: { type: "string", value: "DIR", description: "notebook directory (default: notebooks/)" },
    results: { type: "string", value: "DIR", description: "results directory (default: DALA_RESULTS, else results/, and results/study/ for the study profile)" },
    seeds: { type: "string", value: "N,N,...", description: "training seeds of every comparison (default: the profile's; sets DALA_SEEDS for the notebooks)" },
  },
  async run({ values }) {
    const profile = getProfile(values.profile).name;
    const notebookDir = path.resolve(values.notebooks ?? path.join(REPO_ROOT, "notebooks"));
    const resultsDir = path.resolve(values.results ?? profileResultsDir(profile));
    const only = values.only ? values.only.split(",").map((s) => s.trim()) : undefined;
    const notebooks = listNotebooks(notebookDir, { only, from: values.from });
    const outDir = path.join(resultsDir, "notebooks");
    fs.mkdirSync(outDir, { recursive: true });
    const runs: NotebookRun[] = [];
    const env = { ...process.env, DALA_RESULTS: resultsDir, ...(values.seeds !== undefined ? { DALA_SEEDS: values.seeds } : {}) };
    const seeds = seedsOf(getProfile(profile), env);
    console.error(`[dala] reproduce: ${notebooks.length} notebook(s), profile ${profile}, seeds ${seeds.join(", ")}, results in ${resultsDir}`);
    // the commit is read now: a checkout changed during the run does not rename what ran
    const startProvenance = provenance({ profile });
    const started = Date.now();
    for (const [i, nb] of notebooks.entries()) {
      console.error(`[dala] (${i + 1}/${notebooks.length}) ${path.basename(nb)}`);
      const run = await runNotebookProcess(nb, path.join(outDir, path.basename(nb)), { profile }, env);
      runs.push(run);
      console.error(`[dala] ${path.basename(nb)} ${run.ok ? "ok" : "FAILED"} in ${run.seconds.toFixed(1)} s`);
    }
    writeReproduceRecord(resultsDir, {
      profile,
      seeds: [...seeds],
      startedAt: new Date(started).toISOString(),
      wallSeconds: (Date.now() - started) / 1000,
      notebooks: runs.map((r) => ({ notebook: path.basename(r.notebook), ok: r.ok, seconds: r.seconds })),
      trainingRuns: countTrainingRuns(resultsDir, profile, new Date(started)),
      provenance: startProvenance,
    });
    const index = writeResultsIndex(resultsDir);
    console.log(`reproduce (profile ${profile}):\n${formatSummary(runs)}\nresults index: ${index.readme}`);
    return runs.every((r) => r.ok) ? 0 : 1;
  },
});
