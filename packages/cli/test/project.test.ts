import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gosynth, repo, snapshot, tarball } from "./helpers.js";

const STACK = /\n\s+at .+:\d+:\d+/;

// One generated project shared by the tests below, in order (they edit it step by step).
let dir: string;
const rcPath = () => join(dir, ".projenrc.ts");
const editRc = (from: string | RegExp, to: string) => {
  const text = readFileSync(rcPath(), "utf-8");
  const edited = text.replace(from, to);
  expect(edited, `no ${from} in .projenrc.ts`).not.toBe(text);
  writeFileSync(rcPath(), edited);
};

beforeAll(() => {
  ensureBuilt();
  dir = join(mkdtempSync(join(tmpdir(), "gs-project-")), "svc");
  // From the repository root with a relative --from: the CLI must hand projen an absolute path.
  const r = gosynth(
    [
      "new",
      dir,
      "--module-path",
      "example.com/acme/svc",
      "--go-version",
      "1.25",
      "--base-image",
      "scratch",
      "--platforms",
      "linux/amd64,linux/arm64",
      "--platforms",
      "linux/arm/v7",
      "--from",
      relative(repo, tarball),
    ],
    repo,
  );
  expect(r.code, r.err + r.out).toBe(0);
  expect(r.out).toContain("Next:");
  expect(r.out).toContain("make help");
}, 300_000);

describe("gosynth new (flags, no terminal)", () => {
  it("passes the flags through as the right types", () => {
    const rc = readFileSync(rcPath(), "utf-8");
    expect(rc).toContain('goVersion: "1.25"');
    expect(rc).toContain('modulePath: "example.com/acme/svc"');
    expect(rc).toContain("baseImage: BaseImage.SCRATCH");
    expect(rc).toMatch(/platforms: \["linux\/amd64",\s*"linux\/arm64",\s*"linux\/arm\/v7"\]/);
    const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
    expect(dockerfile).toContain("FROM scratch AS runtime");
    expect(dockerfile).toContain("EXPOSE 8080");
    expect(readFileSync(join(dir, "go.mod"), "utf-8")).toMatch(/^go 1\.25$/m);
  });

  it("installs @gosynth/core from the tarball by absolute path", () => {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf-8")) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies["@gosynth/core"]).toBe(`file:${tarball}`);
    expect(existsSync(join(dir, "node_modules", "@gosynth", "core", "package.json"))).toBe(true);
  });

  it("creates a git repository (committed when git has an identity)", () => {
    expect(existsSync(join(dir, ".git"))).toBe(true);
  });

  it("--go-version 1.30 is core's clear error (checked before anything is created), not a silent 1.3", () => {
    const parent = mkdtempSync(join(tmpdir(), "gs-gover-"));
    const r = gosynth(["new", "bad", "--module-path", "example.com/acme/bad", "--go-version", "1.30", "--no-git"], parent);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toContain("--go-version: gosynth knows no Go release of 1.30 (known: ");
    expect(r.err).toContain('(got "1.30"');
    expect(r.err).not.toMatch(/\b1\.3\b(?!0)/);
    expect(r.err).not.toMatch(STACK);
    expect(existsSync(join(parent, "bad"))).toBe(false);
  }, 120_000);
});

