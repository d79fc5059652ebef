import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mustRun, run } from "./project";
import { repoRoot, tool } from "./tools";

/** Copies examples/<name> to a temp dir and runs its .projenrc.ts as a user's `npx projen` would. */
export function synthExample(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), `gosynth-example-${name}-`)), name);
  cpSync(join(repoRoot, "examples", name), dir, { recursive: true, filter: (src) => !src.includes(`${name}/test`) });
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  // No npm install: the repository's node_modules (with this @gosynth/core) stands in for the project's.
  mustRun("node", ["--import", "tsx", ".projenrc.ts"], dir, { PROJEN_DISABLE_POST: "true" });
  return dir;
}

/** The judges' paths; a missing one fails under CI (tool() throws) and skips the test, saying so, elsewhere. */
function judges(ctx: { skip(note?: string): void }, ...names: string[]): Record<string, string> {
  const found = Object.fromEntries(names.map((n) => [n, tool(n)]));
  const missing = names.filter((n) => !found[n]);
  if (missing.length > 0) ctx.skip(`not installed: ${missing.join(", ")}`);
  return found as Record<string, string>;
}

/** The environment for go commands in a generated project: its pinned toolchain (this machine's go env says local). */
export function goEnv(dir: string): NodeJS.ProcessEnv {
  const toolchain = /^GO_TOOLCHAIN := (\S+)$/m.exec(readFileSync(join(dir, "Makefile"), "utf-8"))?.[1];
  return toolchain ? { GOTOOLCHAIN: `go${toolchain}` } : {};
}

/** hadolint, actionlint, zizmor (pedantic) and golangci-lint's own config check on a synthesized service. */
export function validateService(dir: string, ctx: { skip(note?: string): void }): void {
  const t = judges(ctx, "hadolint", "actionlint", "zizmor", "golangci-lint");
  const dockerfiles = ["Dockerfile", "goreleaser.Dockerfile"].filter((f) => existsSync(join(dir, f)));
  const r = run(t.hadolint, dockerfiles, dir);
  expect(r.stdout + r.stderr).toBe("");
  const workflows = join(dir, ".github/workflows");
  if (existsSync(workflows)) {
    const files = readdirSync(workflows).map((f) => join(".github/workflows", f));
    expect(run(t.actionlint, ["-no-color", ...files], dir).stdout).toBe("");
    const z = run(t.zizmor, ["--offline", "--no-progress", "--persona", "pedantic", ".github/workflows"], dir);
    expect(z.status, z.stdout).toBe(0);
  }
  mustRun(t["golangci-lint"], ["config", "verify"], dir, goEnv(dir));
}

/** go build, vet and test, then golangci-lint on the starter code, with the project's Go. */
export function buildService(dir: string, ctx: { skip(note?: string): void }): void {
  const t = judges(ctx, "golangci-lint");
  const env = goEnv(dir);
  mustRun("go", ["build", "./..."], dir, env);
  mustRun("go", ["vet", "./..."], dir, env);
  mustRun("go", ["test", "./..."], dir, env);
  const r = run(t["golangci-lint"], ["run"], dir, env);
  expect(r.status, r.stdout + r.stderr).toBe(0);
}

/** The suite every single-service example runs: synthesize, validate, build, then its own checks. */
export function serviceExampleSuite(name: string, specific: (dir: string) => void): void {
  describe(`examples/${name}`, () => {
    const dir = synthExample(name);
    it("synthesizes files the validators accept", (ctx) => validateService(dir, ctx));
    it("builds, vets, tests and lints", (ctx) => buildService(dir, ctx));
    it("has the configuration the example is about", () => specific(dir));
  });
}
