import fc from "fast-check";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BaseImage, LintPreset } from "../../packages/core/src";
import { supportedGoVersions } from "../../packages/core/src/config/go-releases";
import { synth } from "../../packages/core/test/util";
import { run } from "../helpers/project";
import { tool } from "../helpers/tools";

// Generated configs through the real validators: what the fixed variants in
// validators.test.ts cover, but for combinations nobody wrote down.
const platformIds = ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386", "darwin/arm64", "windows/amd64"];
const config = fc
  .record({
    goVersion: fc.constantFrom(...supportedGoVersions()),
    port: fc.integer({ min: 1, max: 65535 }),
    binaryName: fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/),
    baseImage: fc.constantFrom(...Object.values(BaseImage)),
    cgo: fc.boolean(),
    platforms: fc.uniqueArray(fc.constantFrom(...platformIds), { minLength: 1, maxLength: 4 }),
    upx: fc.boolean(),
    copySources: fc.boolean(),
    dockerTestStage: fc.boolean(),
    explainComments: fc.boolean(),
    goPrivate: fc.constantFrom([], ["github.com/acme/*"]),
    goreleaser: fc.boolean(),
    pushImages: fc.boolean(),
    lintPreset: fc.constantFrom(...Object.values(LintPreset)),
  })
  .map((o) => ({ ...o, baseImage: o.cgo ? BaseImage.DISTROLESS_BASE : o.baseImage, platforms: o.cgo ? o.platforms.filter((p) => p.startsWith("linux/")) : o.platforms }))
  .filter((o) => o.platforms.some((p) => p.startsWith("linux/")));

describe("generated configs pass hadolint, actionlint, zizmor and the golangci-lint schema", () => {
  const hadolint = tool("hadolint");
  const actionlint = tool("actionlint");
  const zizmor = tool("zizmor");
  const golangci = tool("golangci-lint");
  it.skipIf(!hadolint || !actionlint || !zizmor || !golangci)("for 25 generated configs", () => {
    fc.assert(
      fc.property(config, (o) => {
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
