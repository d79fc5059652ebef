import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildService, synthExample, validateService } from "../../../test/helpers/example";

describe("examples/basic", () => {
  const dir = synthExample("basic");
  const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
  it("synthesizes files the validators accept", () => validateService(dir));
  it("builds, vets, tests and lints", () => buildService(dir));
  it("has the configuration the example is about", () => {
    expect(dockerfile).toContain("FROM gcr.io/distroless/static-debian12:nonroot AS runtime");
    expect(dockerfile).toContain("EXPOSE 8080");
  });
});
