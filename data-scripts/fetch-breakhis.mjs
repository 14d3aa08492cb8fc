#!/usr/bin/env zx
// Fetches BreakHis v1 (BreaKHis_v1.tar.gz, ~4 GB, CC BY 4.0) from the UFPR VRI databases page
// into <data>/breakhis/ with its manifest. Same as 'dala data fetch breakhis'.
// Usage: npx zx data-scripts/fetch-breakhis.mjs [--data-dir DIR] [--url URL] [--force]
import { runFetch } from "./lib/fetch.mjs";

await runFetch("breakhis");
