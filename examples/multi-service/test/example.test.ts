import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildService, synthExample, validateService } from "../../../test/helpers/example";

describe("examples/multi-service", () => {
  const root = synthExample("multi-service");
  const services = ["api", "worker"].map((s) => join(root, "services", s));
  it("each service gets its own files, with the shared settings", () => {
    for (const dir of services) {
      for (const f of ["Dockerfile", "Makefile", ".golangci.yml", ".goreleaser.yaml", "go.mod"]) expect(existsSync(join(dir, f)), f).toBe(true);
      expect(parse(readFileSync(join(dir, ".golangci.yml"), "utf-8")).linters.enable).toContain("paralleltest");
    }
    expect(readFileSync(join(services[0], "Dockerfile"), "utf-8")).toContain("EXPOSE 8080");
    expect(readFileSync(join(services[1], "Dockerfile"), "utf-8")).toContain("EXPOSE 9090");
    expect(readFileSync(join(services[1], "Dockerfile"), "utf-8")).toContain("FROM scratch AS runtime");
  });
  it.each(["api", "worker"])("%s passes the validators and builds", (name, ctx) => {
    const dir = join(root, "services", name);
    validateService(dir, ctx);
    buildService(dir, ctx);
  });
});
