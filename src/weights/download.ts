/**
 * A resumable HTTP download: bytes go to `<file>.part`; an interrupted download continues with an HTTP
 * Range request from the bytes already there, the SHA-256 is computed over the whole file, and only a
 * verified file is renamed into place. (No generic downloader existed in src/data when this was written.)
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface DownloadProgress {
  received: number;
  /** Total size when the server says it, else undefined. */
  total?: number;
}

export interface DownloadOptions {
  /** Expected SHA-256 (hex); a mismatch is an error and the file is not kept. */
  sha256?: string;
  onProgress?: (p: DownloadProgress) => void;
  /** Injected for tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

export interface DownloadResult {
  file: string;
  sha256: string;
  size: number;
  /** Bytes that were already on disk from an interrupted download. */
  resumedFrom: number;
  /** SHA-256 the server announced (Hugging Face sends it as X-Linked-ETag for LFS files). */
  serverSha256?: string;
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function announcedSha256(res: Response): string | undefined {
  const etag = res.headers.get("x-linked-etag") ?? res.headers.get("etag") ?? "";
  const m = /^(?:W\/)?"?([0-9a-f]{64})"?$/.exec(etag.trim());
  return m?.[1];
}

export async function download(url: string, file: string, opts: DownloadOptions = {}): Promise<DownloadResult> {
  const doFetch = opts.fetchImpl ?? fetch;
  const part = `${file}.part`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const have = fs.existsSync(part) ? fs.statSync(part).size : 0;
  const res = await doFetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, redirect: "follow" });
  if (!res.ok && res.status !== 206) throw new Error(`download ${url}: HTTP ${res.status} ${res.statusText}`);
  // 206: the server continues where we stopped; 200: it ignored the range, start over.
  const resumedFrom = res.status === 206 ? have : 0;
  const length = Number(res.headers.get("content-length") ?? NaN);
  const total = Number.isFinite(length) ? resumedFrom + length : undefined;
  if (!res.body) throw new Error(`download ${url}: empty response body`);
  const out = fs.createWriteStream(part, { flags: resumedFrom > 0 ? "a" : "w" });
  let received = resumedFrom;
  try {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!out.write(value)) await new Promise<void>((r) => out.once("drain", () => r()));
      received += value.length;
      opts.onProgress?.({ received, total });
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  if (total !== undefined && received !== total) {
    throw new Error(`download ${url}: got ${received} of ${total} bytes; run again to resume from ${part}`);
  }
  const sha256 = await sha256File(part);
  const serverSha256 = announcedSha256(res);
  for (const [what, expected] of [["expected", opts.sha256], ["announced by the server", serverSha256]] as const) {
    if (expected && expected !== sha256) {
      fs.rmSync(part);
      throw new Error(`download ${url}: SHA-256 ${sha256} differs from the one ${what} (${expected}); the file was discarded`);
    }
  }
  fs.renameSync(part, file);
  return { file, sha256, size: received, resumedFrom, serverSha256 };
}
