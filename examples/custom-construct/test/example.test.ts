import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildService, synthExample, validateService } from "../../../test/helpers/example";

describe("examples/custom-construct", () => {
  const dir = synthExample("custom-construct");
  it("the construct adds a Dockerfile stage, a Makefile target and a CI job", () => {
    const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf-8");
    expect(dockerfile).toContain("FROM build AS migrations");
    expect(dockerfile.indexOf("AS migrations")).toBeLessThan(dockerfile.indexOf("AS runtime"));
    expect(dockerfile).toContain("COPY --from=migrations --chown=65532:65532 /out/migrate /usr/local/bin/migrate");
    expect(readFileSync(join(dir, "Makefile"), "utf-8")).toContain("'migrate' 'Apply the database migrations'");
    // Built like the service: the same mounts, env and flags as build.compile.
    const run = (id: string) => dockerfile.split("\n\n").flatMap((b) => b.split(/\n(?=# |RUN |COPY |FROM |ARG )/)).find((b) => b.includes(id === "migrate" ? "-o /out/migrate" : "-o /out/orders"))!;
    const strip = (text: string) => text.replace(/-o \/out\/\S+ \S+$/m, "").replace(/^#.*\n/gm, "");
    expect(strip(run("migrate"))).toBe(strip(run("service")));
    expect(run("migrate")).toContain("./cmd/migrate");
    const ci = parse(readFileSync(join(dir, ".github/workflows/ci.yml"), "utf-8"));
    expect(Object.keys(ci.jobs)).toContain("migrations");
  });
  it("the result still passes the validators", (ctx) => validateService(dir, ctx));
  it("the service and its migrate command build", (ctx) => {
    buildService(dir, ctx);
    expect(existsSync(join(dir, "cmd/migrate/main.go"))).toBe(true);
  });
});
