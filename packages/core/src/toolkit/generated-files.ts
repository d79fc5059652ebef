import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GoServiceProjectOptions } from "../config/options";
import { PINS_FILE, type Pins } from "../config/pins";
import { resolveConfig } from "../config/resolve";
import { GoServiceProject } from "../project";
import { GoSynthConfigError, type ConfigProblem } from "../util/problems";

/**
 * The project's own files resolution reads (go.mod, gosynth.pins.json, a
 * projectMakefile), by path: what a project will have, before it is written.
 */
export type ProjectInputs = { readonly [path: string]: string };

/**
 * The files synthesis writes for these options, asked of the project itself
 * (constructed in a scratch directory holding `inputs`, never synthesized):
 * `gosynth init` checks a repository for hand-written copies of exactly these.
 */
export function generatedFiles(options: GoServiceProjectOptions, inputs: ProjectInputs = {}): string[] {
  const outdir = mkdtempSync(join(tmpdir(), "gosynth-files-"));
  try {
    for (const [path, text] of Object.entries(inputs)) {
      mkdirSync(dirname(join(outdir, path)), { recursive: true });
      writeFileSync(join(outdir, path), text);
    }
    const project = new GoServiceProject({ ...options, outdir, parent: undefined });
    return project.files.map((f) => f.path).sort();
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every problem of these options (empty when valid) against the project's inputs, as `new` and `init` check them before anything is written. */
export function validateOptions(options: GoServiceProjectOptions, inputs: ProjectInputs = {}): ConfigProblem[] {
  try {
    const pins = inputs[PINS_FILE] ? (JSON.parse(inputs[PINS_FILE]) as Pins) : undefined;
    resolveConfig(options, { goMod: inputs["go.mod"], ...(pins ? { pins } : {}), readFile: (path) => inputs[path] });
    return [];
  } catch (e) {
    if (e instanceof GoSynthConfigError) return e.problems;
    throw e;
  }
}
