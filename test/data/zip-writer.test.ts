import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { extractArchive } from "../../src/data/fetch/extract";
import { writeZip } from "../../src/data/stand-in/zip-writer";

test("the stand-ins' zip writer: read back by the kit's zip reader, with classic records and with zip64 records for every field", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dala-zipwriter-"));
  try {
    const files: Record<string, Buffer> = {
      "top/a.txt": Buffer.from("hello\n"),
      "top/sub/b.bin": Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251)),
      "top/empty": Buffer.alloc(0),
    };
    for (const [name, data] of Object.entries(files)) {
      fs.mkdirSync(path.join(dir, "src", path.dirname(name)), { recursive: true });
      fs.writeFileSync(path.join(dir, "src", name), data);
    }
    // limit 1: every size, offset and the entry count take the zip64 path a >4 GB archive needs.
    for (const limit of [undefined, 1]) {
      const zip = path.join(dir, `out-${limit}.zip`);
      await writeZip(zip, path.join(dir, "src"), Object.keys(files), { limit });
      const target = path.join(dir, `x-${limit}`);
      assert.equal((await extractArchive(zip, target)).files, 3);
      for (const [name, data] of Object.entries(files)) assert.deepEqual(fs.readFileSync(path.join(target, name)), data, `${name} (limit ${limit})`);
    }
    assert.ok(fs.statSync(path.join(dir, "out-1.zip")).size > fs.statSync(path.join(dir, "out-undefined.zip")).size, "zip64 records were written");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
