import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readsPortEnv } from "../../src/adopt";
import { FIXTURES, writeModule } from "./helpers";

const GO_MOD = "module example.com/acme/svc\n\ngo 1.22\n";

describe("readsPortEnv", () => {
  it("three-mains' server reads PORT with os.Getenv", () => {
    expect(readsPortEnv(join(FIXTURES, "three-mains"), "./cmd/fleetd")).toEqual({
      readsPort: true,
      locations: ["cmd/fleetd/main.go:22"],
      reason: "./cmd/fleetd reads PORT (os.Getenv/os.LookupEnv at cmd/fleetd/main.go:22)",
    });
  });

  it("sqlite-cgo reads PORT with os.LookupEnv", () => {
    expect(readsPortEnv(join(FIXTURES, "sqlite-cgo"), ".").readsPort).toBe(true);
  });

  it("go116 and the client read no PORT", () => {
    expect(readsPortEnv(join(FIXTURES, "go116"), ".")).toMatchObject({ readsPort: false, reason: ". does not read PORT with os.Getenv or os.LookupEnv" });
    expect(readsPortEnv(join(FIXTURES, "three-mains"), "./cmd/fleet").readsPort).toBe(false);
  });

  it("follows an aliased os import and a module package one level deep", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "cmd/svc/main.go": 'package main\n\nimport "example.com/acme/svc/internal/config"\n\nfunc main() { _ = config.Addr() }\n',
      "internal/config/config.go": 'package config\n\nimport sys "os"\n\nfunc Addr() string { return ":" + sys.Getenv("PORT") }\n',
    });
    expect(readsPortEnv(dir, "./cmd/svc")).toMatchObject({ readsPort: true, locations: ["internal/config/config.go:5"] });
  });

  it("does not count comments, other variables or a PORT helper, but mentions the helper", () => {
    const dir = writeModule({
      "go.mod": GO_MOD,
      "main.go": `package main

import "os"

// port := os.Getenv("PORT") was removed
func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func main() {
	_ = os.Getenv("HTTP_PORT")
	_ = env("PORT", "8080")
}
`,
    });
    const report = readsPortEnv(dir, ".");
    expect(report.readsPort).toBe(false);
    expect(report.reason).toContain('"PORT" appears at main.go:15 but not as os.Getenv/os.LookupEnv("PORT")');
  });
});