describe("explain", () => {
  it("names the instruction, construct, source and the options behind a Dockerfile line; writes nothing", () => {
    const before = snapshot(dir);
    const line = readFileSync(join(dir, "Dockerfile"), "utf-8").split("\n").findIndex((l) => l.startsWith("EXPOSE ")) + 1;
    const r = gosynth(["explain", `Dockerfile:${line}`], dir);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(`Dockerfile:${line}  EXPOSE 8080`);
    expect(r.out).toContain("element     instruction runtime.expose");
    expect(r.out).toMatch(/made by +ServiceDockerfile +packages\/core\/src\/dockerfile\//);
    expect(r.out).toMatch(/depends on +.*\bport\b/);
    expect(snapshot(dir)).toEqual(before);
  });
  it("refuses a file it does not generate and a malformed location (exit 2)", () => {
    expect(gosynth(["explain", "Dockerfile"], dir).err).toContain("is not <file>:<line>");
    const r = gosynth(["explain", "main.go:1"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("not a file gosynth generates");
  });
});

describe("check, diff, synth", () => {
  it("check exits 0 right after new, and writes nothing", () => {
    const before = snapshot(dir);
    const r = gosynth(["check"], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("in sync");
    expect(snapshot(dir)).toEqual(before);
  });

  it("after an edit of .projenrc.ts: check exits 1 naming the files, diff shows the change, neither writes", () => {
    editRc('name: "svc",', 'name: "svc",\n  port: 9090,');
    const before = snapshot(dir);
    const checked = gosynth(["check"], dir);
    expect(checked.code, checked.err).toBe(1);
    expect(checked.out).toMatch(/^\s+changed\s+Dockerfile$/m);
    expect(checked.out).toMatch(/^\s+changed\s+goreleaser\.Dockerfile$/m);
    const diffed = gosynth(["diff"], dir);
    expect(diffed.code, diffed.err).toBe(1);
    expect(diffed.out).toContain("diff --git a/Dockerfile b/Dockerfile");
    expect(diffed.out).toContain("--- a/Dockerfile\n+++ b/Dockerfile\n");
    expect(diffed.out).toMatch(/^-EXPOSE 8080$/m);
    expect(diffed.out).toMatch(/^\+EXPOSE 9090$/m);
    // check's own path from the same directory argument
    expect(gosynth(["check", dir], tmpdir()).code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it("synth applies it in-process, then check is clean", () => {
    const r = gosynth(["synth"], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/synthesized in \d+ ms \(in-process\)/);
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toContain("EXPOSE 9090");
    expect(gosynth(["check"], dir).code).toBe(0);
    expect(gosynth(["diff"], dir)).toMatchObject({ code: 0, out: "" });
  });

  it("synth reports invalid options (exit 3, core's message, no stack trace) and writes nothing", () => {
    const good = readFileSync(rcPath(), "utf-8");
    editRc("port: 9090", "port: 0");
    const before = snapshot(dir);
    for (const command of ["synth", "check"]) {
      const r = gosynth([command], dir);
      expect(r.code, command).toBe(3);
      expect(r.err).toContain("port: must be between 1 and 65535");
      expect(r.err).not.toMatch(STACK);
    }
    expect(snapshot(dir)).toEqual(before);
    writeFileSync(rcPath(), good);
  });

  it("an error in .projenrc.ts's own code is reported with its location", () => {
    const good = readFileSync(rcPath(), "utf-8");
    editRc("project.synth();", 'const parts: string[] | undefined = undefined as any;\nparts!.push("x");\nproject.synth();');
    const r = gosynth(["synth"], dir);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/synthesis failed: Cannot read properties of undefined \(reading 'push'\) \(at \.projenrc\.ts:\d+:\d+\)/);
    expect(r.err).not.toMatch(STACK);
    writeFileSync(rcPath(), good);
  });

  it("a hand edit: check lists it, diff shows it, synth refuses (exit 3), synth --force discards it", () => {
    const makefile = join(dir, "Makefile");
    chmodSync(makefile, 0o644);
    writeFileSync(makefile, `${readFileSync(makefile, "utf-8")}# my target\n`);
    const checked = gosynth(["check"], dir);
    expect(checked.code, checked.err).toBe(1);
    expect(checked.out).toMatch(/^\s+changed\s+Makefile\s+\(edited by hand\)$/m);
    expect(checked.out).toContain("synth --force");
    expect(gosynth(["diff"], dir).out).toMatch(/^-# my target$/m);
    const refused = gosynth(["synth"], dir);
    expect(refused.code).toBe(3);
    expect(refused.err).toContain("Makefile was edited by hand");
    expect(readFileSync(makefile, "utf-8")).toContain("# my target");
    const forced = gosynth(["synth", "--force"], dir);
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(makefile, "utf-8")).not.toContain("# my target");
    expect(gosynth(["check"], dir).code).toBe(0);
  });

  it("the fallback, npx projen, synthesizes the same files", () => {
    editRc("port: 9090", "port: 9191");
    const viaNpx = gosynth(["synth"], dir, { GOSYNTH_LOADER: "npx" });
    expect(viaNpx.code, viaNpx.err).toBe(0);
    expect(viaNpx.out).toContain("(npx projen)");
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toContain("EXPOSE 9191");
    expect(gosynth(["check"], dir).code).toBe(0);
    editRc("port: 9191", "port: 9292");
    expect(gosynth(["check"], dir, { GOSYNTH_LOADER: "npx" }).code).toBe(1);
    expect(gosynth(["synth"], dir).code).toBe(0);
    expect(gosynth(["check"], dir, { GOSYNTH_LOADER: "npx" }).code).toBe(0);
  });

  it("doctor in the project reports its go line and installed @gosynth/core", () => {
    const r = gosynth(["doctor"], dir);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/^ok\s+go\s+\S+ \(go\.mod: go 1\.25\)/m);
    expect(r.out).toMatch(/^ok\s+project deps\s+@gosynth\/core \d+\.\d+\.\d+ installed/m);
    expect(r.out).toMatch(/golangci-lint\s.*pinned v2\./);
  });
});
