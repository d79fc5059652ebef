import fc from "fast-check";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validOptions } from "../../packages/core/test/arbitraries";
import { synth } from "../../packages/core/test/util";
import { run } from "../helpers/project";
import { tool } from "../helpers/tools";

// Generated configs through the real validators: what the fixed variants in
// validators.test.ts cover, but for combinations nobody wrote down.
describe("generated configs pass hadolint, actionlint, zizmor and the golangci-lint schema", () => {
  const hadolint = tool("hadolint");
  const actionlint = tool("actionlint");
  const zizmor = tool("zizmor");
  const golangci = tool("golangci-lint");
  it.skipIf(!hadolint || !actionlint || !zizmor || !golangci)("for 25 generated configs", () => {
    fc.assert(
      fc.property(validOptions.map((o) => ({ ...o, ci: true })), (o) => {
        const { dir } = synth(o);
        const dockerfiles = ["Dockerfile", ...(o.goreleaser ? ["goreleaser.Dockerfile"] : [])];
        const h = run(hadolint!, dockerfiles, dir);
        expect(h.stdout + h.stderr, JSON.stringify(o)).toBe("");
        const workflows = readdirSync(join(dir, ".github/workflows")).map((f) => join(".github/workflows", f));
        expect(run(actionlint!, ["-no-color", ...workflows], dir).stdout, JSON.stringify(o)).toBe("");
        const z = run(zizmor!, ["--offline", "--no-progress", ".github/workflows"], dir);
        expect(z.status, z.stdout).toBe(0);
        const g = run(golangci!, ["config", "verify"], dir);
        expect(g.status, g.stdout + g.stderr).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});
