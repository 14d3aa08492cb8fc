/**
 * HTTP(S) download with resume. Bytes go to `<dest>.part`; a later attempt (after a dropped
 * connection, or a new run) asks for the rest with a Range header and appends, or starts over when
 * the server ignores ranges. The file is renamed to `dest` only once the full length has arrived.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as path from "node:path";
import { FetchError, fsFailure } from "./fetch-error";

export interface DownloadOptions {
  headers?: Record<string, string>;
  /** Attempts after a dropped connection before giving up (each one resumes). */
  retries?: number;
  /** Wait before a retry, in milliseconds. */
  retryDelayMs?: number;
  onProgress?: (received: number, total: number | undefined) => void;
  /** Abort a connection idle for this long (milliseconds). */
  timeoutMs?: number;
  /** Sees the headers of every response that delivers bytes (e.g. a checksum the server announces). */
  onHeaders?: (headers: http.IncomingHttpHeaders) => void;
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  stream: http.IncomingMessage;
}

function networkFailure(e: unknown, url: URL): FetchError | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new FetchError("offline", `cannot resolve ${url.hostname}: offline or DNS failure`);
  if (code === "ECONNREFUSED") return new FetchError("offline", `connection to ${url.host} refused: offline, or the server is down`);
  if (code === "ENETUNREACH" || code === "EHOSTUNREACH") return new FetchError("offline", `network unreachable for ${url.host}: offline?`);
  return undefined;
}

function request(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  const lib = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined;
  if (!lib) return Promise.reject(new FetchError("http", `unsupported URL scheme in ${url.href}`));
  return new Promise((resolve, reject) => {
    const req = lib.get(url, { headers: { "user-agent": "dala-kit", ...headers } }, (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, stream: res }));
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("connection timed out"), { code: "ETIMEDOUT" })));
    req.on("error", reject);
  });
}

/** Follows redirects; credentials are not sent on to another host. */
async function open(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<{ res: Response; url: URL }> {
  let current = url;
  let h = headers;
  for (let hop = 0; hop < 10; hop++) {
    let res: Response;
    try {
      res = await request(current, h, timeoutMs);
    } catch (e) {
      throw networkFailure(e, current) ?? e;
    }
    if ([301, 302, 303, 307, 308].includes(res.status) && res.headers.location) {
      res.stream.resume();
      const next = new URL(res.headers.location, current);
      if (next.host !== current.host) h = Object.fromEntries(Object.entries(h).filter(([k]) => k.toLowerCase() !== "authorization"));
      current = next;
      continue;
    }
    return { res, url: current };
  }
  throw new FetchError("http", `too many redirects from ${url.href}`);
}

function totalFrom(res: Response, offset: number): number | undefined {
  const range = res.headers["content-range"];
  const m = range ? /\/(\d+)$/.exec(range) : null;
  if (m) return Number(m[1]);
  const len = res.headers["content-length"];
  return len !== undefined ? offset + Number(len) : undefined;
}

/** Refuses up front when the disk cannot hold the rest of the file. */
function checkFreeSpace(part: string, needed: number, res: Response): void {
  const st = fs.statfsSync(path.dirname(part));
  const free = st.bavail * st.bsize;
  if (free < needed) {
    res.stream.destroy();
    const gb = (b: number) => `${(b / 1e9).toFixed(2)} GB`;
    throw new FetchError("disk-full", `not enough disk space for ${path.basename(part, ".part")}: ${gb(needed)} still to download, ${gb(free)} free in ${path.dirname(part)}`);
  }
}

/** One attempt: resumes from the current `.part` length. Returns true when the file is complete. */
async function attempt(url: URL, part: string, opts: DownloadOptions): Promise<boolean> {
  let offset = fs.existsSync(part) ? fs.statSync(part).size : 0;
  const headers = { ...(opts.headers ?? {}), ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) };
  const { res, url: finalUrl } = await open(url, headers, opts.timeoutMs ?? 60_000);
  if (res.status === 416 && offset > 0) {
    // Range past the end: the part file already holds everything the server has.
    res.stream.resume();
    const total = totalFrom(res, 0);
    if (total === offset) return true;
    fs.rmSync(part);
    return false;
  }
  if (res.status === 404 || res.status === 410) {
    res.stream.resume();
    throw new FetchError("not-found", `${finalUrl.href} answered ${res.status} (not found): the URL is wrong or the file has moved`);
  }
  if (res.status === 401 || res.status === 403) {
    res.stream.resume();
    throw new FetchError("credentials", `${finalUrl.href} answered ${res.status}: access denied (credentials missing or not accepted)`);
  }
  if (res.status !== 200 && res.status !== 206) {
    res.stream.resume();
    throw new FetchError("http", `${finalUrl.href} answered HTTP ${res.status}`);
  }
  if (res.status === 200) offset = 0; // the server ignored the range: start over
  opts.onHeaders?.(res.headers);
  const total = totalFrom(res, offset);
  if (total !== undefined) checkFreeSpace(part, total - offset, res);
  let fd: number;
  try {
    fd = fs.openSync(part, res.status === 206 ? "a" : "w");
  } catch (e) {
    res.stream.destroy();
    throw fsFailure(e, `writing ${part}`);
  }
  let received = offset;
  try {
    for await (const chunk of res.stream) {
      try {
        fs.writeSync(fd, chunk as Buffer);
      } catch (e) {
        throw fsFailure(e, `writing ${part}`);
      }
      received += (chunk as Buffer).length;
      opts.onProgress?.(received, total);
    }
  } catch (e) {
    if (e instanceof FetchError || (e as NodeJS.ErrnoException).code === "ENOSPC") throw e;
    // A dropped connection: what arrived is kept for the next attempt.
    return false;
  } finally {
    fs.closeSync(fd);
  }
  if (total !== undefined && received < total) return false;
  return true;
}

/** Downloads `url` to `dest`, resuming across dropped connections. Returns the number of bytes. */
export async function download(url: string, dest: string, opts: DownloadOptions = {}): Promise<number> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError("http", `not a valid URL: ${url}`);
  }
  const part = `${dest}.part`;
  const retries = opts.retries ?? 5;
  for (let i = 0; i <= retries; i++) {
    let complete: boolean;
    try {
      complete = await attempt(parsed, part, opts);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (e instanceof FetchError || !(code === "ECONNRESET" || code === "ETIMEDOUT" || code === "EPIPE")) throw e;
      complete = false;
    }
    if (complete) {
      fs.renameSync(part, dest);
      return fs.statSync(dest).size;
    }
    if (i < retries) await new Promise((r) => setTimeout(r, opts.retryDelayMs ?? 2000));
  }
  const have = fs.existsSync(part) ? fs.statSync(part).size : 0;
  throw new FetchError("interrupted", `download of ${url} kept breaking off (${have} bytes kept in ${part}; run again to resume)`);
}
