#!/usr/bin/env zx
// Fetches Mini-DDSM (Kaggle cheddad/miniddsm2); needs KAGGLE_USERNAME/KAGGLE_KEY or ~/.kaggle/kaggle.json
// into <data>/miniddsm/ with its manifest. Same as 'dala data fetch miniddsm'.
// Usage: npx zx data-scripts/fetch-miniddsm.mjs [--data-dir DIR] [--url URL] [--force]
import { runFetch } from "./lib/fetch.mjs";

await runFetch("miniddsm");
