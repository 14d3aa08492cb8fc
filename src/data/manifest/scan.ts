/** What the per-data-set scanners share: walking a tree, finding the archive's top folder, reading sizes. */
import * as fs from "node:fs";
import * as path from "node:path";
import { imageSize } from "../pipeline/decode";
import { ManifestProblem, ManifestRow } from "./types";

/** Files under `dir`, relative to it with forward slashes, sorted (so manifests have a stable order). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk("");
  return out.sort();
}

/**
 * The first of `candidates` (paths relative to `root`) that is a directory. Users extract archives in
 * different places, so each scanner accepts the archive's own top folder or the folder above it.
 */
export function findDir(root: string, candidates: string[], what: string): string {
  if (!fs.existsSync(root)) throw new Error(`${what}: ${root} does not exist`);
  for (const c of candidates) {
    const p = path.join(root, c);
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) return p;
  }
  throw new Error(`${what}: none of ${candidates.map((c) => path.join(root, c)).join(", ")} is a directory; is the archive extracted there?`);
}

/** Fills width and height from the image headers; unreadable images move to `problems`. */
export async function withSizes(
  root: string,
  rows: Omit<ManifestRow, "width" | "height">[],
  problems: ManifestProblem[],
  concurrency = 8,
): Promise<ManifestRow[]> {
  const out: (ManifestRow | undefined)[] = new Array(rows.length);
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const i = next++;
      try {
        const { width, height } = await imageSize(path.join(root, rows[i].path));
        out[i] = { ...rows[i], width, height };
      } catch (e) {
        problems.push({ path: rows[i].path, reason: `unreadable image: ${(e as { reason?: string }).reason ?? (e as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out.filter((r): r is ManifestRow => r !== undefined);
}

/** Adds a problem for every class that ended up with no images. */
export function checkClasses(classNames: string[], rows: ManifestRow[], problems: ManifestProblem[], where: string): void {
  classNames.forEach((c, i) => {
    if (!rows.some((r) => r.labelIndex === i)) problems.push({ path: where, reason: `no images of class '${c}'` });
  });
}
