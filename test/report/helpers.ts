/** Temporary results directories for the report tests (never the repository's results/). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ReportContext, reportContext } from "../../src/report/context";

export function tempResults(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "dala-report-"));
}

export function testContext(overrides: Partial<ReportContext> = {}): ReportContext {
  return { ...reportContext({ resultsDir: tempResults(), profile: "ci", notebook: "04-baseline-comparison.ipynb", seed: 7, config: { lr: 1e-3 } }), ...overrides };
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
