import { describe, expect, it } from "vitest";
import { findVersionVariables } from "../../src/adopt";
import { findBuildTimeVariables } from "../../src/adopt/version-vars";
import { FIXTURES, writeModule } from "./helpers";
import { join } from "node:path";

const MOD_PATH = "example.com/acme/svc";
const GO_MOD = `module ${MOD_PATH}\n\ngo 1.22\n`;

describe("findVersionVariables", () => {
  it("finds main.version and main.commit in three-mains' server", () => {
    const found = findVersionVariables(join(FIXTURES, "three-mains"), "./cmd/fleetd");
    expect(found.variables).toEqual([
      { symbol: "main.version", name: "version", role: "version", file: "cmd/fleetd/main.go", line: 17, initialValue: "dev" },
      { symbol: "main.commit", name: "commit", role: "revision", file: "cmd/fleetd/main.go", line: 18 },
    ]);
    expect(found.notes).toEqual([]);
    expect(found.reason).toBe("./cmd/fleetd declares main.version (version), main.commit (revision)");
  });

  it("skips the client's const version with a note", () => {
    const found = findVersionVariables(join(FIXTURES, "three-mains"), "./cmd/fleet");
    expect(found.variables).toEqual([]);
    expect(found.notes).toEqual(["version (cmd/fleet/main.go:15) is a const: -X can only set a string variable, so it is not stamped (make it a var to stamp it)"]);
  });

  it("reads `var A, B string` with exported names (v2-module)", () => {
    const found = findVersionVariables(join(FIXTURES, "v2-module"), ".");
    expect(found.variables.map((v) => [v.symbol, v.role])).toEqual([
      ["main.Version", "version"],
      ["main.BuildTime", "created"],
    ]);
  });

  it("finds none in go116", () => {
    const found = findVersionVariables(join(FIXTURES, "go116"), ".");
    expect(found.variables).toEqual([]);
    expect(found.reason).toBe("no package-level string variable named like a version, commit or build date in .");
  });

  it("handles blocks, several files, typed literals and rejects what -X cannot set", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "cmd/svc/main.go": `package main

import (
	"fmt"
	"runtime"
	"time"
)

// var date = "in a comment" does not count
var (
	gitCommit string = "none"
	builtAt          = "un" + "known"
	Revision  []byte
	appVersion = runtime.Version()
	counter   int
)

var BuildDate time.Time

func main() {
	var version = "local" // inside a function: not package-level
	fmt.Println(version, gitCommit, builtAt, Revision, appVersion, counter, BuildDate)
}
`,
      "cmd/svc/version.go": 'package main\n\nvar semver = "v0.0.0"\n',
      "cmd/svc/version_test.go": 'package main\n\nvar buildVersion = "test"\n',
    });
    const found = findVersionVariables(dir, "./cmd/svc");
    expect(found.variables.map((v) => `${v.symbol}:${v.role}:${v.initialValue}`)).toEqual([
      "main.semver:version:v0.0.0",
      "main.gitCommit:revision:none",
      "main.builtAt:created:unknown",
    ]);
    expect(found.notes).toEqual([
      "Revision (cmd/svc/main.go:13) has type []byte: -X can only set a string variable",
      "appVersion (cmd/svc/main.go:14) is initialized by runtime . Version ( ): -X only overrides an uninitialized or constant string variable",
      "BuildDate (cmd/svc/main.go:18) has type time.Time: -X can only set a string variable",
    ]);
  });

  it("pairs names with values in `var a, b = \"x\", \"y\"` and skips blank names", () => {
    const dir = writeModule({ "go.mod": GO_MOD, "main.go": 'package main\n\nvar version, commit, _ = "1.0", "abc", 3\n\nfunc main() {}\n' });
    expect(findVersionVariables(dir, ".").variables.map((v) => [v.symbol, v.initialValue])).toEqual([
      ["main.version", "1.0"],
      ["main.commit", "abc"],
    ]);
  });
});

