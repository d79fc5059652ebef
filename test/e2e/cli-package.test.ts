import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/fixtures";
import { coreTarball, mustRun, run } from "../helpers/project";

// The CLI as a user installs it: the three tarballs into an empty directory. Only the
// dependencies the packages declare are there, so a module core or the CLI uses without
// declaring it fails here (in the monorepo the root's node_modules would hide it).
describe("@gosynth/cli installed from its tarball", () => {
  let bin = "";
  beforeAll(() => {
    const core = coreTarball();
    const dist = dirname(core);
    const dir = mkdtempSync(join(tmpdir(), "gosynth-cli-package-"));
    mustRun("npm", ["init", "-y"], dir);
    mustRun("npm", ["install", "--no-audit", "--no-fund", join(dist, "gosynth-templates-0.1.0.tgz"), core, join(dist, "gosynth-cli-0.1.0.tgz")], dir);
    bin = join(dir, "node_modules/.bin/gosynth");
  }, 600_000);

  it("prints its version and help", () => {
    expect(mustRun(bin, ["--version"], tmpdir()).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(mustRun(bin, ["help", "init"], tmpdir())).toContain("Usage: gosynth init");
  });

  it("plans the adoption of a repository (core's readers and planner load), writing nothing", () => {
    const repo = join(mkdtempSync(join(tmpdir(), "gosynth-cli-package-repo-")), "svc");
    cpSync(join(FIXTURES, "three-mains"), repo, { recursive: true });
    const r = run(bin, ["init", "--plan"], repo);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("Carried over:");
    expect(r.stdout).toContain(".projenrc.ts would be:");
    expect(run("git", ["status", "--porcelain"], repo).status).not.toBe(0); // not even a git repository was made
  });
});
