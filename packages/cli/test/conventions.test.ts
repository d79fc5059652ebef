import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliDir, ensureBuilt, gosynth } from "./helpers.js";

const STACK = /\n\s+at .+:\d+:\d+/;
const version = (JSON.parse(readFileSync(join(cliDir, "package.json"), "utf-8")) as { version: string }).version;
const commands = ["new", "init", "synth", "check", "diff", "doctor"];

beforeAll(() => ensureBuilt());

describe("command line conventions", () => {
  const cwd = tmpdir();

  it("--help, -h, help <command> and <command> --help exit 0 and document the exit codes", () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const r = gosynth(args, cwd);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.out).toContain("Usage: gosynth <command>");
      expect(r.out).toMatch(/Exit codes:[\s\S]*0\s+ok[\s\S]*1\s+check[\s\S]*2\s+usage error[\s\S]*3\s+synthesis/);
    }
    for (const c of commands) {
      const r = gosynth([c, "--help"], cwd);
      expect(r.code, c).toBe(0);
      expect(r.out).toContain(`Usage: gosynth ${c}`);
      expect(gosynth(["help", c], cwd).out).toBe(r.out);
    }
  });

  it("--version and -v print the package version", () => {
    expect(gosynth(["--version"], cwd)).toMatchObject({ code: 0, out: `${version}\n` });
    expect(gosynth(["-v"], cwd).out.trim()).toBe(version);
  });

  it("usage errors exit 2 with a message on stderr, no stack trace, nothing on stdout", () => {
    const cases: [string[], string][] = [
      [["frobnicate"], 'unknown command "frobnicate"'],
      [[], "Usage: gosynth <command>"],
      [["--frob"], "unknown option --frob"],
      [["new"], "missing <dir>"],
      [["new", "x", "--bogus"], "unknown option --bogus for gosynth new"],
      [["synth", "--port", "80"], "unknown option --port for gosynth synth"],
      [["check", "a", "b"], 'unexpected argument "b"'],
      [["new", "x", "--port"], "option --port needs a value"],
      // core's own validation, with the flag's name: problem, the value and an example.
      [["new", "x", "--module-path", "a.b/c", "--base-image", "ubuntu"], '--base-image: must be one of "distroless-static", "distroless-base", "alpine", "scratch" (got "ubuntu"; example: "distroless-static")'],
      [["new", "x", "--module-path", "a.b/c", "--port", "http"], '--port: must be a number (got "http"; example: 8080)'],
      [["new", "x", "--module-path", "a.b/c", "--go-version", "go1.26"], '--go-version: must be "X.Y" or "X.Y.Z" (got "go1.26"'],
      [["help", "nope"], 'unknown command "nope"'],
    ];
    for (const [args, message] of cases) {
      const r = gosynth(args, cwd);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toContain(message);
      expect(r.err).not.toMatch(STACK);
      expect(r.out).toBe("");
    }
  });

  it("GOSYNTH_DEBUG=1 adds the stack trace", () => {
    expect(gosynth(["frobnicate"], cwd, { GOSYNTH_DEBUG: "1" }).err).toMatch(STACK);
  });

  it("new without --module-path and without a terminal is a usage error, and creates nothing", () => {
    const parent = mkdtempSync(join(tmpdir(), "gs-conv-"));
    const r = gosynth(["new", "svc"], parent);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--module-path is required when not running in a terminal");
    expect(gosynth(["new", "svc", "--yes"], parent).err).toContain("--module-path is required with --yes");
    expect(() => readFileSync(join(parent, "svc", "package.json"))).toThrow();
  });

  it("new refuses a non-empty directory (exit 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), "gs-conv-"));
    writeFileSync(join(dir, "notes.txt"), "mine\n");
    const r = gosynth(["new", dir, "--module-path", "example.com/acme/x"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("is not empty");
    expect(readFileSync(join(dir, "notes.txt"), "utf-8")).toBe("mine\n");
  });

  it("project commands outside a project say what is missing (exit 2)", () => {
    const empty = mkdtempSync(join(tmpdir(), "gs-conv-"));
    for (const c of ["synth", "check", "diff"]) {
      const r = gosynth([c], empty);
      expect(r.code, c).toBe(2);
      expect(r.err).toContain("has no .projenrc.ts");
    }
    writeFileSync(join(empty, ".projenrc.ts"), "");
    expect(gosynth(["synth"], empty).err).toContain("has no installed dependencies: run npm ci");
    expect(gosynth(["check", join(empty, "nope")], empty).err).toContain("no such directory");
    const init = gosynth(["init"], mkdtempSync(join(tmpdir(), "gs-conv-")));
    expect(init.code).toBe(2);
    expect(init.err).toContain("has no go.mod");
  });

  it("NO_COLOR output has no escape sequences", () => {
    const r = gosynth(["doctor"], mkdtempSync(join(tmpdir(), "gs-conv-")));
    expect(r.out + r.err).not.toContain("\u001b[");
  });
});

describe("doctor", () => {
  it("reports go, node, npm, a container engine and golangci-lint with its pinned version", () => {
    const r = gosynth(["doctor"], mkdtempSync(join(tmpdir(), "gs-doc-")));
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/^ok\s+go\s+\d+\.\d+/m);
    expect(r.out).toMatch(/^ok\s+node\s+\d+\./m);
    expect(r.out).toMatch(/^\S+\s+npm\s/m);
    expect(r.out).toMatch(/^\S+\s+golangci-lint\s.*v2\.\d+\.\d+/m);
    expect(r.out).toMatch(/^\S+\s+goreleaser\s/m);
    expect(r.out).toMatch(/^\S+\s+container engine\s/m);
  });

  it("exits 1 with a fix line when go is missing", () => {
    // A PATH with node and npm only.
    const bin = mkdtempSync(join(tmpdir(), "gs-path-"));
    for (const tool of ["node", "npm"]) {
      const path = execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf-8" }).trim();
      symlinkSync(path, join(bin, tool));
    }
    const r = gosynth(["doctor"], mkdtempSync(join(tmpdir(), "gs-doc-")), { PATH: bin });
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toMatch(/^FAIL\s+go\s+not found/m);
    expect(r.out).toContain("fix: install Go from https://go.dev/dl/");
    expect(r.out).toMatch(/^warn\s+golangci-lint\s+not installed/m);
  });

  it("compares go with the go line of go.mod", () => {
    const dir = mkdtempSync(join(tmpdir(), "gs-doc-"));
    writeFileSync(join(dir, "go.mod"), "module example.com/x\n\ngo 1.99\n");
    const r = gosynth(["doctor", dir], tmpdir());
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL\s+go\s+.*go\.mod: go 1\.99.*older than go\.mod needs/m);
    expect(r.out).toContain("GOTOOLCHAIN=auto");
  });
});
