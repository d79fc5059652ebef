import { execFileSync, spawnSync, SpawnSyncReturns } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { repoRoot } from "./tools";

export const PROJEN_VERSION = "0.103.25";

/** The packed @gosynth/core tarball; packs it when missing. */
export function coreTarball(): string {
  const version = JSON.parse(readFileSync(join(repoRoot, "packages/core/package.json"), "utf-8")).version;
  const tarball = join(repoRoot, "dist", `gosynth-core-${version}.tgz`);
  if (!existsSync(tarball)) execFileSync("node", ["scripts/pack.mjs"], { cwd: repoRoot, stdio: "inherit" });
  return tarball;
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command, returning its exit code and output (never throws on failure). */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  const r: SpawnSyncReturns<string> = spawnSync(cmd, args, {
    cwd,
    encoding: "utf-8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Like run, but throws with the output when the command fails. */
export function mustRun(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = run(cmd, args, cwd, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}) in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `projen new --from <core tarball> go-service ...` in a fresh temp dir; returns the project dir. */
export function newProject(name: string, args: string[] = []): string {
  const parent = mkdtempSync(join(tmpdir(), "gosynth-e2e-"));
  const dir = join(parent, name);
  mkdirSync(dir);
  mustRun(
    "npx",
    ["-y", `projen@${PROJEN_VERSION}`, "new", "--from", coreTarball(), "go-service", "--no-git", ...args],
    dir,
  );
  return dir;
}

export interface FileState {
  readonly hash: string;
  readonly mtimeMs: number;
  readonly mode: number;
}

/** Hash and mtime of every file (node_modules and .git excluded). */
export function snapshot(dir: string): Map<string, FileState> {
  const files = new Map<string, FileState>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (entry === "node_modules" || entry === ".git") continue;
      const full = join(d, entry);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else files.set(relative(dir, full), { hash: createHash("sha256").update(readFileSync(full)).digest("hex"), mtimeMs: st.mtimeMs, mode: st.mode });
    }
  };
  walk(dir);
  return files;
}

/** Paths whose content differs between two snapshots (added, removed or changed). */
export function changedFiles(before: Map<string, FileState>, after: Map<string, FileState>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p)?.hash !== after.get(p)?.hash).sort();
}

export function readText(dir: string, path: string): string {
  return readFileSync(join(dir, path), "utf-8");
}
