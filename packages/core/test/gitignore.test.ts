import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GoServiceProject } from "../src";
import { options, readTree } from "./util";

/** The generated files git ignores, asked of git itself. */
function ignoredByGit(dir: string, paths: string[]): string[] {
  execFileSync("git", ["init", "-q"], { cwd: dir });
  try {
    return execFileSync("git", ["check-ignore", "--no-index", ...paths], { cwd: dir, encoding: "utf-8" }).split("\n").filter(Boolean);
  } catch (e) {
    // exit 1: nothing ignored
    if ((e as { status?: number }).status === 1) return [];
    throw e;
  }
}

describe("nothing gosynth writes is git-ignored", () => {
  it.each([
    ["ignores every dotfile", [".*", "!.gitignore"]],
    ["ignores YAML and Makefiles", ["*.yml", "*.yaml", "Makefile", "*.json"]],
    ["ignores .github and .projen", [".github/", ".projen/", "/compose.yaml"]],
  ])("a repository's .gitignore that %s", (_name, patterns) => {
    process.env.PROJEN_DISABLE_POST = "true";
    const dir = mkdtempSync(join(tmpdir(), "gosynth-gitignore-"));
    const project = new GoServiceProject(options({ outdir: dir, starterCode: false }));
    project.gitignore.addPatterns(...patterns);
    project.synth();
    const written = Object.keys(readTree(dir)).filter((p) => !p.startsWith("node_modules/"));
    expect(written).toContain(".github/workflows/ci.yml");
    expect(ignoredByGit(dir, [...written, ".projenrc.ts"])).toEqual([]);
    // The user's patterns still work for their own files.
    if (patterns.includes(".*")) expect(ignoredByGit(dir, [".env", ".idea/x"])).toEqual([".env", ".idea/x"]);
  });

  it("the files gosynth init --backup kept, under a .gitignore that ignores every dotfile", () => {
    process.env.PROJEN_DISABLE_POST = "true";
    const dir = mkdtempSync(join(tmpdir(), "gosynth-gitignore-"));
    const kept = [".pre-gosynth/Dockerfile", ".pre-gosynth/.golangci.yml", ".pre-gosynth/.github/workflows/release.yml"];
    for (const file of kept) {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      writeFileSync(join(dir, file), "theirs\n");
    }
    const project = new GoServiceProject(options({ outdir: dir, starterCode: false }));
    project.gitignore.addPatterns(".*", "!.gitignore");
    project.synth();
    expect(ignoredByGit(dir, kept)).toEqual([]);
    expect(ignoredByGit(dir, [".env"])).toEqual([".env"]);
  });
});
