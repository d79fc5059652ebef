import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectCgo, parseJsonStream } from "../../src/adopt";
import { copyFixture, GO, writeModule } from "./helpers";

describe("detectCgo", () => {
  it("finds github.com/mattn/go-sqlite3 in sqlite-cgo", () => {
    const report = detectCgo(copyFixture("sqlite-cgo"), ".", GO);
    expect(report.needsCgo).toBe(true);
    expect(report.determined).toBe(true);
    expect(report.packages).toEqual(["github.com/mattn/go-sqlite3"]);
    expect(report.reason).toBe("cgo is needed by github.com/mattn/go-sqlite3 v1.14.32");
  });

  it("does not count net, os/user or runtime/cgo in a pure Go service", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/pure\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport (\n\t"net"\n\t"net/http"\n\t"os/user"\n\t_ "runtime/cgo"\n)\n\nfunc main() {\n\t_, _ = user.Current()\n\t_, _ = net.LookupHost("localhost")\n\t_ = http.ListenAndServe(":8080", nil)\n}\n',
    });
    const report = detectCgo(dir, ".", GO);
    expect(report).toMatchObject({ needsCgo: false, determined: true, packages: [] });
    expect(report.reason).toMatch(/^no package outside the standard library uses cgo among the \d+ packages \. builds$/);
  });

  it("counts the module's own import \"C\"", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/native\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport "example.com/acme/native/internal/clib"\n\nfunc main() { println(clib.Answer()) }\n',
      "internal/clib/clib.go": "package clib\n\n// static int answer(void) { return 42; }\nimport \"C\"\n\nfunc Answer() int { return int(C.answer()) }\n",
    });
    expect(detectCgo(dir, ".", GO)).toMatchObject({ needsCgo: true, packages: ["example.com/acme/native/internal/clib"] });
  });

  // Seen adopting a real service: a web UI embedded from files a frontend build makes.
  it("still finds cgo when a package has an error, e.g. an embed pattern of files not built yet", () => {
    const dir = copyFixture("sqlite-cgo");
    writeFileSync(join(dir, "ui.go"), 'package main\n\nimport "embed"\n\n//go:embed build/*\nvar ui embed.FS\n');
    const report = detectCgo(dir, ".", GO);
    expect(report).toMatchObject({ needsCgo: true, determined: true, packages: ["github.com/mattn/go-sqlite3"] });
    expect(report.reason).toMatch(/go list reported errors, e\.g\. .*pattern build\/\*: no matching files found/);
  });

  it("three-mains (pure Go) needs no cgo", () => {
    expect(detectCgo(copyFixture("three-mains"), "./cmd/fleetd", GO)).toMatchObject({ needsCgo: false, determined: true });
  });

  it("lists on a temporary copy when go.sum is incomplete, leaving the user's files alone", () => {
    const dir = copyFixture("sqlite-cgo");
    rmSync(join(dir, "go.sum"));
    const goMod = readFileSync(join(dir, "go.mod"), "utf-8");
    const report = detectCgo(dir, ".", GO);
    expect(report).toMatchObject({ needsCgo: true, determined: true, packages: ["github.com/mattn/go-sqlite3"] });
    expect(report.reason).toContain("go.mod/go.sum are incomplete, so this ran on a temporary copy with -mod=mod; run go mod tidy");
    expect(existsSync(join(dir, "go.sum"))).toBe(false);
    expect(readFileSync(join(dir, "go.mod"), "utf-8")).toBe(goMod);
  });

  it("reports, without guessing silently, when go cannot run", () => {
    const report = detectCgo(copyFixture("sqlite-cgo"), ".", { goBinary: "/nonexistent/bin/go" });
    expect(report).toMatchObject({ needsCgo: false, determined: false, packages: [] });
    expect(report.reason).toMatch(/could not list the dependencies of \.: \/nonexistent\/bin\/go not found; set cgo by hand/);
  });

  it("reports a go error for a package that does not exist", () => {
    const report = detectCgo(copyFixture("three-mains"), "./cmd/nope", GO);
    expect(report.determined).toBe(false);
    expect(report.reason).toContain("could not list the dependencies of ./cmd/nope");
  });
});

describe("parseJsonStream", () => {
  it("splits concatenated objects, with braces inside strings", () => {
    expect(parseJsonStream('{"a": "}{"}\n{"b": {"c": "\\"}"}}\n')).toEqual([{ a: "}{" }, { b: { c: '"}' } }]);
  });
});
