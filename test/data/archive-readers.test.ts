/**
 * Cases that the tar and zip libraries see differently from what a naive reader would: a pax name
 * that differs from its header's, an archive cut at an entry boundary, entry types the library skips,
 * and a zip whose central directory disagrees with its local headers or its data.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FetchError } from "../../src/io/fetch-error";
import { extractArchive } from "../../src/data/fetch/extract";
import { tar, zip } from "./archives";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "dala-readers-"));

/** Extracts `archive` (written to a fresh folder); returns what was left there and the error, if any. */
async function attempt(archive: Buffer, ext: string): Promise<{ error?: FetchError; left: string[]; file: string; dir: string }> {
  const dir = tmp();
  const file = path.join(dir, `a.${ext}`);
  fs.writeFileSync(file, archive);
  try {
    await extractArchive(file, path.join(dir, "out"));
    return { left: fs.readdirSync(dir, { recursive: true }).map(String).sort(), file, dir };
  } catch (e) {
    assert.ok(e instanceof FetchError, String(e));
    return { error: e, left: fs.readdirSync(dir, { recursive: true }).map(String).sort(), file, dir };
  }
}

/** Rewrites the type flag of the tar header at `offset`, with a valid checksum. */
function retype(archive: Buffer, offset: number, type: string): Buffer {
  const b = Buffer.from(archive);
  const h = b.subarray(offset, offset + 512);
  h.write(type, 156);
  h.write("        ", 148);
  let sum = 0;
  for (const x of h) sum += x;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return b;
}

test("tar: a pax name is the one checked, not the harmless header name beside it", async () => {
  // The header keeps the first 100 bytes ('set/xxx...'); only the pax path climbs out.
  const r = await attempt(tar([{ name: "set/ok.txt", data: "fine" }, { name: `set/${"x".repeat(120)}/../../../escaped.txt`, data: "x" }]), "tar");
  try {
    assert.equal(r.error?.kind, "unsafe-archive");
    assert.match(r.error!.message, /climbs out/);
    assert.deepEqual(r.left, ["a.tar"]);
  } finally {
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
});

test("tar: an archive cut at an entry boundary (no end-of-archive marker) is truncated, and named", async () => {
  const whole = tar([{ name: "set/one.txt", data: "one" }, { name: "set/two.txt", data: "two" }]);
  const r = await attempt(whole.subarray(0, 1024), "tar");
  try {
    assert.equal(r.error?.kind, "corrupt-archive");
    assert.ok(r.error!.message.includes(r.file), r.error!.message);
    assert.match(r.error!.message, /truncated/);
    assert.deepEqual(r.left, ["a.tar"]);
  } finally {
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
});

test("tar: a header whose checksum fails is a corrupt archive", async () => {
  const b = tar([{ name: "set/one.txt", data: "one" }, { name: "set/two.txt", data: "two" }]);
  b[1024 + 5] ^= 1;
  const r = await attempt(b, "tar");
  try {
    assert.equal(r.error?.kind, "corrupt-archive");
    assert.match(r.error!.message, /checksum/);
    assert.deepEqual(r.left, ["a.tar"]);
  } finally {
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
});

for (const [type, what] of [["3", "a character device"], ["6", "a FIFO"], ["S", "a GNU sparse file (a type node-tar skips)"], ["V", "a volume header (a type node-tar skips)"]] as const) {
  test(`tar: ${what} rejects the archive`, async () => {
    const r = await attempt(retype(tar([{ name: "set/ok.txt", data: "fine" }, { name: "set/odd" }]), 1024, type), "tar");
    try {
      assert.equal(r.error?.kind, "unsafe-archive");
      assert.match(r.error!.message, /'set\/odd' has type/);
      assert.deepEqual(r.left, ["a.tar"]);
    } finally {
      fs.rmSync(r.dir, { recursive: true, force: true });
    }
  });
}

test("zip: the central directory's name is the one used, whatever the local header says", async () => {
  const b = zip([{ name: "set/ok.txt", data: "fine" }]);
  // The local header's copy of the name (at 30) is rewritten to climb out; it must not be followed.
  b.write("../../", 30);
  const r = await attempt(b, "zip");
  try {
    assert.equal(r.error, undefined);
    assert.deepEqual(r.left, ["a.zip", "out", "out/set", "out/set/ok.txt"]);
    assert.equal(fs.readFileSync(path.join(r.dir, "out/set/ok.txt"), "utf8"), "fine");
  } finally {
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
});

for (const [field, offset, what] of [
  ["uncompressed size", 24, /not enough bytes/],
  ["CRC-32", 16, /CRC-32/],
  ["local header offset", 42, /local file header/],
] as const) {
  test(`zip: a central directory whose ${field} disagrees with the data is a corrupt archive, named with its entry`, async () => {
    const b = zip([{ name: "set/ok.txt", data: "fine" }, { name: "set/after.txt", data: "x" }]);
    const cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    b.writeUInt32LE((b.readUInt32LE(cd + offset) + 1) >>> 0, cd + offset);
    const r = await attempt(b, "zip");
    try {
      assert.equal(r.error?.kind, "corrupt-archive");
      assert.ok(r.error!.message.includes(r.file) && r.error!.message.includes("'set/ok.txt'"), r.error!.message);
      assert.match(r.error!.message, what);
      assert.deepEqual(r.left, ["a.zip"]);
    } finally {
      fs.rmSync(r.dir, { recursive: true, force: true });
    }
  });
}
