/**
 * The end-to-end path every stand-in test takes: `dala data stand-in ID` writes the archive, a local
 * HTTP server serves it, and `dala data fetch ID --url ...` (plus whatever the writer told the user to
 * add) downloads, verifies, extracts and scans it, as a user with the real archive would.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { main } from "../../src/cli/main";
import { loadManifest } from "../../src/data/manifest/io";
import type { Manifest } from "../../src/data/manifest/types";

export interface Served {
  dir: string;
  archive: string;
  manifest: Manifest;
  /** What the commands printed. */
  out: string[];
  /** The headers of every request the server answered. */
  requests: http.IncomingHttpHeaders[];
}

/** Runs `check` on the fetched stand-in, then removes every file it made. */
export async function withServedStandIn(id: string, archiveName: string, standInArgs: string[], check: (s: Served) => Promise<void> | void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dala-standin-${id}-`));
  const out: string[] = [];
  const requests: http.IncomingHttpHeaders[] = [];
  const [log, error] = [console.log, console.error];
  console.log = console.error = (...a: unknown[]) => out.push(a.join(" "));
  let server: http.Server | undefined;
  try {
    const archive = path.join(dir, "served", archiveName);
    assert.equal(await main(["data", "stand-in", id, ...standInArgs, "--out", archive]), 0, out.join("\n"));
    assert.deepEqual(fs.readdirSync(path.dirname(archive)), [archiveName], "no staging left behind");
    const body = fs.readFileSync(archive);
    server = http.createServer((req, res) => {
      requests.push(req.headers);
      res.writeHead(200, { "content-length": body.length }).end(body);
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${archiveName}`;
    // The writer's printed fetch command, pointed at this server.
    const advice = out.find((l) => l.includes(`dala data fetch ${id} --url`))!;
    const extra = advice.split(`/${archiveName}`)[1].trim().split(/\s+/).filter(Boolean);
    assert.equal(await main(["data", "fetch", id, "--url", url, ...extra, "--data-dir", path.join(dir, "data")]), 0, out.join("\n"));
    await check({ dir, archive, manifest: loadManifest(path.join(dir, "data", id)), out, requests });
  } finally {
    [console.log, console.error] = [log, error];
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
