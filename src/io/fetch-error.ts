/**
 * Fetch failures (downloads here, data-set archives in data/fetch) carry a one-line cause meant for
 * the user (offline, 404, truncated archive, disk full, unsafe archive...). The CLI prints the
 * message and exits non-zero; nothing else is shown unless DALA_DEBUG is set.
 */
export type FetchErrorKind =
  | "offline"
  | "http"
  | "not-found"
  | "interrupted"
  | "checksum"
  | "corrupt-archive"
  | "unsafe-archive"
  | "disk-full"
  | "credentials";

export class FetchError extends Error {
  constructor(readonly kind: FetchErrorKind, message: string) {
    super(message);
    this.name = "FetchError";
  }
}

/** Turns a file-system error into a FetchError when it has a cause the user can act on. */
export function fsFailure(e: unknown, what: string): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOSPC") return new FetchError("disk-full", `disk full while ${what}: free space and run again`);
  if (code === "EDQUOT") return new FetchError("disk-full", `disk quota exceeded while ${what}`);
  return e;
}
