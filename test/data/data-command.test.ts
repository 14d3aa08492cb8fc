import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { loadSplit, splitFileName } from "../../src/data/split/io";
import { syntheticDir } from "../../src/data/synthetic/generate";
import { getProfile } from "../../src/profiles";
import { loadManifest } from "../../src/data/manifest/io";

async function quiet(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  console.error = (...a: unknown[]) => err.push(a.join(" "));
  try {
    return { code: await main(argv), out: out.join("\n"), err: err.join("\n") };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

test("dala data synth + split: sets on disk, split sizes by the paper's rule, leakage reported", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-cli-"));
  try {
    const synth = await quiet(["data", "synth", "--profile", "ci", "--flavour", "synthetic-bach", "--count", "20", "--seed", "3", "--data-dir", dir]);
    assert.equal(synth.code, 0, synth.err);
    assert.match(synth.out, /synthetic-bach: 20 images/);
    const m = loadManifest(syntheticDir(dir, { flavour: "synthetic-bach", count: 20, size: getProfile("ci").imageSize, seed: 3 }));
    assert.equal(m.rows.length, 20);
    const split = await quiet(["data", "split", "synthetic-bach", "--profile", "ci", "--count", "20", "--seed", "3", "--data-dir", dir]);
    assert.equal(split.code, 0, split.err);
    assert.match(split.out, /train 12 {2}val 2 {2}test 6/);
    const s = loadSplit(path.join(dir, "splits", "synthetic-bach", splitFileName("paper", 3, m)), m);
    assert.equal(s.seed, 3);
    const bad = await quiet(["data", "split", "synthetic-miniddsm", "--data-dir", dir]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /run 'dala data synth --flavour synthetic-miniddsm' first/);
    const usage = await quiet(["data", "frobnicate"]);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /choose one of fetch, synth, stand-in, manifest, split/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
