/**
 * Archive entry checks. These archives come from the internet, so an entry that would land outside
 * the target folder (`../`, an absolute path, a drive letter, a link pointing out) rejects the whole
 * archive before anything of it is used.
 */
import * as path from "node:path";
import { FetchError } from "../../io/fetch-error";

/** The entry's path relative to the target, normalised, or an `unsafe-archive` error. */
export function safeEntryPath(name: string): string {
  const unified = name.replace(/\\/g, "/");
  if (unified.startsWith("/") || /^[A-Za-z]:/.test(unified)) {
    throw new FetchError("unsafe-archive", `archive entry '${name}' has an absolute path: refusing to extract`);
  }
  if (unified.split("/").includes("..")) {
    throw new FetchError("unsafe-archive", `archive entry '${name}' climbs out of the target folder ('..'): refusing to extract`);
  }
  if (unified.includes("\0")) throw new FetchError("unsafe-archive", `archive entry '${name}' contains a NUL byte`);
  const normal = path.posix.normalize(unified).replace(/^(\.\/)+/, "").replace(/\/$/, "");
  return normal === "." ? "" : normal;
}

/** Checks that a link at `entry` pointing to `target` stays inside the target folder. */
export function checkLinkTarget(entry: string, target: string, kind: "symlink" | "hardlink"): string {
  const unified = target.replace(/\\/g, "/");
  if (unified.startsWith("/") || /^[A-Za-z]:/.test(unified)) {
    throw new FetchError("unsafe-archive", `archive ${kind} '${entry}' points to the absolute path '${target}': refusing to extract`);
  }
  // Symlinks resolve from the link's folder, hard links from the archive root.
  const resolved = path.posix.normalize(kind === "symlink" ? path.posix.join(path.posix.dirname(entry), unified) : unified);
  if (resolved === ".." || resolved.startsWith("../")) {
    throw new FetchError("unsafe-archive", `archive ${kind} '${entry}' points outside the target folder ('${target}'): refusing to extract`);
  }
  return resolved;
}
