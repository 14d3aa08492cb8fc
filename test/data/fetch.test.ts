import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { AddressInfo } from "node:net";
import { download } from "../../src/io/download";
import { FetchError } from "../../src/io/fetch-error";
import { extractArchive } from "../../src/data/fetch/extract";
import { verifyArchive } from "../../src/data/fetch/verify-archive";
import { kaggleCredentials } from "../../src/data/fetch/kaggle";
import { fetchDataset } from "../../src/data/fetch/fetch-dataset";
import { Entry, tar, tarGz, zip } from "./archives";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Serves `body` with Range support; the first `drops` responses stop after half their bytes. */
function rangeServer(body: Buffer, drops: number, log: string[]): Handler {
  let left = drops;
  return (req, res) => {
    log.push(req.headers.range ?? "");
    if (req.url !== "/file") {
      res.writeHead(404).end("not here");
      return;
    }
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? "");
    const start = m ? Number(m[1]) : 0;
    const part = body.subarray(start);
    res.writeHead(m ? 206 : 200, { "content-length": part.length, ...(m ? { "content-range": `bytes ${start}-${body.length - 1}/${body.length}` } : {}) });
    if (left-- > 0) {
      res.write(part.subarray(0, Math.floor(part.length / 2)), () => res.socket?.destroy());
    } else {
      res.end(part);
    }
  };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "dala-fetch-"));
const kind = (k: string) => (e: unknown) => e instanceof FetchError && e.kind === k;

