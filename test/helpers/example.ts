import { cpSync, existsSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
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

/** hadolint, actionlint, zizmor and golangci-lint's own config check on a synthesized service. */
export function validateService(dir: string): void {
  const hadolint = tool("hadolint");
  if (hadolint) {
    const dockerfiles = ["Dockerfile", "goreleaser.Dockerfile"].filter((f) => existsSync(join(dir, f)));
    const r = run(hadolint, dockerfiles, dir);
    expect(r.stdout + r.stderr).toBe("");
  }
  const workflows = join(dir, ".github/workflows");
  if (existsSync(workflows)) {
    const files = readdirSync(workflows).map((f) => join(".github/workflows", f));
    const actionlint = tool("actionlint");
    if (actionlint) expect(run(actionlint, ["-no-color", ...files], dir).stdout).toBe("");
    const zizmor = tool("zizmor");
    if (zizmor) {
      const z = run(zizmor, ["--offline", "--no-progress", ".github/workflows"], dir);
      expect(z.status, z.stdout).toBe(0);
    }
  }
  const golangci = tool("golangci-lint");
  if (golangci) mustRun(golangci, ["config", "verify"], dir);
}

/** go build, vet and test, then golangci-lint on the starter code. */
export function buildService(dir: string): void {
  mustRun("go", ["build", "./..."], dir);
  mustRun("go", ["vet", "./..."], dir);
  mustRun("go", ["test", "./..."], dir);
  const golangci = tool("golangci-lint");
  if (golangci) {
    const r = run(golangci, ["run"], dir);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }
}

/** The suite every single-service example runs: synthesize, validate, build, then its own checks. */
export function serviceExampleSuite(name: string, specific: (dir: string) => void): void {
  describe(`examples/${name}`, () => {
    const dir = synthExample(name);
    it("synthesizes files the validators accept", () => validateService(dir));
    it("builds, vets, tests and lints", () => buildService(dir));
    it("has the configuration the example is about", () => specific(dir));
  });
}
