import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DetectionError, describeService, detectService } from "../../src/adopt";
import { copyFixture, FIXTURES, GO, TOOL_MAIN, writeModule } from "./helpers";

function thrown(f: () => unknown): DetectionError {
  try {
    f();
  } catch (e) {
    if (e instanceof DetectionError) return e;
    throw e;
  }
  throw new Error("expected a DetectionError");
}

describe("detectService on the fixtures", () => {
  it("three-mains: images the HTTP server, with its -X variables, PORT and healthcheck", () => {
    const dir = copyFixture("three-mains");
    const d = detectService(dir, GO);
    expect(d).toMatchObject({
      dir,
      module: "example.com/acme/fleet",
      goLine: "1.25.0",
      mains: ["./cmd/fleet", "./cmd/fleet-migrate", "./cmd/fleetd"],
      mainPackage: "./cmd/fleetd",
      mainReason: "./cmd/fleetd listens (net/http ListenAndServe in cmd/fleetd/main.go)",
      binaryName: "fleetd",
      binaries: [
        { name: "fleet", mainPackage: "./cmd/fleet" },
        { name: "fleet-migrate", mainPackage: "./cmd/fleet-migrate" },
        { name: "fleetd", mainPackage: "./cmd/fleetd" },
      ],
      cgo: { needsCgo: false, determined: true },
      readsPort: true,
      healthcheckSubcommand: true,
    });
    expect(d.toolchainLine).toBeUndefined();
    expect(d.versionVariables.map((v) => v.symbol)).toEqual(["main.version", "main.commit"]);
    expect(describeService(d)).toContain("image: ./cmd/fleetd as fleetd: ./cmd/fleetd listens (net/http ListenAndServe in cmd/fleetd/main.go)");
  });

  it("sqlite-cgo: needs cgo because of github.com/mattn/go-sqlite3", () => {
    const d = detectService(copyFixture("sqlite-cgo"), GO);
    expect(d).toMatchObject({ module: "example.com/acme/notes", mainPackage: ".", binaryName: "notes", readsPort: true, healthcheckSubcommand: false });
    expect(d.cgo).toMatchObject({ needsCgo: true, packages: ["github.com/mattn/go-sqlite3"] });
    expect(d.cgo.reason).toContain("github.com/mattn/go-sqlite3");
  });

  it("v2-module: the binary is named tool, not v2", () => {
    const d = detectService(copyFixture("v2-module"), GO);
    expect(d).toMatchObject({ module: "example.com/acme/tool/v2", goLine: "1.25.0", toolchainLine: "go1.25.3", binaryName: "tool", binaries: [{ name: "tool", mainPackage: "." }] });
    expect(d.versionVariables.map((v) => v.symbol)).toEqual(["main.Version", "main.BuildTime"]);
  });

  it("go116: go 1.16, no PORT, no healthcheck subcommand, no version variables", () => {
    const d = detectService(copyFixture("go116"), GO);
    expect(d).toMatchObject({ goLine: "1.16", mainPackage: ".", binaryName: "greeter", readsPort: false, healthcheckSubcommand: false, versionVariables: [], versionNotes: [] });
    expect(d.cgo).toMatchObject({ needsCgo: false, determined: true });
  });

  it("dotfile-gitignore: a pure Go server whose .gitignore ignores every dotfile", () => {
    expect(readFileSync(join(FIXTURES, "dotfile-gitignore", ".gitignore"), "utf-8").split("\n").slice(0, 2)).toEqual([".*", "!.gitignore"]);
    const d = detectService(copyFixture("dotfile-gitignore"), GO);
    expect(d).toMatchObject({ module: "github.com/acme/hello", mainPackage: "./cmd/hello", binaryName: "hello", readsPort: true, cgo: { needsCgo: false } });
    expect(d.versionVariables.map((v) => v.symbol)).toEqual(["main.version"]);
  });
});

describe("--main", () => {
  it("accepts the package in any usual spelling", () => {
    const dir = copyFixture("three-mains");
    for (const main of ["./cmd/fleet", "cmd/fleet", "cmd/fleet/", "example.com/acme/fleet/cmd/fleet", join(dir, "cmd", "fleet")]) {
      const d = detectService(dir, { ...GO, main });
      expect(d.mainPackage).toBe("./cmd/fleet");
      expect(d.mainReason).toBe("./cmd/fleet was chosen with --main");
      expect(d.binaryName).toBe("fleet");
    }
  });

  it("accepts a main package outside cmd/ and adds it to the binaries", () => {
    const dir = writeModule({ "go.mod": "module example.com/acme/x\n\ngo 1.22\n", "cmd/x/main.go": TOOL_MAIN, "tools/srv/main.go": TOOL_MAIN });
    const d = detectService(dir, { ...GO, main: "./tools/srv" });
    expect(d.mains).toEqual(["./cmd/x", "./tools/srv"]);
    expect(d.binaries).toContainEqual({ name: "srv", mainPackage: "./tools/srv" });
  });

  it("rejects a package that is not main, with option, value and example", () => {
    const e = thrown(() => detectService(copyFixture("three-mains"), { ...GO, main: "./internal/inventory" }));
    expect(e).toMatchObject({ option: "--main", value: "./internal/inventory", problem: "./internal/inventory is package inventory, not a main package", example: "--main ./cmd/fleet" });
    expect(e.message).toBe('gosynth init: --main: ./internal/inventory is package inventory, not a main package (got "./internal/inventory"; example: --main ./cmd/fleet)');
  });

  it("rejects a directory that does not exist or has no Go files", () => {
    const dir = copyFixture("three-mains");
    expect(thrown(() => detectService(dir, { ...GO, main: "./cmd/fleetctl" }))).toMatchObject({ option: "--main", value: "./cmd/fleetctl", problem: "./cmd/fleetctl is not a directory of this module" });
    expect(thrown(() => detectService(dir, { ...GO, main: "./cmd" })).problem).toBe("./cmd has no Go files, so it is not a main package");
    expect(thrown(() => detectService(dir, { ...GO, main: "../elsewhere" })).problem).toMatch(/^must be a package inside /);
  });
});

describe("errors", () => {
  it("no go.mod", () => {
    const dir = writeModule({ "main.go": TOOL_MAIN });
    const e = thrown(() => detectService(dir, GO));
    expect(e).toMatchObject({ option: "dir", value: dir, example: "go mod init example.com/acme/hello" });
    expect(e.message).toBe(`${dir} has no go.mod: run gosynth init in a Go module's root, or create one with go mod init`);
  });

  it("no main package at all", () => {
    const dir = writeModule({ "go.mod": "module example.com/acme/lib\n\ngo 1.22\n", "lib.go": "package lib\n" });
    const e = thrown(() => detectService(dir, GO));
    expect(e).toMatchObject({ option: "--main", value: undefined, problem: `no main package in ${dir}`, example: "cmd/<name>/main.go with package main, or --main ./path/to/main" });
  });

  it("only mains outside cmd/: suggests --main with one of them", () => {
    const dir = writeModule({ "go.mod": "module example.com/acme/lib\n\ngo 1.22\n", "lib.go": "package lib\n", "examples/demo/main.go": TOOL_MAIN });
    expect(thrown(() => detectService(dir, GO))).toMatchObject({ example: "--main ./examples/demo", problem: expect.stringContaining("found only ./examples/demo") });
  });
});
