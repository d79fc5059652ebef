import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureBuilt, gosynth } from "../../packages/cli/test/helpers";
import { fixtureRepo } from "../helpers/fixtures";
import { mustRun, run } from "../helpers/project";
import { tool } from "../helpers/tools";

// `gosynth init --backup` (no other flags), as a new user runs it, on fixtures
// shaped like real services (test/fixtures/services: our own code, dependencies
// from the Go module proxy). The container tier builds and runs their images.
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      if (e === "node_modules" || e === ".git") continue;
      const full = join(d, e);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out;
}

/** Generated and gosynth-owned files that git would leave out of `git add -A`: git itself decides. */
function ignoredGenerated(dir: string): string[] {
  const owned = JSON.parse(readFileSync(join(dir, ".projen/files.json"), "utf-8")).files as string[];
  const candidates = [...owned, ".projenrc.ts", "gosynth.pins.json", ".projen/gosynth-state.json", ".projen/files.json", ".projen/tasks.json"].filter((f) => existsSync(join(dir, f)));
  const r = run("git", ["check-ignore", "--no-index", ...candidates], dir);
  return r.stdout.split("\n").filter(Boolean);
}

/** What every adopted fixture must pass. */
function adopted(name: string, expectations: (dir: string, out: string) => void): void {
  describe(`gosynth init on ${name}`, () => {
    let dir = "";
    let out = "";
    let goMod = "";
    beforeAll(() => {
      ensureBuilt();
      dir = fixtureRepo(name);
      goMod = readFileSync(join(dir, "go.mod"), "utf-8");
      const r = gosynth(["init", "--backup"], dir);
      out = r.out + r.err;
      expect(r.code, out).toBe(0);
    }, 600_000);
    it("prints its plan: what it carried over, with where it read it, and what it added", () => {
      for (const heading of ["gosynth init's plan:", "Carried over:", "Added by gosynth:"]) expect(out).toContain(heading);
      expect(out).toMatch(/^ +module \S+ +\[go\.mod:1\]$/m);
      // The minor names where it was read: go.mod's line, or the golang image their Dockerfile built with.
      expect(out).toMatch(/^ +Go 1\.\d+, (go\.mod's (go|toolchain) line|the Dockerfile's golang image) \(built with its newest patch, 1\.\d+\.\d+\) +\[(go\.mod|Dockerfile):\d+\]$/m);
      expect(out).toMatch(/^ +the image runs \S+: /m);
    });
    it("leaves go.mod byte-identical and gosynth check clean", () => {
      expect(readFileSync(join(dir, "go.mod"), "utf-8")).toBe(goMod);
      const check = gosynth(["check"], dir);
      expect(check.code, check.out + check.err).toBe(0);
    });
    it("git-ignores nothing gosynth writes", () => {
      expect(ignoredGenerated(dir)).toEqual([]);
    });
    it("make build builds every main into bin/, make test passes", () => {
      mustRun("make", ["build"], dir);
      const rc = readFileSync(join(dir, ".projenrc.ts"), "utf-8");
      const names = [...rc.matchAll(/\{ name: "([^"]+)", mainPackage/g)].map((m) => m[1]);
      const binaryName = /binaryName: "([^"]+)"/.exec(rc)![1];
      for (const binary of names.length > 0 ? names : [binaryName]) expect(existsSync(join(dir, "bin", binary)), binary).toBe(true);
      mustRun("make", ["test"], dir);
    }, 600_000);
    it("hadolint reports nothing", (ctx) => {
      const hadolint = tool("hadolint");
      if (!hadolint) return ctx.skip();
      const r = run(hadolint, ["Dockerfile", "goreleaser.Dockerfile"], dir);
      expect(r.stdout + r.stderr).toBe("");
    });
    it("has what this repository is about", () => expectations(dir, out));
  });
}

