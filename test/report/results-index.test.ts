import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeResultsIndex } from "../../src/report/results-index";
import { sampleResults, testContext } from "./helpers";
import { comparePaper } from "../../src/report/tables/comparison";
import { writeComparison } from "../../src/report/tables/write-comparison";
import { reproduceRecordMarkdown, writeReproduceRecord } from "../../src/report/reproduce-record";
import { countTrainingRuns } from "../../src/experiments/run-dir";

test("the index lists every table and figure by notebook and ranks the largest differences", () => {
  const dir = sampleResults();
  const { readme, html, index } = writeResultsIndex(dir, { top: 3 });
  assert.deepEqual(index.notebooks, ["04-baseline-comparison.ipynb", "06-cam-evaluation.ipynb", ""]);
  assert.deepEqual(index.tables.map((t) => t.name), ["loose", "table14-cams", "table7-breakhis", "table7-synthetic"]);
  assert.deepEqual(index.figures.map((f) => f.name), ["cams-40x"]);
  // |0.6 - 0.3993| = 0.2007, |0.81 - 0.927| = 0.117, |0.9 - 0.985| = 0.085, |0.99 - 0.985| = 0.005;
  // the synthetic table's |0.5 - 0.902| would rank first, but synthetic data is not the paper's data
  assert.deepEqual(index.differences.map((d) => d.label), ["BreakHis · 40X · DT Grad-CAM · iou", "BreakHis · 40X · ResNet50 · accuracy", "BreakHis · 40X · DALAResNet50 · accuracy"]);
  assert.equal(index.syntheticComparisons, 1);
  const md = fs.readFileSync(readme, "utf8");
  assert.match(md, /> \*\*2 of 5 results come from synthetic data\.\*\*/);
  assert.match(md, /\| \[table14-cams\]\(tables\/table14-cams\.md\) \| BreakHis · 40X · DT Grad-CAM · iou \| 0\.3993 \| 0\.6000 \| \+0\.2007 \| Table 14, line 312 \|/);
  assert.match(md, /^4 tables and 1 figure, generated/m);
  assert.match(md, /## 04-baseline-comparison.ipynb\n\n\| table \| title \| profile \| data \| files \|\n.*\n\| table7-breakhis \| Table 7 &lt;BreakHis&gt; \| paper \| BreakHis \|/);
  assert.match(md, /## \(no notebook recorded\)\n\n\| table \| title \| profile \| data \| files \|\n\| --- \| --- \| --- \| --- \| --- \|\n\| loose \|/);
  assert.ok(md.includes("[png](figures/cams-40x.png)"));
  const page = fs.readFileSync(html, "utf8");
  assert.ok(page.includes("Table 7 &lt;BreakHis&gt;"));
  assert.ok(page.includes("Table 7 on synthetic data (synthetic data)"));
  assert.ok(!page.includes("<BreakHis>"));
  assert.ok(page.includes('<img src="figures/cams-40x.png"'));
  assert.equal((page.match(/<tr><td><a href="tables\/table/g) ?? []).length, 3 + 3);
});

test("with only synthetic comparisons the index lists no differences and says why", () => {
  const ctx = testContext();
  writeComparison(ctx, "t7", comparePaper([{ table: 7, dataset: "BreakHis", magnification: "40X", model: "VGG16", metric: "accuracy", kit: 0.5 }]), { title: "T7" });
  const { index, readme } = writeResultsIndex(ctx.resultsDir);
  assert.deepEqual(index.differences, []);
  assert.match(fs.readFileSync(readme, "utf8"), /The 1 comparison with the paper here comes from synthetic data, which is not the paper's data: each table shows the paper's values beside the kit's without a difference/);
});

test("an empty results directory gives an index that says so", () => {
  const dir = testContext().resultsDir;
  const { index, readme } = writeResultsIndex(dir);
  assert.equal(index.tables.length + index.figures.length, 0);
  assert.match(fs.readFileSync(readme, "utf8"), /0 tables and 0 figures, generated[\s\S]*No comparison with the paper has a kit value yet\./);
});

test("a corrupt sidecar is an error naming the file", () => {
  const dir = testContext().resultsDir;
  fs.mkdirSync(path.join(dir, "tables"), { recursive: true });
  fs.writeFileSync(path.join(dir, "tables", "broken.json"), "{");
  assert.throws(() => writeResultsIndex(dir), /tables\/broken\.json: not valid JSON/);
});

test("the index says how the directory was made, from reproduce-run.json", () => {
  const dir = testContext().resultsDir;
  const prov = { createdAt: "2026-12-07T00:00:00.000Z", commit: "abc123", dirty: false, backend: { name: "wasm", version: "4.22.0", threads: 2 }, versions: {}, machine: { platform: "linux", arch: "x64", cpus: 2, cpuModel: "Test CPU", memoryGiB: 8 } };
  writeReproduceRecord(dir, {
    profile: "study",
    seeds: [0, 1, 2],
    startedAt: "2026-12-07T00:00:00.000Z",
    wallSeconds: 3725,
    notebooks: [
      { notebook: "03-ablation-by-layer.ipynb", ok: true, seconds: 600.4 },
      { notebook: "04-baseline-comparison.ipynb", ok: false, seconds: 12 },
    ],
    provenance: prov,
  });
  const { index, readme } = writeResultsIndex(dir);
  assert.equal(index.run?.wallSeconds, 3725);
  const md = fs.readFileSync(readme, "utf8");
  assert.match(md, /## How these results were made\n\n`npm run reproduce -- --profile study --seeds 0,1,2` at commit `abc123`, started 2026-12-07T00:00:00.000Z: 2 notebooks in 62 min 5 s of wall time on 2 CPU cores \(Test CPU\), backend wasm; \*\*1 failed\*\*: 04-baseline-comparison.ipynb\./);
  assert.match(md, /\| 03-ablation-by-layer.ipynb \| ok \| 10 min 0 s \|/);
  assert.match(md, /\| 04-baseline-comparison.ipynb \| FAILED \| 12.0 s \|/);
  assert.doesNotMatch(md, /Training runs of this profile/, "a record without the counts says nothing of them");
  fs.writeFileSync(path.join(dir, "reproduce-run.json"), JSON.stringify({ kind: "other" }));
  assert.throws(() => writeResultsIndex(dir), /reproduce-run\.json: not a reproduce record/);
});

test("the record counts the profile's runs trained by the command and those reused from before it started", () => {
  const dir = testContext().resultsDir;
  const run = (key: string, finished: string, profile: string, trainingSeconds: number) => {
    fs.mkdirSync(path.join(dir, "runs", key), { recursive: true });
    fs.writeFileSync(path.join(dir, "runs", key, "DONE"), `${finished}\n`);
    fs.writeFileSync(path.join(dir, "runs", key, "metrics.json"), JSON.stringify({ trainingSeconds }));
    fs.writeFileSync(path.join(dir, "runs", key, "config.json"), JSON.stringify({ spec: { profile } }));
  };
  run("a", "2026-12-07T09:00:00.000Z", "study", 100);
  run("b", "2026-12-07T11:00:00.000Z", "study", 79.6);
  run("c", "2026-12-07T11:00:00.000Z", "demo", 1000);
  fs.mkdirSync(path.join(dir, "runs", "unfinished"), { recursive: true });
  const counts = countTrainingRuns(dir, "study", new Date("2026-12-07T10:00:00.000Z"));
  assert.deepEqual(counts, { trainedNow: 1, reused: 1, trainingSeconds: 179.6 });
  assert.match(
    reproduceRecordMarkdown({ kind: "reproduce-run", profile: "study", seeds: [0], startedAt: "2026-12-07T10:00:00.000Z", wallSeconds: 60, notebooks: [], trainingRuns: counts, provenance: testContext().provenance }).join("\n"),
    /Training runs of this profile in `runs\/`: 2, of which 1 trained by this command and 1 reused from earlier runs .*Their training took 3 min 0 s in all/,
  );
  fs.writeFileSync(path.join(dir, "runs", "a", "DONE"), "yesterday\n");
  assert.equal(countTrainingRuns(dir, "study", new Date("2026-12-07T10:00:00.000Z")).trainedNow, 2, "a DONE without a time is dated by the file (written just now)");
});
