import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./tools";

/** Fixtures shaped like real services (our own code; dependencies from the Go module proxy). */
export const FIXTURES = join(repoRoot, "test/fixtures/services");

/** A copy of a fixture, as a git repository (dotfiles force-added, as such repositories do). */
export function fixtureRepo(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), `gosynth-adopt-${name}-`)), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  execFileSync("git", ["add", "-A", "--force"], { cwd: dir });
  return dir;
}
