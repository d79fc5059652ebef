import { describe, expect, it } from "vitest";
import { defaultImportName, packageNameOf, readPackageFiles, tokenize } from "../../src/adopt/go-source";
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
      { path: "net/http", name: "h" },
      { path: "embed", name: "" },
      { path: "github.com/mattn/go-sqlite3", name: "sqlite3" },
      { path: "github.com/labstack/echo/v4", name: "echo" },
      { path: "os", name: "os" },
    ]);
    expect(readPackageFiles(dir, "", true).map((f) => f.path)).toContain("a_test.go");
  });

  it("names packages and default import names", () => {
    expect(packageNameOf(tokenize("// doc\npackage server // x\n"))).toBe("server");
    expect(defaultImportName("gopkg.in/yaml.v3")).toBe("yaml");
    expect(defaultImportName("google.golang.org/grpc")).toBe("grpc");
  });
});
