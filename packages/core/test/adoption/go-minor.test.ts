import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { planAdoption } from "../../src/adoption";

const MAIN = 'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gosynth-go-minor-"));
  for (const [path, text] of Object.entries({ "main.go": MAIN, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const workflow = (goVersion: string) => `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v6\n        with:\n          go-version: ${goVersion}\n      - run: go test ./...\n`;

describe("the Go minor init carries over", () => {
  it("CI's explicit go-version names the Go the service is tested with", () => {
    const { plan } = planAdoption(repo({ "go.mod": "module example.com/acme/api\n\ngo 1.24\n", ".github/workflows/test.yml": workflow("'1.26.x'") }), {});
    expect(plan.options.goVersion).toBe("1.26");
  });
  it("\"stable\" floats with each release: go.mod's go line decides", () => {
    const { plan } = planAdoption(repo({ "go.mod": "module example.com/acme/api\n\ngo 1.25\n", ".github/workflows/release.yml": workflow("stable") }), {});
    expect(plan.options.goVersion).toBe("1.25");
  });
  it("a toolchain line names the minor, with its line in go.mod", () => {
    const { plan } = planAdoption(repo({ "go.mod": "module example.com/acme/api\n\ngo 1.25.0\n\ntoolchain go1.26.2\n" }), {});
    expect(plan.options.goVersion).toBe("1.26");
    expect(plan.carried.find((c) => c.option === "goVersion")?.from).toBe("go.mod:5");
  });
});
