import { describe, expect, it } from "vitest";
import {
  defaultImportName,
  docCommentAbove,
  enclosingFunction,
  GoValues,
  lex,
  loadWithLocalImports,
  packageNameOf,
  readPackageFiles,
  tokenize,
  trailingComment,
  walkPackageDirs,
} from "../../src/adopt/go-source";
import { writeModule } from "./helpers";

describe("tokenize", () => {
  it("drops comments, keeps strings whole and tracks lines", () => {
    const src = 'package main\n\n/* os.Getenv("PORT")\n*/\nvar s = `a\n"b"` // "c"\nvar r = \'"\'\nvar x = "d\\"e"\n';
    const tokens = tokenize(src);
    expect(tokens.filter((t) => t.kind === "string").map((t) => [t.value, t.line])).toEqual([
      ['a\n"b"', 5],
      ['d"e', 8],
    ]);
    expect(tokens.some((t) => t.text === "Getenv")).toBe(false);
    expect(tokens.find((t) => t.text === "x")?.line).toBe(8);
  });

  it("inserts semicolons where Go does", () => {
    const texts = tokenize("var a string\nvar (\n\tb = 1\n)\nfunc f() {\n\treturn\n}\n").map((t) => (t.kind === ";" ? ";" : t.text));
    expect(texts.join(" ")).toBe("var a string ; var ( b = 1 ; ) ; func f ( ) { return ; } ;");
  });
});

describe("readPackageFiles", () => {
  it("reads imports with aliases and skips tests, ignored and hidden files", () => {
    const dir = writeModule({
      "go.mod": "module example.com/x\n",
      "a.go": 'package main\n\nimport (\n\th "net/http"\n\t_ "embed"\n\t"github.com/mattn/go-sqlite3"\n\t"github.com/labstack/echo/v4"\n)\nimport "os"\n',
      "a_test.go": "package main\n",
      "gen.go": "// Code generator.\n\n//go:build ignore\n\npackage main\n",
      "old.go": "// +build ignore\n\npackage main\n",
      "linux.go": "//go:build linux || ignore\n\npackage main\n",
      "_b.go": "package main\n",
      ".c.go": "package main\n",
    });
    const files = readPackageFiles(dir, "");
    expect(files.map((f) => f.path)).toEqual(["a.go", "linux.go"]);
    expect(files[0].imports).toEqual([
      { path: "net/http", name: "h", line: 4 },
      { path: "embed", name: "", line: 5 },
      { path: "github.com/mattn/go-sqlite3", name: "sqlite3", line: 6 },
      { path: "github.com/labstack/echo/v4", name: "echo", line: 7 },
      { path: "os", name: "os", line: 9 },
    ]);
    expect(readPackageFiles(dir, "", true).map((f) => f.path)).toContain("a_test.go");
  });

  it("names packages and default import names", () => {
    expect(packageNameOf(tokenize("// doc\npackage server // x\n"))).toBe("server");
    expect(defaultImportName("gopkg.in/yaml.v3")).toBe("yaml");
    expect(defaultImportName("google.golang.org/grpc")).toBe("grpc");
  });
});

describe("comments", () => {
  it("keeps comments with their lines, and tells doc comments from trailing ones", () => {
    const src = "package version\n\nvar x = 1 // not a doc\n// Set by the linker.\n// Two lines.\nvar (\n\tVersion string /* -X */\n)\n";
    const { comments } = lex(src);
    expect(comments.map((c) => [c.text.trim(), c.line])).toEqual([["not a doc", 3], ["Set by the linker.", 4], ["Two lines.", 5], ["-X", 7]]);
    const file = readPackageFiles(writeModule({ "go.mod": "module example.com/x\n", "v.go": src }), "")[0];
    expect(docCommentAbove(file, 6)).toBe("Set by the linker. Two lines.");
    // Line 3's comment trails code, so it documents nothing below it.
    expect(docCommentAbove(file, 4)).toBe("");
    expect(trailingComment(file, 7)).toBe("-X");
  });
});

