import fc from "fast-check";
import { BaseImage, DebianRelease, LintPreset } from "../src";
import { knownGoReleases } from "../src/config/go-releases";

const PLATFORM_IDS = ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386", "linux/ppc64le", "darwin/arm64", "windows/amd64", "freebsd/amd64"];

/** Go minors the starter code builds with (1.24 on). */
const STARTER_MINORS = Object.keys(knownGoReleases()).filter((m) => Number(m.split(".")[1]) >= 24);

/** A path element as real modules have them: capitals, dots, digits first, dashes, underscores. */
const element = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}[A-Za-z0-9]$/).filter((e) => !/^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i.test(e));

/** Module paths shaped like real ones: a lower-case domain (or a dotted host only), then elements, maybe a /vN major version. */
export const modulePaths = fc
  .record({
    host: fc.constantFrom("github.com", "gitlab.com", "example.app", "go.acme-corp.io", "miniflux.app"),
    path: fc.array(element, { minLength: 0, maxLength: 3 }),
    major: fc.option(fc.integer({ min: 2, max: 12 }), { nil: undefined }),
  })
  .map(({ host, path, major }) => [host, ...path, ...(major ? [`v${major}`] : [])].join("/"));

/** Binary and project names as real repositories have them: capitals, dots ("api.v2"), digits first. */
export const binaryNames = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);

/**
 * Valid GoServiceProject options, for property tests: cgo only with distroless
 * base and linux targets, always at least one linux platform.
 */
export const validOptions = fc
  .record({
    modulePath: modulePaths,
    goVersion: fc.constantFrom(...STARTER_MINORS, "1.24.2", "1.26.0"),
    port: fc.integer({ min: 1, max: 65535 }),
    binaryName: binaryNames,
    baseImage: fc.constantFrom(...Object.values(BaseImage)),
    debianRelease: fc.constantFrom(...Object.values(DebianRelease)),
    cgo: fc.boolean(),
    platforms: fc.uniqueArray(fc.constantFrom(...PLATFORM_IDS), { minLength: 1, maxLength: 5 }),
    buildTags: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { maxLength: 3 }),
    stripBinary: fc.boolean(),
    upx: fc.boolean(),
    copySources: fc.boolean(),
    dockerTestStage: fc.boolean(),
    explainComments: fc.boolean(),
    vendor: fc.boolean(),
    goPrivate: fc.constantFrom([], ["github.com/acme/*"]),
    goreleaser: fc.boolean(),
    ci: fc.boolean(),
    pushImages: fc.boolean(),
    lintPreset: fc.constantFrom(...Object.values(LintPreset)),
    kubernetes: fc.boolean(),
    kubernetesReplicas: fc.integer({ min: 0, max: 5 }),
  })
  .map((o) => ({
    ...o,
    baseImage: o.cgo ? BaseImage.DISTROLESS_BASE : o.baseImage,
    platforms: o.cgo ? o.platforms.filter((p) => p.startsWith("linux/")) : o.platforms,
  }))
  // At least one platform every base image is published for (images are built for those).
  .filter((o) => o.platforms.some((p) => ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/ppc64le"].includes(p)));
