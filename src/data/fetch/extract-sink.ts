/**
 * Writes checked archive entries under one folder. Links are created only after every file has been
 * written, so no entry can be written through a link made by an earlier entry.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { FetchError, fsFailure } from "../../io/fetch-error";
import { checkLinkTarget, safeEntryPath } from "./safe-path";

export class ExtractSink {
  private links: { rel: string; target: string; kind: "symlink" | "hardlink" }[] = [];
  private fd: number | undefined;
  private current = "";
  files = 0;

  constructor(readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  private abs(rel: string): string {
    return path.join(this.root, ...rel.split("/"));
  }

  dir(name: string): void {
    const rel = safeEntryPath(name);
    if (rel) this.guard(() => fs.mkdirSync(this.abs(rel), { recursive: true }));
  }

  openFile(name: string, mode: number): void {
    const rel = safeEntryPath(name);
    if (!rel) throw new FetchError("unsafe-archive", `archive has a file entry without a name ('${name}')`);
    this.current = rel;
    this.guard(() => {
      fs.mkdirSync(path.dirname(this.abs(rel)), { recursive: true });
      // Only permission bits: no setuid/setgid/sticky from an archive.
      this.fd = fs.openSync(this.abs(rel), "w", (mode & 0o777) | 0o600);
    });
  }

  write(chunk: Uint8Array): void {
    if (this.fd === undefined) throw new Error("ExtractSink.write without an open file");
    const fd = this.fd;
    this.guard(() => {
      let off = 0;
      while (off < chunk.length) off += fs.writeSync(fd, chunk, off, chunk.length - off);
    });
  }

  closeFile(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.files++;
  }

  link(name: string, target: string, kind: "symlink" | "hardlink"): void {
    const rel = safeEntryPath(name);
    checkLinkTarget(rel, target, kind);
    this.links.push({ rel, target, kind });
  }

  /** Creates the deferred links; call once all entries were written. */
  finish(): void {
    if (this.fd !== undefined) this.closeFile();
    for (const l of this.links) {
      this.guard(() => {
        fs.mkdirSync(path.dirname(this.abs(l.rel)), { recursive: true });
        fs.rmSync(this.abs(l.rel), { force: true });
        if (l.kind === "symlink") fs.symlinkSync(l.target, this.abs(l.rel));
        else fs.linkSync(this.abs(checkLinkTarget(l.rel, l.target, "hardlink")), this.abs(l.rel));
      });
    }
  }

  abort(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private guard(op: () => void): void {
    try {
      op();
    } catch (e) {
      throw fsFailure(e, `extracting ${this.current || "the archive"}`);
    }
  }
}
