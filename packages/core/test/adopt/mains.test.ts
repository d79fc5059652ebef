import { describe, expect, it } from "vitest";
import { findMainPackages, pickServer } from "../../src/adopt";
import { copyFixture, GO, SERVER_MAIN, TOOL_MAIN, writeModule } from "./helpers";

const NO_GO = { goBinary: "/nonexistent/bin/go" };

/** A module with mains in many places, some of which go ./... never looks at. */
function layered(): string {
  return writeModule({
    "go.mod": "module example.com/acme/layered\n\ngo 1.22\n",
    "main.go": TOOL_MAIN,
    "cmd/api/main.go": SERVER_MAIN,
    "cmd/tools/gen/main.go": TOOL_MAIN,
    // Tests only: not a main package.
    "cmd/onlytests/x_test.go": "package main\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n",
    // A generator constrained to the ignore tag inside a library package.
    "cmd/lib/lib.go": "package lib\n\nfunc F() {}\n",
    "cmd/lib/gen.go": "//go:build ignore\n\npackage main\n\nfunc main() {}\n",
    "cmd/testdata/main.go": TOOL_MAIN,
    "cmd/_old/main.go": TOOL_MAIN,
    "cmd/.hidden/main.go": TOOL_MAIN,
    "vendor/example.com/dep/main.go": TOOL_MAIN,
    "examples/demo/main.go": TOOL_MAIN,
    // Another module: not part of this one.
    "cmd/nested/go.mod": "module example.com/other\n\ngo 1.22\n",
    "cmd/nested/main.go": TOOL_MAIN,
  });
}

describe("findMainPackages", () => {
  it("lists the three mains of three-mains with go list", () => {
    const found = findMainPackages(copyFixture("three-mains"), GO);
    expect(found.packages).toEqual(["./cmd/fleet", "./cmd/fleet-migrate", "./cmd/fleetd"]);
    expect(found.method).toBe("go list");
    expect(found.reason).toContain("3 main packages");
  });

  it("finds root and nested mains, skipping what go skips", () => {
    const found = findMainPackages(layered(), GO);
    expect(found.method).toBe("go list");
    expect(found.packages).toEqual([".", "./cmd/api", "./cmd/tools/gen"]);
    expect(found.ignored).toEqual(["./examples/demo"]);
    expect(found.ignoredReasons).toEqual([{ mainPackage: "./examples/demo", reason: "an example (examples/)" }]);
    expect(found.reason).toContain("not counted: ./examples/demo (an example (examples/))");
  });

  it("falls back to a file scan with the same answer when go is missing", () => {
    const found = findMainPackages(layered(), NO_GO);
    expect(found.method).toBe("file scan");
    expect(found.packages).toEqual([".", "./cmd/api", "./cmd/tools/gen"]);
    expect(found.ignored).toEqual(["./examples/demo"]);
    expect(found.reason).toMatch(/go list failed: .*not found/);
  });

  it("returns no packages for a module without a main", () => {
    const dir = writeModule({ "go.mod": "module example.com/lib\n\ngo 1.22\n", "lib.go": "package lib\n" });
    expect(findMainPackages(dir, GO).packages).toEqual([]);
    expect(findMainPackages(dir, NO_GO).packages).toEqual([]);
  });
});

describe("findMainPackages across the module", () => {
  /** Mains where ardanlabs-style services keep them, and where repositories keep what they do not ship. */
  function services(): string {
    return writeModule({
      "go.mod": "module example.com/acme/service\n\ngo 1.22\n",
      "api/services/orders/main.go": SERVER_MAIN,
      "api/services/auth/main.go": 'package main\n\nimport "example.com/acme/service/app/sdk/server"\n\nfunc main() { server.Start() }\n',
      "app/sdk/server/server.go": 'package server\n\nimport "example.com/acme/service/app/sdk/mux"\n\nfunc Start() { mux.Serve() }\n',
      "app/sdk/mux/mux.go": 'package mux\n\nimport "net/http"\n\nfunc Serve() { _ = http.ListenAndServe(":6000", nil) }\n',
      "api/tooling/admin/main.go": TOOL_MAIN,
      "hack/gen-certs/main.go": TOOL_MAIN,
      "test/e2e/runner/main.go": TOOL_MAIN,
      "system_test/e2e/certs/main.go": TOOL_MAIN,
      "tests/load/main.go": TOOL_MAIN,
      "docs/snippets/main.go": TOOL_MAIN,
      "scripts/release/main.go": TOOL_MAIN,
      "internal/tools/lint/main.go": TOOL_MAIN,
      "auto/gcp/example/main.go": TOOL_MAIN,
      "tools/tools.go": '//go:build tools\n\npackage main\n\nimport _ "golang.org/x/tools/cmd/stringer"\n',
      "tools/release/main.go": TOOL_MAIN,
    });
  }

  const EXPECTED_IGNORED = [
    { mainPackage: "./auto/gcp/example", reason: "an example (example/)" },
    { mainPackage: "./docs/snippets", reason: "documentation (docs/)" },
    { mainPackage: "./hack/gen-certs", reason: "a development script (hack/)" },
    { mainPackage: "./internal/tools/lint", reason: "internal tooling (internal/tools/)" },
    { mainPackage: "./scripts/release", reason: "a script (scripts/)" },
    { mainPackage: "./system_test/e2e/certs", reason: "an end-to-end test program (e2e/)" },
    { mainPackage: "./test/e2e/runner", reason: "a test program (test/)" },
    { mainPackage: "./tests/load", reason: "a test program (tests/)" },
    { mainPackage: "./tools", reason: "built only with -tags tools (//go:build tools)" },
  ];

  it.each([
    ["go list", GO],
    ["a file scan", NO_GO],
  ])("counts every deliverable main, says which listen, and why the rest are not counted (%s)", (_how, options) => {
    const found = findMainPackages(services(), options);
    expect(found.packages).toEqual(["./api/services/auth", "./api/services/orders", "./api/tooling/admin", "./tools/release"]);
    expect(found.ignoredReasons).toEqual(EXPECTED_IGNORED);
    expect(found.ignored).toEqual(EXPECTED_IGNORED.map((i) => i.mainPackage));
    expect(found.details).toEqual([
      { mainPackage: "./api/services/auth", listens: true, listenEvidence: "net/http ListenAndServe in app/sdk/mux/mux.go, imported by ./api/services/auth" },
      { mainPackage: "./api/services/orders", listens: true, listenEvidence: "net/http ListenAndServe in api/services/orders/main.go" },
      { mainPackage: "./api/tooling/admin", listens: false },
      { mainPackage: "./tools/release", listens: false },
    ]);
    expect(found.reason).toContain("listening: ./api/services/auth, ./api/services/orders");
  });
});

