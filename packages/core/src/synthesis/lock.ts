import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** The lock file concurrent syntheses share (never committed). */
export const LOCK_FILE = ".projen/gosynth.lock";

const POLL_MS = 100;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * An exclusive lock file holding the owner's pid: two synthesis runs at once
 * wait for each other instead of interleaving writes. A lock left by a dead
 * process is taken over.
 */
export function withLock<T>(lockPath: string, timeoutMs: number, body: () => T): T {
  mkdirSync(dirname(lockPath), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let owner = NaN;
      try {
        owner = Number(readFileSync(lockPath, "utf-8"));
      } catch {
        continue; // released between our open and read
      }
      if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`gosynth: another synthesis (pid ${owner}) holds ${lockPath}; gave up after ${timeoutMs / 1000}s. Remove the file if that process is gone.`);
      }
      sleep(POLL_MS);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
