// Shared body of the fetch-*.mjs scripts: parse the options with zx, run the kit's TypeScript fetcher
// (src/data/fetch, loaded through tsx), print a one-line cause and exit non-zero on failure.
import { createRequire } from "node:module";
import { argv, chalk } from "zx";

const require = createRequire(import.meta.url);
require("tsx/cjs");
const { fetchDataset } = require("../../src/data/fetch/fetch-dataset.ts");
const { progressBar } = require("../../src/data/fetch/progress.ts");
const { dataDir } = require("../../src/paths.ts");

export async function runFetch(id) {
  if (argv.help || argv.h) {
    console.log(`usage: npx zx data-scripts/fetch-${id}.mjs [--data-dir DIR] [--url URL] [--force]`);
    return;
  }
  try {
    const m = await fetchDataset(id, {
      dataDir: argv["data-dir"] ?? dataDir(),
      url: argv.url,
      force: Boolean(argv.force),
      progress: (_stage, label) => progressBar(label),
    });
    console.log(chalk.green(`${id}: ${m.rows.length} images, manifest in ${m.root}`));
  } catch (e) {
    console.error(chalk.red(`fetch-${id}: ${e.message}`));
    if (process.env.DALA_DEBUG) console.error(e.stack);
    process.exitCode = 1;
  }
}
