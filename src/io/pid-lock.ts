/**
 * A lock file owned by a process: it names its holder (PID, host, start time, a random token) and is
 * released by deleting it. It is created exclusively with its content already in place (the content is
 * written and synced under a temporary name, then hard-linked to the lock's name, which fails if the
 * name exists: O_EXCL semantics without the moment in which the lock exists but is still empty). A lock
 * whose holder has died (same host, PID gone) is taken over, so a SIGKILLed run does not block its
 * directory for good. Taking over is a compare-and-swap: the stale file is renamed aside and checked to
 * be the dead holder's (by token) before a new one is made, so two processes that both find the same
 * dead holder cannot both take it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { syncDirectory, tempPathFor, writeFileAtomic } from "./atomic-write";

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  token: string;
}

export interface HeldLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Deletes the lock if it is still this holder's. */
  release(): void;
}

export interface LockWaitOptions {
  /** Called once, when the lock is found held by a live process (or one on another host). */
  onWait?: (holder: LockHolder) => void;
  /** Called when a dead holder's lock is taken over. */
  onTakeOver?: (holder: LockHolder) => void;
  /** How often a held lock is looked at again (default 2 s). */
  pollMs?: number;
}

function readHolder(file: string): LockHolder | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  try {
    return JSON.parse(text) as LockHolder;
  } catch (e) {
    // Lock files appear whole (hard link), so this one was written by something else.
    throw new Error(`${file}: not a lock file of this kit (${(e as Error).message}); delete it if no run is using this directory`);
  }
}

/** Whether the holder is known to be gone: only a process on this host can be checked. */
function holderIsDead(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function create(file: string, holder: LockHolder): boolean {
  const staged = tempPathFor(file);
  writeFileAtomic(staged, JSON.stringify(holder) + "\n");
  try {
    fs.linkSync(staged, file);
    syncDirectory(path.dirname(file));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    fs.rmSync(staged, { force: true });
  }
}

/** Removes the dead holder's lock, unless someone replaced it meanwhile: that one is put back untouched. */
function removeStale(file: string, stale: LockHolder): boolean {
  const aside = tempPathFor(file);
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  const removed = readHolder(aside)?.token === stale.token;
  if (!removed) {
    try {
      fs.linkSync(aside, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  fs.rmSync(aside, { force: true });
  return removed;
}

function heldLock(file: string, holder: LockHolder): HeldLock {
  return {
    file,
    holder,
    release() {
      if (readHolder(file)?.token === holder.token) fs.rmSync(file, { force: true });
    },
  };
}

/** Takes the lock, waiting while a live process holds it and taking it over from a dead one. */
export async function acquireLock(file: string, opts: LockWaitOptions = {}): Promise<HeldLock> {
  const me: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: randomBytes(8).toString("hex") };
  let waitedFor: string | undefined;
  for (;;) {
    if (create(file, me)) return heldLock(file, me);
    const holder = readHolder(file);
    if (holder === undefined) continue;
    if (holderIsDead(holder)) {
      if (removeStale(file, holder)) opts.onTakeOver?.(holder);
      continue;
    }
    if (waitedFor !== holder.token) opts.onWait?.(holder);
    waitedFor = holder.token;
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 2000));
  }
}

/** Runs `fn` holding the lock, released however `fn` ends. */
export async function withLock<T>(file: string, fn: () => Promise<T>, opts: LockWaitOptions = {}): Promise<T> {
  const lock = await acquireLock(file, opts);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

/** How a waiting process says so: who holds `what`, and what to do if that holder is not really there. */
export function heldMessage(what: string, file: string, h: LockHolder): string {
  return `${what} is held by PID ${h.pid} on ${h.host} (since ${h.since}); waiting for it (if no such process is running, delete ${file})`;
}
