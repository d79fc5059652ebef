import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest, renderGroup, TemplateData } from "../src";

const data: TemplateData = {
  modulePath: "github.com/x/y-svc",
  goVersion: "1.25",
  binaryName: "y-svc",
  mainPackage: "./cmd/y-svc",
  port: 9000,
  versionVariable: "main.version",
  projectName: "y-svc",
  baseImage: "scratch",
};

describe("starter templates", () => {
  const files = Object.fromEntries(renderGroup("starter", data).map((f) => [f.path, f.content]));

  it("renders every manifest entry to its path", () => {
    expect(Object.keys(files).sort()).toEqual([
      "cmd/y-svc/main.go",
      "go.mod",
      "internal/health/health.go",
      "internal/health/health_test.go",
      "internal/server/server.go",
      "internal/server/server_fuzz_test.go",
      "internal/server/server_test.go",
    ]);
    expect(loadManifest().docs.map((d) => d.path)).toEqual(["README.md"]);
  });
  it("go.mod has the module path and go version", () => {
    expect(files["go.mod"]).toBe("module github.com/x/y-svc\n\ngo 1.25\n");
  });
  it("main.go: version variable, default port, healthcheck mode, imports of the module", () => {
    const main = files["cmd/y-svc/main.go"];
    expect(main).toContain('var version = "dev"');
    expect(main).toContain("-X main.version=");
    expect(main).toMatch(/defaultPort\s+= 9000/);
    expect(main).toContain('args[0] == "healthcheck"');
    expect(main).toContain('"github.com/x/y-svc/internal/server"');
    expect(main).toContain("signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)");
    expect(main).not.toContain("&#34;"); // no HTML escaping in Go code
  });
  it("is gofmt-clean and compiles with vet", () => {
    const dir = mkdtempSync(join(tmpdir(), "gosynth-tpl-"));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    expect(execFileSync("gofmt", ["-l", "."], { cwd: dir, encoding: "utf-8" })).toBe("");
    execFileSync("go", ["vet", "./..."], { cwd: dir, stdio: "pipe" });
  });
  it("has a native Go fuzz test that go test -fuzz runs (Scorecard's Fuzzing check looks for one)", () => {
    const dir = mkdtempSync(join(tmpdir(), "gosynth-tpl-fuzz-"));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const out = execFileSync("go", ["test", "-run=^$", "-fuzz=^FuzzHandler$", "-fuzztime=200x", "./internal/server"], { cwd: dir, encoding: "utf-8", stdio: "pipe" });
    expect(out).toMatch(/^ok\s/m);
  }, 120_000);
  it("README names the service, port and how to change the packaging", () => {
    const [readme] = renderGroup("docs", data);
    expect(readme.content).toContain("# y-svc");
    expect(readme.content).toContain(":9000");
    expect(readme.content).toContain("npx projen");
  });
});
