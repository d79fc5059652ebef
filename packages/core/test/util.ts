import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { GoServiceProject, GoServiceProjectOptions } from "../src";

/** Options with the required values filled in. */
export function options(overrides: Partial<GoServiceProjectOptions> = {}): GoServiceProjectOptions {
  return { name: "hello", modulePath: "example.com/acme/hello", ...overrides };
}

/** All files under dir (except node_modules), by relative path. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (entry === "node_modules") continue;
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = readFileSync(full, "utf-8");
    }
  };
  walk(dir);
  return files;
}

/** Synthesizes a project in-process into a fresh temp dir (no npm install). */
export function synth(overrides: Partial<GoServiceProjectOptions> = {}, outdir?: string, extend?: (project: GoServiceProject) => void) {
  process.env.PROJEN_DISABLE_POST = "true";
  const dir = outdir ?? mkdtempSync(join(tmpdir(), "gosynth-unit-"));
  const project = new GoServiceProject(options({ outdir: dir, ...overrides }));
  extend?.(project);
  project.synth();
  return { dir, project, files: readTree(dir) };
}
