import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { EXIT, UserError } from "./ui.js";

function assertProject(dir: string): void {
  if (!existsSync(join(dir, ".projenrc.ts"))) {
    throw new UserError(`${dir} has no .projenrc.ts: run gosynth in a gosynth project (or gosynth new / gosynth init)`);
  }
  if (!existsSync(join(dir, "node_modules", "tsx"))) {
    throw new UserError(`${dir} has no node_modules: run npm ci (or npm install) there first`);
  }
}

/**
 * Runs the project's .projenrc.ts in this process with the project's own tsx,
 * projen and @gosynth/core: no npx, no second Node start-up. Errors from the
 * projenrc (bad options, hand edits) become user errors.
 */
export function synthesizeInProcess(dir: string, env: Record<string, string> = {}): void {
  const projectDir = resolve(dir);
  assertProject(projectDir);
  const requireFromProject = createRequire(join(projectDir, "package.json"));
  const tsx = requireFromProject("tsx/cjs/api") as { register(): () => void };
  const unregister = tsx.register();
  const previousCwd = process.cwd();
  const previousEnv = { ...process.env };
  Object.assign(process.env, env);
  process.chdir(projectDir);
  try {
    requireFromProject(join(projectDir, ".projenrc.ts"));
  } catch (e) {
    const error = e as Error;
    if (/GoSynthConfigError|HandEditError/.test(error.name)) throw new UserError(error.message, EXIT.failure);
    throw e;
  } finally {
    process.chdir(previousCwd);
    process.env = previousEnv;
    unregister();
  }
}

/** Falls back to `npx projen` when the in-process run cannot start (e.g. an unusual projenrc). */
export async function synthesizeWithNpx(dir: string, env: Record<string, string> = {}): Promise<void> {
  const result = await execa("npx", ["projen"], { cwd: dir, env, reject: false, all: true });
  if (result.exitCode !== 0) throw new UserError(result.all ?? "npx projen failed", EXIT.failure);
}

/**
 * Synthesizes a copy of the project (node_modules linked) without post-synthesis
 * steps, and returns the copy's directory. The project itself is not touched.
 */
export function synthesizeCopy(dir: string): string {
  const projectDir = resolve(dir);
  assertProject(projectDir);
  const copy = join(mkdtempSync(join(tmpdir(), "gosynth-check-")), "project");
  cpSync(projectDir, copy, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|\.git)$/.test(src),
  });
  symlinkSync(join(projectDir, "node_modules"), join(copy, "node_modules"), "dir");
  synthesizeInProcess(copy, { PROJEN_DISABLE_POST: "true" });
  return copy;
}

export function removeCopy(copy: string): void {
  rmSync(join(copy, ".."), { recursive: true, force: true });
}
