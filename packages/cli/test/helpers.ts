import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const cliDir = fileURLToPath(new URL("..", import.meta.url));
export const cli = join(cliDir, "bin", "gosynth.mjs");
export const repo = join(cliDir, "..", "..");
const coreVersion = (JSON.parse(readFileSync(join(repo, "packages", "core", "package.json"), "utf-8")) as { version: string }).version;
export const tarball = join(repo, "dist", `gosynth-core-${coreVersion}.tgz`);

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the built CLI as a user would: a real process, no TTY, no colors. */
export function gosynth(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync("node", [cli, ...args], {
    cwd,
    encoding: "utf-8",
    env: { ...process.env, NO_COLOR: "1", GOSYNTH_DEBUG: "", GOSYNTH_LOADER: "", ...env },
    timeout: 240_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs fn under a lock shared by the parallel test files (a stale lock older than 10 minutes is taken over). */
function withLock(name: string, fn: () => void): void {
  const lock = join(tmpdir(), `gosynth-cli-test-${name}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The CLI's lib/ (rebuilt when src/ is newer) and the @gosynth/core tarball
 * `gosynth new` installs (packed when missing, as scripts/pack.mjs does).
 */
export function ensureBuilt(): void {
  withLock("build", () => {
    const main = join(cliDir, "lib", "main.js");
    if (!existsSync(main) || newestMtime(join(cliDir, "src")) > statSync(main).mtimeMs) {
      execFileSync("npx", ["tsc", "-p", "tsconfig.json"], { cwd: cliDir, stdio: "inherit" });
    }
    if (!existsSync(tarball)) execFileSync("node", ["scripts/pack.mjs"], { cwd: repo, stdio: "inherit" });
  });
}

/** Content, mode and mtime of every file (node_modules left out): "unchanged" means all three. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (entry === "node_modules") continue;
      const full = join(d, entry);
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else out[relative(dir, full)] = `${createHash("sha256").update(readFileSync(full)).digest("hex")} ${st.mode.toString(8)} ${st.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

export const hasTmux = spawnSync("sh", ["-c", "command -v tmux"]).status === 0;