test("download resumes with a Range request after the server drops the connection mid-file", async () => {
  const body = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251));
  const log: string[] = [];
  const s = await serve(rangeServer(body, 2, log));
  const dir = tmp();
  try {
    const seen: number[] = [];
    const n = await download(`${s.url}/file`, path.join(dir, "f.bin"), { retryDelayMs: 1, onProgress: (d) => seen.push(d) });
    assert.equal(n, body.length);
    assert.ok(fs.readFileSync(path.join(dir, "f.bin")).equals(body));
    assert.equal(log.length, 3);
    assert.equal(log[0], "");
    assert.equal(log[1], "bytes=150000-");
    assert.equal(log[2], "bytes=225000-");
    assert.equal(seen[seen.length - 1], body.length);
    assert.ok(!fs.existsSync(path.join(dir, "f.bin.part")));
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("download gives up after the retries, keeping the part for the next run", async () => {
  const body = Buffer.alloc(100_000, 1);
  const s = await serve(rangeServer(body, 99, []));
  const dir = tmp();
  try {
    await assert.rejects(download(`${s.url}/file`, path.join(dir, "f.bin"), { retries: 1, retryDelayMs: 1 }), (e: unknown) => kind("interrupted")(e) && /run again to resume/.test((e as Error).message));
    assert.ok(fs.statSync(path.join(dir, "f.bin.part")).size > 0);
    assert.ok(!fs.existsSync(path.join(dir, "f.bin")));
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("download: 404, refused connection (offline) and a disk too small each get a one-line cause", async () => {
  const s = await serve((req, res) => {
    if (req.url === "/huge") res.writeHead(200, { "content-length": String(1e15) }).end();
    else res.writeHead(404).end();
  });
  const dir = tmp();
  try {
    await assert.rejects(download(`${s.url}/missing.zip`, path.join(dir, "a")), (e: unknown) => kind("not-found")(e) && /answered 404/.test((e as Error).message));
    await assert.rejects(download(`${s.url}/huge`, path.join(dir, "b")), (e: unknown) => kind("disk-full")(e) && /not enough disk space/.test((e as Error).message));
    const closed = await serve(() => undefined);
    const url = closed.url;
    await closed.close();
    await assert.rejects(download(`${url}/x`, path.join(dir, "c")), (e: unknown) => kind("offline")(e) && /refused/.test((e as Error).message));
    for (const m of fs.readdirSync(dir)) assert.ok(!m.endsWith(".tar.gz"), m);
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("download onto a full disk (the part file is /dev/full) stops with 'disk full'", { skip: !fs.existsSync("/dev/full") }, async () => {
  const s = await serve((_req, res) => res.writeHead(200, { "content-length": "70000" }).end(Buffer.alloc(70000, 3)));
  const dir = tmp();
  try {
    fs.symlinkSync("/dev/full", path.join(dir, "f.bin.part"));
    await assert.rejects(download(`${s.url}/f`, path.join(dir, "f.bin")), (e: unknown) => kind("disk-full")(e) && /^disk full while writing/.test((e as Error).message));
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("checksums: published md5 checked; sha256 recorded on first download, then enforced", async () => {
  const dir = tmp();
  try {
    const f = path.join(dir, "a.zip");
    fs.writeFileSync(f, "hello");
    const lockFile = path.join(dir, "lock.json");
    await assert.rejects(verifyArchive("bach", f, { md5: "0".repeat(32), lockFile, url: "u" }), kind("checksum"));
    const md5 = createHash("md5").update("hello").digest("hex");
    const first = await verifyArchive("bach", f, { md5, lockFile, url: "u" });
    assert.equal(first.recorded, true);
    assert.equal(first.sha256, createHash("sha256").update("hello").digest("hex"));
    assert.equal((await verifyArchive("bach", f, { lockFile, url: "u" })).recorded, false);
    fs.writeFileSync(f, "hellp");
    await assert.rejects(verifyArchive("bach", f, { lockFile, url: "u" }), (e: unknown) => kind("checksum")(e) && /differs from the one recorded/.test((e as Error).message));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const good: Entry[] = [
  { name: "set/", type: "dir" },
  { name: "set/a/one.txt", data: "one" },
  { name: `set/${"long-folder-name/".repeat(8)}two.txt`, data: "two" },
  { name: "set/a/link-to-one", type: "symlink", target: "one.txt" },
  { name: "set/hard", type: "hardlink", target: "set/a/one.txt" },
];

for (const [label, build, ext] of [["tar.gz", tarGz, "tar.gz"], ["zip", zip, "zip"]] as const) {
  test(`extract ${label}: files, long names and links inside the folder`, async () => {
    const dir = tmp();
    try {
      const a = path.join(dir, `a.${ext}`);
      fs.writeFileSync(a, build(label === "zip" ? good.filter((e) => e.type !== "hardlink") : good));
      const target = path.join(dir, "out");
      await extractArchive(a, target);
      assert.equal(fs.readFileSync(path.join(target, "set/a/one.txt"), "utf8"), "one");
      assert.equal(fs.readFileSync(path.join(target, "set", "long-folder-name/".repeat(8), "two.txt"), "utf8"), "two");
      assert.equal(fs.readlinkSync(path.join(target, "set/a/link-to-one")), "one.txt");
      if (label === "tar.gz") assert.equal(fs.readFileSync(path.join(target, "set/hard"), "utf8"), "one");
      assert.deepEqual(fs.readdirSync(dir).sort(), [`a.${ext}`, "out"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const evil: [string, Entry][] = [
    ["a '..' entry", { name: "set/../../escaped.txt", data: "x" }],
    ["an absolute path", { name: "/tmp/dala-escaped.txt", data: "x" }],
    ["a symlink pointing out", { name: "set/out", type: "symlink", target: "../../.." }],
    ["an absolute symlink", { name: "set/etc", type: "symlink", target: "/etc" }],
  ];
  for (const [what, entry] of evil) {
    test(`extract ${label}: refuses ${what}, writes nothing and leaves no folder`, async () => {
      const dir = tmp();
      try {
        const a = path.join(dir, `a.${ext}`);
        fs.writeFileSync(a, build([{ name: "set/ok.txt", data: "fine" }, entry, { name: "set/after.txt", data: "x" }]));
        const target = path.join(dir, "deep", "out");
        fs.mkdirSync(path.dirname(target));
        await assert.rejects(extractArchive(a, target), kind("unsafe-archive"));
        assert.deepEqual(fs.readdirSync(path.dirname(target)), []);
        assert.ok(!fs.existsSync(path.join(dir, "escaped.txt")) && !fs.existsSync("/tmp/dala-escaped.txt"));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test(`extract ${label}: a truncated archive is reported as such`, async () => {
    const dir = tmp();
    try {
      const whole = build([{ name: "set/big.bin", data: Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 31) % 256)) }]);
      const a = path.join(dir, `a.${ext}`);
      fs.writeFileSync(a, whole.subarray(0, Math.floor(whole.length * 0.6)));
      await assert.rejects(extractArchive(a, path.join(dir, "out")), (e: unknown) => kind("corrupt-archive")(e) && /truncated|corrupt/.test((e as Error).message));
      assert.deepEqual(fs.readdirSync(dir), [`a.${ext}`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("extract: a hard link out of a tar, and an HTML page saved as an archive, are refused", async () => {
  const dir = tmp();
  try {
    fs.writeFileSync(path.join(dir, "h.tar"), tar([{ name: "x", type: "hardlink", target: "../../etc/passwd" }]));
    await assert.rejects(extractArchive(path.join(dir, "h.tar"), path.join(dir, "o1")), kind("unsafe-archive"));
    fs.writeFileSync(path.join(dir, "page.zip"), "<html>Please log in</html>");
    await assert.rejects(extractArchive(path.join(dir, "page.zip"), path.join(dir, "o2")), /not a zip, tar or tar.gz/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("extract: archives written by the system's tar and zip (also zip64)", { skip: !fs.existsSync("/usr/bin/tar") || !fs.existsSync("/usr/bin/zip") }, async () => {
  const dir = tmp();
  try {
    const src = path.join(dir, "src");
    const long = path.join(src, "d", "x".repeat(120));
    fs.mkdirSync(long, { recursive: true });
    fs.writeFileSync(path.join(long, "f.txt"), "deep");
    fs.symlinkSync("x".repeat(120) + "/f.txt", path.join(src, "d", "ln"));
    execFileSync("tar", ["czf", path.join(dir, "s.tar.gz"), "-C", src, "d"]);
    execFileSync("zip", ["-qry", path.join(dir, "s.zip"), "d"], { cwd: src });
    // -fz forces zip64 records, as an archive over 4 GB (BACH's) has them.
    execFileSync("zip", ["-qry", "-fz", path.join(dir, "s64.zip"), "d"], { cwd: src });
    for (const a of ["s.tar.gz", "s.zip", "s64.zip"]) {
      const out = path.join(dir, `out-${a}`);
      await extractArchive(path.join(dir, a), out);
      assert.equal(fs.readFileSync(path.join(out, "d", "x".repeat(120), "f.txt"), "utf8"), "deep");
      assert.equal(fs.readlinkSync(path.join(out, "d", "ln")), "x".repeat(120) + "/f.txt");
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("Kaggle credentials are found like the Kaggle CLI does, and what is missing is named", () => {
  const home = tmp();
  try {
    assert.equal(kaggleCredentials({ KAGGLE_USERNAME: "u", KAGGLE_KEY: "k" }, home).username, "u");
    assert.throws(() => kaggleCredentials({ KAGGLE_USERNAME: "u" }, home), /KAGGLE_USERNAME is set but KAGGLE_KEY is not, and .*\.kaggle\/kaggle\.json does not exist/);
    assert.throws(() => kaggleCredentials({}, home), /KAGGLE_USERNAME and KAGGLE_KEY are not set/);
    fs.mkdirSync(path.join(home, ".kaggle"));
    fs.writeFileSync(path.join(home, ".kaggle", "kaggle.json"), JSON.stringify({ username: "me" }));
    assert.throws(() => kaggleCredentials({}, home), /kaggle\.json has no 'key'/);
    fs.writeFileSync(path.join(home, ".kaggle", "kaggle.json"), JSON.stringify({ username: "me", key: "secret" }));
    assert.deepEqual(kaggleCredentials({}, home), { username: "me", key: "secret", source: path.join(home, ".kaggle", "kaggle.json") });
    const other = path.join(home, "cfg");
    fs.mkdirSync(other);
    assert.throws(() => kaggleCredentials({ KAGGLE_CONFIG_DIR: other }, home), /cfg\/kaggle\.json does not exist/);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test("fetchDataset: BreakHis-shaped archive from a local server -> extracted set + manifest; a changed archive is refused", async () => {
  const { default: sharp } = await import("sharp");
  const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: "#a06090" } }).png().toBuffer();
  const base = "BreaKHis_v1/histology_slides/breast";
  const archive = tarGz([
    { name: `${base}/benign/SOB/adenosis/SOB_B_A_14-22549AB/40X/SOB_B_A-14-22549AB-40-001.png`, data: png },
    { name: `${base}/malignant/SOB/ductal_carcinoma/SOB_M_DC_14-13412/40X/SOB_M_DC-14-13412-40-001.png`, data: png },
  ]);
  let served = archive;
  const s = await serve((req, res) => res.writeHead(200, { "content-length": served.length }).end(served));
  const dir = tmp();
  const lines: string[] = [];
  try {
    const opts = { dataDir: dir, url: `${s.url}/BreaKHis_v1.tar.gz`, log: (l: string) => lines.push(l) };
    const m = await fetchDataset("breakhis", opts);
    assert.equal(m.rows.length, 2);
    assert.deepEqual(m.rows.map((r) => r.patient), ["14-22549AB", "14-13412"]);
    assert.ok(fs.existsSync(path.join(dir, "breakhis", "manifest.json")));
    assert.ok(JSON.parse(fs.readFileSync(path.join(dir, "checksums.lock.json"), "utf8")).breakhis.sha256);
    assert.equal((await fetchDataset("breakhis", opts)).rows.length, 2);
    assert.match(lines[lines.length - 1], /already present/);
    served = tarGz([{ name: `${base}/benign/x.png`, data: png }]);
    fs.rmSync(path.join(dir, "downloads"), { recursive: true });
    await assert.rejects(fetchDataset("breakhis", { ...opts, force: true }), (e: unknown) => kind("checksum")(e) && /archive was deleted/.test((e as Error).message));
    // The earlier complete set is untouched by the refused one.
    assert.equal(fs.readdirSync(path.join(dir, "breakhis", base)).length, 2);
    await assert.rejects(fetchDataset("miniddsm", { dataDir: dir, env: {}, home: dir }), kind("credentials"));
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("fetchDataset twice at once (a plan run in parallel): one downloads and extracts, the other waits and finds the set present", async () => {
  const { default: sharp } = await import("sharp");
  const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: "#a06090" } }).png().toBuffer();
  const archive = tarGz([{ name: "BreaKHis_v1/histology_slides/breast/benign/SOB/adenosis/SOB_B_A_14-22549AB/40X/SOB_B_A-14-22549AB-40-001.png", data: png }]);
  let requests = 0;
  const s = await serve((req, res) => {
    requests++;
    res.writeHead(200, { "content-length": archive.length }).end(archive);
  });
  const dir = tmp();
  const lines: string[] = [];
  try {
    const opts = { dataDir: dir, url: `${s.url}/BreaKHis_v1.tar.gz`, log: (l: string) => lines.push(l) };
    const [a, b] = await Promise.all([fetchDataset("breakhis", opts), fetchDataset("breakhis", opts)]);
    assert.deepEqual(b, a);
    assert.equal(requests, 1);
    assert.ok(lines.some((l) => new RegExp(`breakhis: the fetch is held by PID ${process.pid}`).test(l)), lines.join("\n"));
    assert.match(lines[lines.length - 1], /already present/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["breakhis", "checksums.lock.json", "downloads"], "no lock or temporary file left");
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