adopted("three-mains", (dir, out) => {
  const rc = readFileSync(join(dir, ".projenrc.ts"), "utf-8");
  // The server, not the client named like the module.
  expect(rc).toContain('mainPackage: "./cmd/fleetd"');
  expect(out).toMatch(/the image runs \.\/cmd\/fleetd: .*listens/);
  expect(out).toContain("every main package is built and released: fleetd, fleet, fleet-migrate");
  const goreleaser = parse(readFileSync(join(dir, ".goreleaser.yaml"), "utf-8"));
  expect(goreleaser.builds.map((b: { id: string }) => b.id).sort()).toEqual(["fleet", "fleet-migrate", "fleetd"]);
  const df = readFileSync(join(dir, "Dockerfile"), "utf-8");
  expect(df).toContain('-X main.version=${VERSION}');
  expect(df).toContain("-X main.commit=");
  expect(df).toMatch(/^ENV PORT=8080$/m);
  expect(df).toContain('HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD ["/usr/local/bin/fleetd", "healthcheck"]');
});

adopted("sqlite-cgo", (dir, out) => {
  const rc = readFileSync(join(dir, ".projenrc.ts"), "utf-8");
  expect(rc).toContain("cgo: true");
  expect(rc).toContain("baseImage: BaseImage.DISTROLESS_BASE");
  expect(out).toContain("github.com/mattn/go-sqlite3");
  expect(readFileSync(join(dir, "Makefile"), "utf-8")).toMatch(/^CGO_ENABLED \?= 1$/m);
});

adopted("v2-module", (dir) => {
  const rc = readFileSync(join(dir, ".projenrc.ts"), "utf-8");
  expect(rc).toContain('binaryName: "tool"');
  // go.mod's go 1.25.0 / toolchain go1.25.3 stay; the builder is the newest 1.25 patch, never the x.y.0 or x.y.3 the lines name.
  const df = readFileSync(join(dir, "Dockerfile"), "utf-8");
  const builder = /golang:(1\.25\.\d+)-trixie AS build/.exec(df)![1];
  expect(builder.localeCompare("1.25.3", undefined, { numeric: true })).toBeGreaterThan(0);
  expect(readFileSync(join(dir, ".golangci.yml"), "utf-8")).toMatch(/go: "?1\.25(\.0)?"?/);
});

adopted("go116", (dir, out) => {
  const df = readFileSync(join(dir, "Dockerfile"), "utf-8");
  // No subcommand, no --health-path: no HEALTHCHECK it cannot answer. No PORT read: no ENV PORT. No version variable: no -X.
  expect(df).not.toMatch(/^HEALTHCHECK/m);
  expect(df).not.toMatch(/^ENV PORT/m);
  expect(df).not.toContain("-X ");
  expect(out).toMatch(/no health check: \. has no healthcheck subcommand/);
  // Go 1.16 has no trixie or bookworm image: its builder is bullseye.
  expect(df).toMatch(/golang:1\.16\.\d+-bullseye AS build/);
  expect(readFileSync(join(dir, ".golangci.yml"), "utf-8")).toMatch(/go: "?1\.16"?/);
});

adopted("dotfile-gitignore", (dir) => {
  const gitignore = readFileSync(join(dir, ".gitignore"), "utf-8");
  expect(gitignore).toMatch(/^\.\*$/m);
  // git add -A picks every generated file up.
  mustRun("git", ["add", "-A"], dir);
  const staged = mustRun("git", ["diff", "--cached", "--name-only"], dir).split("\n");
  for (const f of [".golangci.yml", ".github/workflows/ci.yml", ".projen/tasks.json", ".projenrc.ts", ".gitattributes", "gosynth.pins.json"]) expect(staged).toContain(f);
  expect(files(dir)).toContain("compose.yaml");
  // Their Dockerfile, kept by --backup under a directory `.*` matches, is committed too.
  expect(staged).toContain(".pre-gosynth/Dockerfile");
});

describe("gosynth init refuses what it cannot adopt, changing nothing", () => {
  beforeAll(() => ensureBuilt());
  it.each([
    ["no go.mod", (dir: string) => execFileSync("rm", [join(dir, "go.mod")]), [], /has no go\.mod/],
    ["a --main that is not a main package", () => undefined, ["--main", "./internal/inventory"], /--main: .*not a main package .*example: --main/],
    ["a --health-path without a leading slash", () => undefined, ["--health-path", "healthz"], /--health-path: must start with "\/"/],
  ] as const)("%s", (_name, prepare, args, message) => {
    const dir = fixtureRepo("three-mains");
    prepare(dir);
    const before = files(dir).sort();
    const r = gosynth(["init", ...args], dir);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(files(dir).sort()).toEqual(before);
  });
});
