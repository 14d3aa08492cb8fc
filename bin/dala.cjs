#!/usr/bin/env node
// Registers tsx's CommonJS hook so the TypeScript sources run without a build step.
require("tsx/cjs");
require("../src/cli/main.ts").runCli();
