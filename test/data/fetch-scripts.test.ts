/** The zx scripts end to end against a local server: success writes the set, failure is one line + exit 1. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { AddressInfo } from "node:net";
import sharp from "sharp";
import { REPO } from "../paths";
import { tarGz } from "./archives";

function runScript(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, "node_modules/zx/build/cli.js"), path.join(REPO, "data-scripts", script), ...args], { cwd: REPO });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("fetch-breakhis.mjs: downloads, extracts and scans; a 404 exits 1 with one line", async () => {
  const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: "#a06090" } }).png().toBuffer();
  const base = "BreaKHis_v1/histology_slides/breast";
  const archive = tarGz([
    { name: `${base}/benign/SOB/fibroadenoma/SOB_B_F_14-9133/100X/SOB_B_F-14-9133-100-001.png`, data: png },
    { name: `${base}/malignant/SOB/mucinous_carcinoma/SOB_M_MC_14-13418DE/100X/SOB_M_MC-14-13418DE-100-001.png`, data: png },
  ]);
  const server = http.createServer((req, res) => {
    if (req.url === "/BreaKHis_v1.tar.gz") res.writeHead(200, { "content-length": archive.length }).end(archive);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-zx-"));
  try {
    const ok = await runScript("fetch-breakhis.mjs", ["--data-dir", dir, "--url", `${url}/BreaKHis_v1.tar.gz`]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /breakhis: 2 images/);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "breakhis", "manifest.json"), "utf8")).rows.length, 2);
    const missing = await runScript("fetch-bach.mjs", ["--data-dir", dir, "--url", `${url}/nope.zip`]);
    assert.equal(missing.code, 1);
    const lines = missing.stderr.trim().split("\n");
    assert.equal(lines.length, 1, missing.stderr);
    assert.match(lines[0], /fetch-bach: .*nope\.zip answered 404 \(not found\)/);
    assert.ok(!fs.existsSync(path.join(dir, "bach")));
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
