#!/usr/bin/env zx
// The paper profile end to end without the downloads: writes stand-ins of BreakHis, BACH and Mini-DDSM (the
// real folder trees, file names, formats and image sizes, synthetic pixels) and of every pinned ImageNet
// checkpoint (the real tensor names and shapes), serves them from a local HTTP server, fetches them through
// the normal `dala data fetch` path into data/paper-smoke/, trains every line of `dala plan --profile
// paper-smoke` (224 px, full width, batch 32, one epoch, one seed) in a process of its own, so that each run's
// metrics.json holds that model's own memory peak, writes results/paper-smoke/memory-per-run.md from them, and
// runs `dala reproduce --profile paper-smoke` into results/paper-smoke/, whose notebooks reuse those runs.
// Nothing touches the real data/, cache/ or weights lock file. A second call reuses what the first fetched and
// trained; an interrupted one continues (every plan line carries --resume).
// Usage: npm run paper-smoke [-- --prepare-only] [-- --train-only] [-- --only NN,NN]
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { argv, chalk } from "zx";

const require = createRequire(import.meta.url);
require("tsx/cjs");
const { REPO_ROOT } = require("../src/paths.ts");

const SMOKE = path.join(REPO_ROOT, "data", "paper-smoke");
// Set before the kit reads them: every data, cache and weights path below follows.
process.env.DALA_DATA = path.join(SMOKE, "data");
process.env.DALA_CACHE = path.join(SMOKE, "cache");

const { main } = require("../src/cli/main.ts");
const { SOURCES } = require("../src/data/fetch/sources.ts");
const { fileDigest } = require("../src/io/checksum.ts");
const { PAPER_MODELS } = require("../src/experiments/grid.ts");
const { modelEntry } = require("../src/models/registry.ts");
const { layoutOfModel } = require("../src/weights/stand-in.ts");
const { gridEntries } = require("../src/experiments/grid.ts");
const { trainArgs } = require("../src/experiments/command-line.ts");
const { buildSpec, experimentLabel } = require("../src/experiments/spec.ts");
const { finishedRuns } = require("../src/experiments/run-dir.ts");
const { profileResultsDir } = require("../src/paths.ts");

const RESULTS = profileResultsDir("paper-smoke");

// Small on purpose: one or two optimizer steps per run at batch 32, a few test images per data set.
// BreakHis: 1 image per patient and magnification (82 per magnification); BACH: 4 per class; Mini-DDSM: 4 cases per class.
const PER_FOLDER = { breakhis: 1, bach: 4, miniddsm: 4 };

async function run(args) {
  const code = await main(args);
  if (code !== 0) throw new Error(`dala ${args.join(" ")} exited with ${code}`);
}

/** A static server over `dir`, on a free port of 127.0.0.1. */
async function serve(dir) {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

async function prepare() {
  const served = path.join(SMOKE, "served");
  const server = await serve(served);
  try {
    for (const [id, perFolder] of Object.entries(PER_FOLDER)) {
      if (fs.existsSync(path.join(process.env.DALA_DATA, id, "manifest.json"))) {
        console.log(chalk.dim(`${id}: fetched earlier`));
        continue;
      }
      const archive = path.join(served, SOURCES[id].archive);
      if (!fs.existsSync(archive)) await run(["data", "stand-in", id, "--per-folder", String(perFolder), "--out", archive]);
      const md5 = SOURCES[id].md5 ? ["--md5", await fileDigest(archive, "md5")] : [];
      await run(["data", "fetch", id, "--url", `${server.base}/${SOURCES[id].archive}`, ...md5]);
    }
    for (const model of PAPER_MODELS.filter((m) => modelEntry(m).weightsSource)) {
      const rel = `weights/${layoutOfModel(model).repo}/model.safetensors`;
      if (!fs.existsSync(path.join(served, rel))) await run(["data", "stand-in", "weights", model, "--out", path.join(served, rel)]);
      await run(["data", "fetch", "weights", model, "--url", `${server.base}/${rel}`]);
    }
  } finally {
    await server.close();
  }
}

/** Each plan line in its own process, one after another: a run's memory high-water is then its own. */
function trainPlan() {
  const entries = gridEntries("paper-smoke");
  entries.forEach((entry, i) => {
    const label = experimentLabel(buildSpec(entry.request));
    console.log(chalk.bold(`[paper-smoke] run ${i + 1} of ${entries.length}: ${label}`));
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin", "dala.cjs"), ...trainArgs(entry.request, { results: RESULTS }), "--quiet"], { stdio: "inherit", env: process.env });
    if (r.status !== 0) throw new Error(`training ${label} exited with ${r.status ?? r.signal}`);
  });
}

const mb = (bytes) => (bytes === undefined ? "" : (bytes / 1e6).toFixed(0));

/** Every finished run's memory and time, from its metrics.json, as results/paper-smoke/memory-per-run.md. */
function writeMemoryTable() {
  const rows = finishedRuns(RESULTS)
    .filter((r) => r.spec.profile === "paper-smoke" && r.metrics.memory)
    .map((r) => `| ${r.metrics.label} | ${r.metrics.parameters} | ${r.spec.training.batchSize} as ${r.spec.training.batchSize / r.spec.training.microBatchSize} x ${r.spec.training.microBatchSize} | ${mb(r.metrics.memory.wasmHeapBytes)} | ${mb(r.metrics.memory.gpuBufferBytes)} | ${mb(r.metrics.memory.peakRssBytes)} | ${r.metrics.trainingSeconds.toFixed(1)} | ${r.metrics.provenance.backend?.name ?? "?"} |`);
  const first = finishedRuns(RESULTS).find((r) => r.metrics.memory);
  const text = [
    "# Memory and time of each paper-smoke run",
    "",
    "Written by data-scripts/paper-smoke.mjs from each run's metrics.json (stand-in data, one epoch: the times are one or two optimizer steps plus validation).",
    "",
    `Scope: ${first?.metrics.memory.scope ?? "no run recorded its memory"}.`,
    "",
    "| run | parameters | batch | wasm heap MB | GPU buffers MB | peak RSS MB | training s | backend |",
    "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ...rows,
    "",
  ].join("\n");
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, "memory-per-run.md"), text);
  console.log(chalk.green(`[paper-smoke] ${rows.length} runs in ${path.join(RESULTS, "memory-per-run.md")}`));
}

try {
  await prepare();
  if (!argv["prepare-only"]) {
    trainPlan();
    writeMemoryTable();
  }
  if (!argv["prepare-only"] && !argv["train-only"]) {
    const only = argv.only ? ["--only", String(argv.only)] : [];
    process.exitCode = await main(["reproduce", "--profile", "paper-smoke", ...only]);
  }
} catch (e) {
  console.error(chalk.red(`paper-smoke: ${e.message}`));
  if (process.env.DALA_DEBUG) console.error(e.stack);
  process.exitCode = 1;
}
