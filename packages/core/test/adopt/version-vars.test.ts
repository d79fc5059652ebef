import { describe, expect, it } from "vitest";
import { findVersionVariables } from "../../src/adopt";
import { FIXTURES, writeModule } from "./helpers";
import { join } from "node:path";

const GO_MOD = "module example.com/acme/svc\n\ngo 1.22\n";

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
