/**
 * (Gzipped) tar archives, read with node-tar's parser and written through the kit's ExtractSink:
 * node-tar only decodes (ustar, pax, GNU long names, checksums, gzip), so the kit's own path and link
 * checks stay the one place that decides what may be written. Device files, FIFOs and entry types
 * node-tar does not know reject the archive. (Not named tar.ts: tslab resolves `require("tar")` to a
 * sibling module of that name before node_modules.)
 */
import * as fs from "node:fs";
import { Parser, ReadEntry } from "tar";
import { FetchError } from "../../io/fetch-error";
import { ExtractSink } from "./extract-sink";

const corrupt = (archive: string, why: string) => new FetchError("corrupt-archive", `archive ${archive} is truncated or corrupt (${why})`);

const refusedType = (entry: ReadEntry) => new FetchError("unsafe-archive", `archive entry '${entry.path}' has type '${entry.type}' (device, FIFO or unknown): refusing to extract`);

function take(entry: ReadEntry, sink: ExtractSink, guarded: (op: () => void) => void): void {
  switch (entry.type) {
    case "File":
    case "OldFile":
    case "ContiguousFile":
      sink.openFile(entry.path, entry.mode ?? 0o644);
      // 'end' before 'data': attaching 'data' starts the flow, and an empty file ends right then.
      entry.on("end", () => guarded(() => sink.closeFile()));
      entry.on("data", (chunk: Buffer) => guarded(() => sink.write(chunk)));
      return;
    case "Directory":
      sink.dir(entry.path);
      break;
    case "Link":
      sink.link(entry.path, entry.linkpath ?? "", "hardlink");
      break;
    case "SymbolicLink":
      sink.link(entry.path, entry.linkpath ?? "", "symlink");
      break;
    default:
      throw refusedType(entry);
  }
  entry.resume();
}

/** Extracts a .tar or .tar.gz file (gzip is recognised by its magic bytes) into the sink's folder. */
export async function extractTar(archive: string, sink: ExtractSink, onProgress?: (bytes: number) => void): Promise<void> {
  // strict: a bad header checksum or a cut-off entry is an error, not a warning.
  const parser = new Parser({ strict: true });
  let failure: unknown;
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const fail = (e: unknown) => {
    failure ??= e;
    settle();
  };
  const guarded = (op: () => void) => {
    if (failure) return;
    try {
      op();
    } catch (e) {
      fail(e);
    }
  };
  // node-tar stops at two zero blocks and ignores a missing end; an archive cut at an entry boundary
  // must still be reported, so the marker is required (one zero block, as GNU tar accepts).
  let atEnd = false;
  parser.on("nullBlock", () => (atEnd = true));
  parser.on("eof", () => (atEnd = true));
  parser.on("entry", (entry: ReadEntry) => {
    atEnd = false;
    if (failure) return entry.resume();
    guarded(() => take(entry, sink, guarded));
    if (failure) entry.resume();
  });
  // node-tar skips entry types it does not know and pax headers over 1 MB; either would silently
  // change what is extracted.
  parser.on("ignoredEntry", (entry: ReadEntry) =>
    fail(entry.meta ? corrupt(archive, `oversized ${entry.type} header`) : refusedType(entry)),
  );
  parser.on("error", (e: Error) => fail(corrupt(archive, e.message)));
  parser.on("end", settle);

  const input = fs.createReadStream(archive);
  let read = 0;
  for await (const chunk of input) {
    if (failure) break;
    onProgress?.((read += chunk.length));
    parser.write(chunk as Buffer);
  }
  if (!failure) parser.end();
  await settled;
  if (failure) throw failure;
  if (!atEnd) throw corrupt(archive, "no end-of-archive marker");
}