describe("pickServer", () => {
  it("picks the HTTP server of three-mains and says why", () => {
    const dir = copyFixture("three-mains");
    const picked = pickServer(dir, ["./cmd/fleet", "./cmd/fleet-migrate", "./cmd/fleetd"]);
    expect(picked.mainPackage).toBe("./cmd/fleetd");
    expect(picked.reason).toBe("./cmd/fleetd listens (net/http ListenAndServe in cmd/fleetd/main.go)");
    // The client uses net/http too (http.Get), which is not serving.
    expect(picked.listeners.map((l) => l.mainPackage)).toEqual(["./cmd/fleetd"]);
  });

  it("finds a listener one level deep, in a package of the module", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/shop/v3\n\ngo 1.22\n",
      "cmd/shop/main.go": TOOL_MAIN,
      "cmd/worker/main.go": 'package main\n\nimport srv "example.com/acme/shop/v3/internal/server"\n\nfunc main() { srv.Run() }\n',
      "internal/server/server.go": 'package server\n\nimport (\n\t"net"\n\n\t"google.golang.org/grpc"\n)\n\nfunc Run() {\n\tlis, _ := net.Listen("tcp", ":9000")\n\t_ = grpc.NewServer().Serve(lis)\n}\n',
    });
    const picked = pickServer(dir, ["./cmd/shop", "./cmd/worker"]);
    expect(picked.mainPackage).toBe("./cmd/worker");
    expect(picked.reason).toBe("./cmd/worker listens (net.Listen in internal/server/server.go, imported by ./cmd/worker)");
  });

  it("recognizes http.Server literals, aliased imports and grpc", () => {
    const dir = writeModule({
      "go.mod": "module example.com/x\n\ngo 1.22\n",
      "cmd/a/main.go": 'package main\n\nimport stdhttp "net/http"\n\nfunc main() {\n\ts := &stdhttp.Server{Addr: ":1"}\n\t_ = s.ListenAndServe()\n}\n',
      "cmd/b/main.go": 'package main\n\nimport "google.golang.org/grpc"\n\nfunc main() { _ = grpc.NewServer() }\n',
      "cmd/c/main.go": '// http.ListenAndServe(":1", nil) in a comment does not count\npackage main\n\nimport "fmt"\n\nfunc main() { fmt.Println("http.ListenAndServe") }\n',
    });
    const picked = pickServer(dir, ["./cmd/a", "./cmd/b", "./cmd/c"]);
    expect(picked.listeners).toEqual([
      { mainPackage: "./cmd/a", evidence: "http.Server in cmd/a/main.go" },
      { mainPackage: "./cmd/b", evidence: "grpc NewServer in cmd/b/main.go" },
    ]);
    // Two listeners, neither named like a server or the module: the first.
    expect(picked.mainPackage).toBe("./cmd/a");
    expect(picked.reason).toMatch(/^2 main packages listen \(\.\/cmd\/a, \.\/cmd\/b\); picked the first, \.\/cmd\/a/);
  });

  it("breaks a tie between listeners by a server-like name", () => {
    const dir = writeModule({
      "go.mod": "module example.com/acme/billing\n\ngo 1.22\n",
      "cmd/billing/main.go": SERVER_MAIN,
      "cmd/billing-api/main.go": SERVER_MAIN,
    });
    const picked = pickServer(dir, ["./cmd/billing", "./cmd/billing-api"]);
    expect(picked.mainPackage).toBe("./cmd/billing-api");
    expect(picked.reason).toContain("its name looks like a server");
  });

  it("without listeners prefers the main named like the module, else the first", () => {
    const named = writeModule({ "go.mod": "module example.com/acme/tool\n\ngo 1.22\n", "cmd/alpha/main.go": TOOL_MAIN, "cmd/tool/main.go": TOOL_MAIN });
    expect(pickServer(named, ["./cmd/alpha", "./cmd/tool"])).toMatchObject({ mainPackage: "./cmd/tool", reason: expect.stringContaining("named like the module") });
    const first = writeModule({ "go.mod": "module example.com/acme/tool\n\ngo 1.22\n", "cmd/alpha/main.go": TOOL_MAIN, "cmd/beta/main.go": TOOL_MAIN });
    expect(pickServer(first, ["./cmd/alpha", "./cmd/beta"])).toMatchObject({ mainPackage: "./cmd/alpha", reason: expect.stringContaining("picked the first") });
  });

  it("explains a single main", () => {
    const picked = pickServer(copyFixture("go116"), ["."]);
    expect(picked).toMatchObject({ mainPackage: ".", reason: ". is the only main package; it listens (net/http ListenAndServe in main.go)" });
  });
});
