#!/usr/bin/env zx
// The paper profile end to end without the downloads: writes stand-ins of BreakHis, BACH and Mini-DDSM (the
// real folder trees, file names, formats and image sizes, synthetic pixels) and of every pinned ImageNet
// checkpoint (the real tensor names and shapes), serves them from a local HTTP server, fetches them through
// the normal `dala data fetch` path into data/paper-smoke/, and runs `dala reproduce --profile paper-smoke`
// (224 px, full width, batch 32, one epoch, one seed) into results/paper-smoke/. Nothing touches the real
// data/, cache/ or weights lock file. A second call reuses what the first fetched and trained.
// Usage: npm run paper-smoke [-- --prepare-only] [-- --only NN,NN]
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
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

try {
  await prepare();
  if (!argv["prepare-only"]) {
    const only = argv.only ? ["--only", String(argv.only)] : [];
    process.exitCode = await main(["reproduce", "--profile", "paper-smoke", ...only]);
  }
} catch (e) {
  console.error(chalk.red(`paper-smoke: ${e.message}`));
  if (process.env.DALA_DEBUG) console.error(e.stack);
  process.exitCode = 1;
}
