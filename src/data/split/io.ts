/** Making, saving and loading splits of a manifest. */
import * as fs from "node:fs";
import { createHash } from "node:crypto";
import { writeFileAtomic } from "../../io/atomic-write";
import { Manifest } from "../manifest/types";
import { paperSplit } from "./paper-split";
import { patientSplit } from "./patient-split";
import { PARTS, Split } from "./types";

export function manifestHash(m: Manifest): string {
  const h = createHash("sha256");
  for (const r of m.rows) h.update(`${r.path}\t${r.labelIndex}\n`);
  return h.digest("hex");
}

export function makeSplit(m: Manifest, kind: Split["kind"], seed: number): Split {
  const labels = m.rows.map((r) => r.labelIndex);
  const parts = kind === "paper" ? paperSplit(labels, seed) : patientSplit(labels, m.rows.map((r) => r.patient), seed);
  return { dataset: m.dataset, kind, seed, rows: m.rows.length, manifestHash: manifestHash(m), ...parts };
}

/**
 * Default file name of a split of `m`, e.g. `split-paper-seed0-3f2a9c1b0d4e.json`. The manifest's hash
 * is part of the name, so splits of different versions of a data set (another synthetic size, a
 * magnification subset, a re-download) never overwrite or block each other.
 */
export function splitFileName(kind: Split["kind"], seed: number, m: Manifest): string {
  return `split-${kind}-seed${seed}-${manifestHash(m).slice(0, 12)}.json`;
}

export function saveSplit(file: string, split: Split): void {
  writeFileAtomic(file, JSON.stringify(split) + "\n");
}

/** Loads a split and, given the manifest, checks that it was made for that manifest. */
export function loadSplit(file: string, manifest?: Manifest): Split {
  if (!fs.existsSync(file)) throw new Error(`no split at ${file}: run 'dala data split' first`);
  const s = JSON.parse(fs.readFileSync(file, "utf8")) as Split;
  for (const k of ["dataset", "kind", "seed", "rows", "manifestHash", ...PARTS] as const) {
    if (s[k] === undefined) throw new Error(`${file}: missing '${k}'`);
  }
  const seen = new Set<number>();
  for (const part of PARTS) {
    for (const r of s[part]) {
      if (!Number.isInteger(r) || r < 0 || r >= s.rows) throw new Error(`${file}: ${part} has row ${r}, outside 0..${s.rows - 1}`);
      if (seen.has(r)) throw new Error(`${file}: row ${r} is in more than one part`);
      seen.add(r);
    }
  }
  if (manifest && s.manifestHash !== manifestHash(manifest)) {
    throw new Error(`${file} was made for another manifest than ${manifest.dataset}'s (${manifest.rows.length} rows): remake the split`);
  }
  return s;
}
