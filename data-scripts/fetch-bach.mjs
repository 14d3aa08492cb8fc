#!/usr/bin/env zx
// Fetches BACH / ICIAR 2018 (ICIAR2018_BACH_Challenge.zip, ~10 GB, CC BY-NC-ND 4.0) from Zenodo record 3632035, md5-checked
// into <data>/bach/ with its manifest. Same as 'dala data fetch bach'.
// Usage: npx zx data-scripts/fetch-bach.mjs [--data-dir DIR] [--url URL] [--force]
import { runFetch } from "./lib/fetch.mjs";

await runFetch("bach");
