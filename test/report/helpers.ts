/** Temporary results directories for the report tests (never the repository's results/). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ReportContext } from "../../src/report/context";
import type { Provenance } from "../../src/provenance";
import { writeRecord } from "../../src/report/result-record";
import { comparePaper } from "../../src/report/tables/comparison";
import { writeComparison } from "../../src/report/tables/write-comparison";
import { writeTable } from "../../src/report/tables/write-table";

const made: string[] = [];
process.on("exit", () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh results directory, removed when the test process exits. */
export function tempResults(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "dala-report-"));
  made.push(d);
  return d;
}

/** Provenance as plain data: report/ only copies it, so a fixed one makes the written files predictable. */
export const TEST_PROVENANCE: Provenance = {
  createdAt: "2026-01-02T03:04:05.000Z",
  commit: "0123456789abcdef0123456789abcdef01234567",
  dirty: false,
  backend: { name: "cpu", version: "4.22.0", threads: 1 },
  versions: { node: "v20.0.0" },
  machine: { platform: "linux", arch: "x64", cpus: 2, cpuModel: "test CPU", memoryGiB: 1 },
  config: { lr: 1e-3 },
  configHash: "0f1e2d3c4b5a6978",
  seed: 7,
  profile: "ci",
  dataset: "synthetic",
};

/** A context in a fresh results directory; its provenance names the same profile and data set. */
export function testContext(overrides: Partial<ReportContext> = {}): ReportContext {
  const ctx = { resultsDir: tempResults(), notebook: "04-baseline-comparison.ipynb", profile: "ci", dataset: "synthetic", synthetic: true, ...overrides };
  return { provenance: { ...TEST_PROVENANCE, profile: ctx.profile, dataset: ctx.dataset }, ...ctx };
}

/** A w x h RGB PNG with a gradient (so it is not blank), made with sharp. */
export async function gradientPng(w: number, h: number, format: "png" | "jpeg" = "png"): Promise<Buffer> {
  const sharp = require("sharp");
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      px[i] = Math.round((255 * x) / w);
      px[i + 1] = Math.round((255 * y) / h);
      px[i + 2] = 128;
    }
  }
  const img = sharp(px, { raw: { width: w, height: h, channels: 3 } });
  return format === "png" ? img.png().toBuffer() : img.jpeg().toBuffer();
}

/** A results tree from two notebooks: paper comparisons on real data and on synthetic data, a plain table, a figure record. */
export function sampleResults(): string {
  const ctx = testContext({ notebook: "04-baseline-comparison.ipynb", profile: "paper", dataset: "BreakHis", synthetic: false });
  writeComparison(
    ctx,
    "table7-breakhis",
    comparePaper([
      { table: 7, dataset: "BreakHis", magnification: "40X", model: "ResNet50", metric: "accuracy", kit: 0.81 },
      { table: 7, dataset: "BreakHis", magnification: "40X", model: "DALAResNet50", metric: "accuracy", kit: 0.9 },
      { table: 7, dataset: "BreakHis", magnification: "100X", model: "DALAResNet50", metric: "gmean", kit: 0.99 },
    ]),
    { title: "Table 7 <BreakHis>" },
  );
  writeComparison(
    { ...ctx, notebook: "06-cam-evaluation.ipynb" },
    "table14-cams",
    comparePaper([{ table: 14, cam: "DT Grad-CAM", magnification: "40X", metric: "iou", kit: 0.6 }]),
    { title: "Table 14" },
  );
  writeComparison(
    testContext({ resultsDir: ctx.resultsDir, notebook: "04-baseline-comparison.ipynb" }),
    "table7-synthetic",
    comparePaper([{ table: 7, dataset: "BreakHis", magnification: "40X", model: "VGG16", metric: "accuracy", kit: 0.5 }]),
    { title: "Table 7 on synthetic data" },
  );
  writeTable({ ...ctx, notebook: undefined }, "loose", { columns: ["a"], rows: [[1]] }, { title: "No notebook" });
  writeRecord(path.join(ctx.resultsDir, "figures"), {
    kind: "figure",
    name: "cams-40x",
    title: "CAMs at 40X (synthetic data)",
    notebook: "06-cam-evaluation.ipynb",
    profile: "ci",
    dataset: "synthetic",
    synthetic: true,
    files: { html: "cams-40x.html", png: "cams-40x.png" },
    provenance: { createdAt: "", commit: "x", dirty: false, backend: null, versions: { node: "v20" }, machine: { platform: "linux", arch: "x64", cpus: 2, cpuModel: "", memoryGiB: 1 } },
  });
  fs.writeFileSync(path.join(ctx.resultsDir, "figures", "plotly.min.js"), "// not a record");
  return ctx.resultsDir;
}

