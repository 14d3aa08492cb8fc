import { test } from "node:test";
import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { spawn } from "node:child_process";
import { fetchWeights, weightsFile } from "../../src/weights/fetch";

const BODY = crypto.randomBytes(200_000);
const SHA = crypto.createHash("sha256").update(BODY).digest("hex");

/** Serves BODY with Range support; the first `cutFirst` requests die after half the bytes. */
async function server(opts: { cutFirst: number; announce?: string }) {
  const ranges: (string | undefined)[] = [];
  const srv = http.createServer((req, res) => {
    ranges.push(req.headers.range);
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const start = m ? Number(m[1]) : 0;
    const headers: Record<string, string | number> = { "content-length": BODY.length - start };
    if (opts.announce) headers["x-linked-etag"] = `"${opts.announce}"`;
    res.writeHead(m ? 206 : 200, headers);
    if (ranges.length <= opts.cutFirst) {
      res.write(BODY.subarray(start, start + 100_000), () => res.destroy());
      return;
    }
    res.end(BODY.subarray(start));
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/model.safetensors`;
  return { url, ranges, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "dala-weights-"));

test("an interrupted download resumes with a Range request, is hashed whole and pinned in the lock file", async () => {
  const dir = tmp();
  const s = await server({ cutFirst: 1, announce: SHA });
  try {
    await assert.rejects(fetchWeights("resnet50", { dir, url: s.url, retries: 0 }), /kept breaking off/);
    const part = `${weightsFile("resnet50", dir)}.part`;
    const kept = fs.statSync(part).size;
    assert.ok(kept > 0 && kept <= 100_000, `kept ${kept} bytes`);
    const seen: number[] = [];
    const r = await fetchWeights("resnet50", { dir, url: s.url, onProgress: (p) => seen.push(p.received) });
    assert.deepEqual(s.ranges, [undefined, `bytes=${kept}-`]);
    assert.equal(r.sha256, SHA);
    assert.equal(seen[seen.length - 1], BODY.length);
    assert.ok(fs.readFileSync(r.file).equals(BODY));
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "weights.lock.json"), "utf8"));
    assert.equal(lock["timm/resnet50.tv_in1k"].sha256, SHA);
    assert.equal((await fetchWeights("resnet50", { dir, url: s.url })).cached, true);
  } finally {
    await s.close();
  }
});

test("a checkpoint that does not match the pinned or announced SHA-256 is refused", async () => {
  const dir = tmp();
  const s = await server({ cutFirst: 0, announce: "0".repeat(64) });
  try {
    await assert.rejects(fetchWeights("densenet121", { dir, url: s.url }), /SHA-256 [0-9a-f]{64} differs from the one announced by the server .*the download was discarded/);
    assert.equal(fs.existsSync(weightsFile("densenet121", dir)), false);
    fs.writeFileSync(path.join(dir, "weights.lock.json"), JSON.stringify({ "timm/resnet50.tv_in1k": { url: s.url, sha256: "f".repeat(64), size: 1 } }));
    fs.mkdirSync(path.dirname(weightsFile("resnet50", dir)), { recursive: true });
    fs.writeFileSync(weightsFile("resnet50", dir), BODY);
    await assert.rejects(fetchWeights("resnet50", { dir, url: s.url }), /differs from the one pinned in .*weights.lock.json \(f{64}\); delete the file/);
  } finally {
    await s.close();
  }
});

test("models without published weights say so", async () => {
  await assert.rejects(fetchWeights("vit", { dir: tmp() }), /model 'vit' has no published weights/);
});

function fetchInChild(model: string, dir: string, url: string): Promise<{ code: number | null; stderr: string; result?: { pid: number; cached: boolean; sha256: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "weights-fetch-child.ts"), model, dir, url], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stderr, result: stdout.trim() ? JSON.parse(stdout) : undefined }));
  });
}

test("two processes fetching the same checkpoint at once into one cache: one downloads, the other waits for it and finds it verified", async () => {
  const dir = tmp();
  let requests = 0;
  // Slow enough (about 3 s) that the second process starts while the first is downloading.
  const srv = http.createServer((req, res) => {
    requests++;
    res.writeHead(200, { "content-length": BODY.length });
    let sent = 0;
    const timer = setInterval(() => {
      const next = Math.min(BODY.length, sent + BODY.length / 10);
      res.write(BODY.subarray(sent, next));
      sent = next;
      if (sent === BODY.length) {
        clearInterval(timer);
        res.end();
      }
    }, 300);
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/model.safetensors`;
  try {
    const runs = await Promise.all([fetchInChild("resnet50", dir, url), fetchInChild("resnet50", dir, url)]);
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    assert.equal(requests, 1, "downloaded once");
    const downloader = runs.find((r) => !r.result!.cached)!;
    const waiter = runs.find((r) => r.result!.cached)!;
    assert.ok(downloader && waiter, "one downloaded, one found it cached");
    assert.match(waiter.stderr, new RegExp(`is held by PID ${downloader.result!.pid}`));
    assert.deepEqual(runs.map((r) => r.result!.sha256), [SHA, SHA]);
    assert.ok(fs.readFileSync(weightsFile("resnet50", dir)).equals(BODY));
    assert.deepEqual(fs.readdirSync(path.dirname(weightsFile("resnet50", dir))), ["model.safetensors"], "no lock, part or temporary file left");
  } finally {
    await new Promise<void>((r) => srv.close(() => r()));
  }
});
