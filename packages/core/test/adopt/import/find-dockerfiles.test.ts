import { describe, expect, it } from "vitest";
import { findDockerfiles } from "../../../src/adopt/import/dockerfile";
import { writeModule } from "../helpers";

describe("findDockerfiles", () => {
  it("finds root and packaging Dockerfiles, root `Dockerfile` first, and skips vendor, testdata and dot directories", () => {
    const from = "FROM scratch\n";
    const dir = writeModule({
      "go.mod": "module example.com/acme/svc\n\ngo 1.26\n",
      "Dockerfile.distroless": from,
      "Dockerfile": from,
      "tools.Dockerfile": from,
      "Dockerfile.dockerignore": "*\n",
      "packaging/docker/alpine/Dockerfile": from,
      "zarf/docker/dockerfile.sales": from,
      ".docker/Dockerfile.dev": from,
      "build/ci/Containerfile": from,
      "scripts/release/Dockerfile": from,
      "deploy/testdata/Dockerfile": from,
      "vendor/go.opentelemetry.io/otel/dependencies.Dockerfile": from,
      "node_modules/pkg/Dockerfile": from,
      ".circleci/images/primary/Dockerfile": from,
      "docs/Dockerfile": from,
      "cmd/svc/Dockerfile": from,
    });
    expect(findDockerfiles(dir)).toEqual([
      "Dockerfile",
      "Dockerfile.distroless",
      "tools.Dockerfile",
      ".docker/Dockerfile.dev",
      "build/ci/Containerfile",
      "packaging/docker/alpine/Dockerfile",
      "scripts/release/Dockerfile",
      "zarf/docker/dockerfile.sales",
    ]);
  });

  it("returns nothing for a repository without one", () => {
    expect(findDockerfiles(writeModule({ "go.mod": "module example.com/x\n", "main.go": "package main\n" }))).toEqual([]);
  });
});
