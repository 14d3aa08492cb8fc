/**
 * What every stand-in writer shares: the planned files are written into a staging folder beside the
 * archive, packed (tar.gz like BreakHis' download, zip like BACH's and Mini-DDSM's) into a temporary
 * file that is synced and renamed when complete, so the archive appears whole or not at all and a
 * killed run leaves nothing that looks finished.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { create as createTar } from "tar";
import { renameDurably, tempPathFor } from "../../io/atomic-write";
import { writeZip } from "./zip-writer";

export interface StandInFile {
  /** Path inside the archive, forward slashes. */
  path: string;
  /** Writes the file's content to `file` (its folder exists). */
  write(file: string): Promise<void>;
}

export interface StandInResult {
  archive: string;
  /** Images written (what the manifest will count). */
  images: number;
  bytes: number;
}

export async function writeStandInArchive(
  archive: string,
  files: StandInFile[],
  opts: { format: "tar.gz" | "zip"; images: number; onProgress?: (done: number, total: number) => void },
): Promise<StandInResult> {
  const stage = tempPathFor(archive);
  const packed = tempPathFor(archive);
  try {
    let done = 0;
    for (const f of files) {
      const file = path.join(stage, ...f.path.split("/"));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await f.write(file);
      opts.onProgress?.(++done, files.length);
    }
    if (opts.format === "zip") {
      await writeZip(packed, stage, files.map((f) => f.path));
    } else {
      const tops = [...new Set(files.map((f) => f.path.split("/")[0]))];
      await createTar({ gzip: true, file: packed, cwd: stage, portable: true }, tops);
      const fd = fs.openSync(packed, "r");
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
    renameDurably(packed, archive);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
    fs.rmSync(packed, { force: true });
  }
  return { archive, images: opts.images, bytes: fs.statSync(archive).size };
}
