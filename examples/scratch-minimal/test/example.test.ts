import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildService, synthExample, validateService } from "../../../test/helpers/example";

describe("examples/scratch-minimal", () => {
  const dir = synthExample("scratch-minimal");
  const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
  it("synthesizes files the validators accept", () => validateService(dir));
  it("builds, vets, tests and lints", () => buildService(dir));
  it("has the configuration the example is about", () => {
    expect(dockerfile).toContain("FROM scratch AS runtime");
    expect(dockerfile).not.toContain("AS test");
    expect(dockerfile.split("\n").filter((l) => l.startsWith("#"))).toHaveLength(2);
  });
});
