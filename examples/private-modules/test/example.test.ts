import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildService, synthExample, validateService } from "../../../test/helpers/example";

describe("examples/private-modules", () => {
  const dir = synthExample("private-modules");
  const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
  it("synthesizes files the validators accept", () => validateService(dir));
  it("builds, vets, tests and lints", () => buildService(dir));
  it("has the configuration the example is about", () => {
    expect(dockerfile).toContain("--mount=type=secret,id=netrc,target=/root/.netrc");
    expect(dockerfile).toContain("GOPRIVATE='github.com/acme/*' go mod download");
  });
});
