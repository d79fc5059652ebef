import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Project } from "projen";
import { parse } from "yaml";

/** Files under dir by relative path (without projen's bookkeeping and node_modules). */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (entry === "node_modules" || entry === ".projen" || entry === ".git") continue;
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = readFileSync(full, "utf-8");
    }
  };
  walk(dir);
  return files;
}

/** A bare projen project in a fresh temp dir (or `outdir`), not yet synthesized. */
export function bareProject(outdir?: string): Project {
  process.env.PROJEN_DISABLE_POST = "true";
  const dir = outdir ?? mkdtempSync(join(tmpdir(), "gosynth-deploy-"));
  return new Project({ name: "hello", outdir: dir });
}

/** Synthesizes a bare project after `add` put the constructs under test on it. */
export function synthWith<T>(add: (project: Project) => T, outdir?: string): { dir: string; project: Project; files: Record<string, string>; result: T } {
  const project = bareProject(outdir);
  const result = add(project);
  project.synth();
  return { dir: project.outdir, project, files: readTree(project.outdir), result };
}

/** The YAML file parsed (the marker and header comments are comments). */
export function yamlOf(files: Record<string, string>, path: string): any {
  const text = files[path];
  if (text === undefined) throw new Error(`${path} was not written; files: ${Object.keys(files).join(", ")}`);
  return parse(text);
}

/** The error message `fn` throws (fails the test when it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error, none was thrown");
}

/** Runs a command and returns status and output (never throws on a non-zero exit). */
export function runTool(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number; output: string } {
  try {
    const output = execFileSync(cmd, args, { cwd, encoding: "utf-8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
    return { status: 0, output };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { status: err.status ?? 1, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}
