import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GoSynthConfigError, type ConfigProblem } from "../config/errors";
import type { GoServiceProjectOptions } from "../config/options";
import { resolveConfig } from "../config/resolve";
import { GoServiceProject } from "../project";

/**
 * The files synthesis writes for these options, asked of the project itself
 * (constructed in a scratch directory, never synthesized): `gosynth init`
 * checks a repository for hand-written copies of exactly these.
 */
export function generatedFiles(options: GoServiceProjectOptions): string[] {
  const outdir = mkdtempSync(join(tmpdir(), "gosynth-files-"));
  try {
    const project = new GoServiceProject({ ...options, outdir, parent: undefined });
    return project.files.map((f) => f.path).sort();
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every problem of these options (empty when valid), as `new` checks them before anything is created. */
export function validateOptions(options: GoServiceProjectOptions): ConfigProblem[] {
  try {
    resolveConfig(options);
    return [];
  } catch (e) {
    if (e instanceof GoSynthConfigError) return e.problems;
    throw e;
  }
}