describe("packages of the module", () => {
  const mod = () =>
    writeModule({
      "go.mod": "module example.com/acme/app\n\ngo 1.22\n",
      "main.go": 'package main\n\nimport "example.com/acme/app/internal/cli"\n\nfunc main() { cli.Run() }\n',
      "internal/cli/cli.go": 'package cli\n\nimport "example.com/acme/app/internal/http/server"\n\nfunc Run() { server.Start() }\n',
      "internal/http/server/server.go": 'package server\n\nimport "example.com/acme/app/internal/config"\n\nfunc Start() { _ = config.Addr }\n',
      "internal/config/config.go": 'package config\n\nconst Addr = ":8080"\n',
      "tools/tools.go": '//go:build tools\n\npackage tools\n\nimport _ "golang.org/x/tools/cmd/stringer"\n',
      "examples/demo/main.go": "package main\n\nfunc main() {}\n",
      "testdata/x.go": "package x\n",
    });

  it("follows local imports as deep as asked", () => {
    const dir = mod();
    expect(loadWithLocalImports(dir, ".", "example.com/acme/app").map((p) => p.pkg)).toEqual([".", "./internal/cli"]);
    expect(loadWithLocalImports(dir, ".", "example.com/acme/app", 3).map((p) => [p.pkg, p.depth])).toEqual([
      [".", 0],
      ["./internal/cli", 1],
      ["./internal/http/server", 2],
      ["./internal/config", 3],
    ]);
  });

  it("walks package directories as go ./... does, skipping what it is told to", () => {
    const dir = mod();
    expect(walkPackageDirs(dir).dirs).toEqual(["", "examples/demo", "internal/cli", "internal/config", "internal/http/server", "tools"]);
    expect(walkPackageDirs(dir, (rel) => rel.startsWith("examples")).dirs).not.toContain("examples/demo");
    // A file built only with -tags tools is not part of a plain build.
    expect(readPackageFiles(dir, "tools")).toEqual([]);
  });
});

describe("GoValues", () => {
  it("evaluates constants across packages, local constants and the helpers around ports", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/app\n\ngo 1.22\n",
      "internal/config/config.go": "package config\n\nconst (\n\tDefaultPort = 4_222\n\tHost        = \"0.0.0.0\"\n)\n",
      "main.go": `package main

import (
	"fmt"
	"net"
	"strconv"

	cfg "example.com/acme/app/internal/config"
)

const prefix = "/" + "v1"

func main() {
	const local = ":9090"
	_ = net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.DefaultPort))
	_ = fmt.Sprintf(":%d", cfg.DefaultPort)
	_ = local
	_ = prefix + "/health"
}
`,
    });
    const [main] = readPackageFiles(dir, "");
    const values = new GoValues(dir, "example.com/acme/app");
    const exprAt = (line: number) => {
      const at = main.tokens.findIndex((t) => t.line === line && t.text === "=") + 1;
      let end = at;
      while (main.tokens[end].kind !== ";") end++;
      return values.evaluate(main, main.tokens.slice(at, end), at);
    };
    expect(exprAt(15)).toEqual({ value: { kind: "string", value: "0.0.0.0:4222" }, via: { name: "Host", at: "internal/config/config.go:5" } });
    expect(exprAt(16)?.value).toEqual({ kind: "string", value: ":4222" });
    expect(exprAt(17)).toEqual({ value: { kind: "string", value: ":9090" }, via: { name: "local", at: "main.go:14" } });
    expect(exprAt(18)?.value).toEqual({ kind: "string", value: "/v1/health" });
    // A name outside any function is not found in a function's locals.
    expect(values.evaluate(main, [{ kind: "ident", text: "local", line: 1 }])).toBeUndefined();
    expect(enclosingFunction(main, main.tokens.findIndex((t) => t.text === "JoinHostPort"))?.name).toBe("main");
  });
});
