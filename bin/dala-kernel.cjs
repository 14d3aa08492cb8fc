#!/usr/bin/env node
// Jupyter kernel for the kit's notebooks: tslab, started from the repository root. tslab compiles
// local TypeScript imports only below its starting directory, and the notebooks import `./src/...`.
const path = require("node:path");
process.chdir(path.join(__dirname, ".."));
require("tslab/dist/main.js").main();