describe("findBuildTimeVariables", () => {
  it("a version package documented as set with LD_FLAGS, two imports from main, with the init that may replace them", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/reader/v2\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport "example.com/acme/reader/v2/internal/cli"\n\nfunc main() { cli.Parse() }\n',
      "internal/cli/cli.go": 'package cli\n\nimport (\n\t"fmt"\n\n\t"example.com/acme/reader/v2/internal/version"\n)\n\nfunc Parse() { fmt.Println(version.Version) }\n',
      "internal/version/version.go": `package version

// Variables populated at build time when using LD_FLAGS.
var (
	Version   = ""
	Commit    = ""
	BuildDate = ""
)

func init() {
	if Version == "" {
		Version = "2.x-dev"
	}
}
`,
    });
    const found = findBuildTimeVariables(dir, "example.com/acme/reader/v2", ".");
    expect(found.variables.map((v) => [v.symbol, v.role, v.evidence, v.importedByMain, v.source])).toEqual([
      ["example.com/acme/reader/v2/internal/version.Version", "version", "internal/version/version.go:5", true, "module"],
      ["example.com/acme/reader/v2/internal/version.Commit", "revision", "internal/version/version.go:6", true, "module"],
      ["example.com/acme/reader/v2/internal/version.BuildDate", "created", "internal/version/version.go:7", true, "module"],
    ]);
    expect(found.variables[0]).toMatchObject({ initialValue: "", why: 'documented as set at build time: "Variables populated at build time when using LD_FLAGS."', assignedAt: ["internal/version/version.go:12"] });
    expect(found.notes).toEqual([
      "example.com/acme/reader/v2/internal/version.Version (internal/version/version.go:5) is also assigned at internal/version/version.go:12: that code can replace a value set with -X",
    ]);
  });

  it("a server package's vars with their own comment, not their neighbours in the block", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/broker/v2\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport "example.com/acme/broker/v2/server"\n\nfunc main() { server.Run() }\n',
      "server/const.go": `package server

var (
	// gitCommit and serverVersion injected at build.
	gitCommit, serverVersion string
	// trustedKeys is a whitespace separated list of keys.
	trustedKeys string
)

const (
	// VERSION is the current version; a const, the build cannot set it.
	VERSION = "2.11.0"
)

func Run() {}
`,
    });
    const found = findBuildTimeVariables(dir, "example.com/acme/broker/v2", ".");
    expect(found.variables.map((v) => [v.symbol, v.role])).toEqual([
      ["example.com/acme/broker/v2/server.serverVersion", "version"],
      ["example.com/acme/broker/v2/server.gitCommit", "revision"],
    ]);
    expect(found.reason).toBe(". links example.com/acme/broker/v2/server.serverVersion (version), example.com/acme/broker/v2/server.gitCommit (revision)");
  });

  it("a group comment about the linker covers every string var of the group, whatever its name", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/db/v10\n\ngo 1.22\n",
      "cmd/dbd/main.go": 'package main\n\nimport "example.com/acme/db/v10/cmd"\n\nfunc main() { println(cmd.Version) }\n',
      "cmd/version.go": `package cmd

// These variables are populated via the Go linker.
var (
	// Version of the database.
	Version = "10"

	// Buildtime is the timestamp when the build took place.
	Buildtime = "unknown"

	// CompilerCommand is the compiler used to build the binary.
	CompilerCommand = "unknown"
)
`,
    });
    const found = findBuildTimeVariables(dir, "example.com/acme/db/v10", "./cmd/dbd");
    expect(found.variables.map((v) => [v.name, v.role, v.initialValue, v.why])).toEqual([
      ["Version", "version", "10", 'documented as set at build time: "These variables are populated via the Go linker."'],
      ["Buildtime", "created", "unknown", 'documented as set at build time: "These variables are populated via the Go linker."'],
      ["CompilerCommand", "other", "unknown", 'documented as set at build time: "These variables are populated via the Go linker."'],
    ]);
  });

  it("exported version vars of a package named version without a comment; packages main does not import are marked", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "cmd/svc/main.go": 'package main\n\nimport "example.com/acme/svc/internal/buildinfo"\n\nvar tag = "develop"\n\nfunc main() { println(buildinfo.Commit, tag) }\n',
      "internal/buildinfo/info.go": "package buildinfo\n\nvar (\n\tCommit    string\n\tBuildDate string\n\tlocal     string\n)\n",
      "pkg/version/version.go": "package version\n\nvar Version = \"dev\"\n",
      // Package build of route builders: nothing named like a version.
      "api/build/all.go": "// Package build binds the routes.\npackage build\n\nvar Routes = \"all\"\n",
    });
    const found = findBuildTimeVariables(dir, MOD_PATH, "./cmd/svc");
    expect(found.variables.map((v) => [v.symbol, v.role, v.importedByMain, v.source])).toEqual([
      ["main.tag", "version", true, "main"],
      ["example.com/acme/svc/internal/buildinfo.Commit", "revision", true, "module"],
      ["example.com/acme/svc/internal/buildinfo.BuildDate", "created", true, "module"],
      ["example.com/acme/svc/pkg/version.Version", "version", false, "module"],
    ]);
    expect(found.reason).toContain("not linked by ./cmd/svc: example.com/acme/svc/pkg/version.Version");
  });

  it("prometheus/common/version imported by main: its stamped variables, with the import as evidence", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "main.go": 'package main\n\nimport (\n\t"fmt"\n\n\t"github.com/prometheus/common/version"\n)\n\nfunc main() { fmt.Println(version.Info()) }\n',
    });
    const found = findBuildTimeVariables(dir, MOD_PATH, ".");
    expect(found.variables.map((v) => [v.symbol, v.role, v.evidence, v.source])).toEqual([
      ["github.com/prometheus/common/version.Version", "version", "main.go:6", "known library"],
      ["github.com/prometheus/common/version.Revision", "revision", "main.go:6", "known library"],
      ["github.com/prometheus/common/version.BuildDate", "created", "main.go:6", "known library"],
      ["github.com/prometheus/common/version.Branch", "other", "main.go:6", "known library"],
      ["github.com/prometheus/common/version.BuildUser", "other", "main.go:6", "known library"],
    ]);
  });

  it("a documented var -X cannot set is a note, and an ordinary package's vars are not counted", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "main.go": 'package main\n\nimport "example.com/acme/svc/internal/app"\n\nfunc main() { app.Run() }\n',
      "internal/app/app.go": 'package app\n\nimport "time"\n\n// BuildTime is set by the build with -ldflags.\nvar BuildTime time.Time\n\nvar Version = "1.0"\n\nfunc Run() {}\n',
    });
    const found = findBuildTimeVariables(dir, MOD_PATH, ".");
    expect(found.variables).toEqual([]);
    expect(found.notes).toEqual(["BuildTime (internal/app/app.go:6) has type time.Time: -X can only set a string variable"]);
  });
});
