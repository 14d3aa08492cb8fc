/** Temporary data and results directories for the reproduction tests, and hand-made "real" manifests. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { saveManifest } from "../../src/data/manifest/io";
import type { Manifest, ManifestRow } from "../../src/data/manifest/types";

const made: string[] = [];
process.on("exit", () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = "dala-repro-"): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/**
 * Writes `<dataDir>/<id>/manifest.json` as `dala data fetch` would leave it: `counts[c]` rows of class c
 * (`patientsPerClass` patients each), per magnification when given. Images are not written: only the
 * manifest is read by the tables.
 */
export function writeFakeRealManifest(
  dataDir: string,
  id: string,
  classNames: string[],
  counts: number[] | Record<string, number[]>,
  opts: { patientsPerClass?: number; width?: number; height?: number } = {},
): Manifest {
  const groups = Array.isArray(counts) ? { "": counts } : counts;
  const rows: ManifestRow[] = [];
  for (const [magnification, perClass] of Object.entries(groups)) {
    perClass.forEach((k, c) => {
      for (let i = 0; i < k; i++) {
        const patient = `${classNames[c]}-p${i % (opts.patientsPerClass ?? k)}`;
        rows.push({
          path: `${magnification || "all"}/${classNames[c]}/${i}.png`,
          label: classNames[c],
          labelIndex: c,
          patient,
          magnification,
          mask: "",
          width: opts.width ?? 700,
          height: opts.height ?? 460,
        });
      }
    });
  }
  const root = path.join(dataDir, id);
  const m: Manifest = { dataset: id, root, classNames, rows, problems: [] };
  saveManifest(m, root);
  return m;
}
