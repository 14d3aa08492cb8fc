import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { acquireLock, type LockHolder } from "../../src/io/pid-lock";

const lockIn = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dala-lock-")), "LOCK");
const holder = (over: Partial<LockHolder>): LockHolder => ({ pid: process.pid, host: os.hostname(), since: "2026-01-01T00:00:00.000Z", token: "t0", ...over });
/** The PID of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

test("a second taker waits, told who holds the lock, until the first releases it", async () => {
  const file = lockIn();
  const first = await acquireLock(file);
  assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).pid, process.pid);
  const waits: LockHolder[] = [];
  let got = false;
  const second = acquireLock(file, { pollMs: 10, onWait: (h) => waits.push(h) }).then((l) => ((got = true), l));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(got, false);
  assert.deepEqual(waits, [first.holder], "told once, with the holder");
  first.release();
  const lock = await second;
  assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).token, lock.holder.token);
  lock.release();
  assert.deepEqual(fs.readdirSync(path.dirname(file)), [], "nothing left behind");
});

test("a dead holder's lock is taken over; one on another host (whose PID cannot be checked) is waited for", async () => {
  const file = lockIn();
  const pid = deadPid();
  fs.writeFileSync(file, JSON.stringify(holder({ pid })));
  const taken: LockHolder[] = [];
  const lock = await acquireLock(file, { onTakeOver: (h) => taken.push(h) });
  assert.deepEqual(taken.map((h) => h.pid), [pid]);
  lock.release();

  fs.writeFileSync(file, JSON.stringify(holder({ pid, host: `not-${os.hostname()}` })));
  const waits: LockHolder[] = [];
  const pending = acquireLock(file, { pollMs: 10, onWait: (h) => waits.push(h) });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(waits.length, 1);
  fs.rmSync(file);
  (await pending).release();
});

test("release leaves a lock that is no longer its own; a file that is no lock is an error naming it", async () => {
  const file = lockIn();
  const lock = await acquireLock(file);
  fs.writeFileSync(file, JSON.stringify(holder({ token: "someone else" })));
  lock.release();
  assert.ok(fs.existsSync(file));
  fs.writeFileSync(file, "not json");
  await assert.rejects(acquireLock(file), new RegExp(`${file}: not a lock file of this kit`));
});
