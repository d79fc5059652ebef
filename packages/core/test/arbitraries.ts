import fc from "fast-check";
import { BaseImage, LintPreset } from "../src";
import { knownGoReleases } from "../src/config/go-releases";

const PLATFORM_IDS = ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386", "linux/ppc64le", "darwin/arm64", "windows/amd64", "freebsd/amd64"];

/**
 * Valid GoServiceProject options, for property tests: cgo only with distroless
 * base and linux targets, always at least one linux platform.
 */
export const validOptions = fc
  .record({
    goVersion: fc.constantFrom(...Object.keys(knownGoReleases()), "1.24.2", "1.26.0"),
    port: fc.integer({ min: 1, max: 65535 }),
    binaryName: fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/),
    baseImage: fc.constantFrom(...Object.values(BaseImage)),
    cgo: fc.boolean(),
    platforms: fc.uniqueArray(fc.constantFrom(...PLATFORM_IDS), { minLength: 1, maxLength: 5 }),
    buildTags: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { maxLength: 3 }),
    stripBinary: fc.boolean(),
    upx: fc.boolean(),
    copySources: fc.boolean(),
    dockerTestStage: fc.boolean(),
    explainComments: fc.boolean(),
    goPrivate: fc.constantFrom([], ["github.com/acme/*"]),
    goreleaser: fc.boolean(),
    ci: fc.boolean(),
    pushImages: fc.boolean(),
    lintPreset: fc.constantFrom(...Object.values(LintPreset)),
  })
  .map((o) => ({
    ...o,
    baseImage: o.cgo ? BaseImage.DISTROLESS_BASE : o.baseImage,
    platforms: o.cgo ? o.platforms.filter((p) => p.startsWith("linux/")) : o.platforms,
  }))
  .filter((o) => o.platforms.some((p) => p.startsWith("linux/")));
