import { Tools } from "../tool-versions";
import { compareVersions } from "../util/versions";

/**
 * Newest patch release of each Go minor version in gosynth's own table (the
 * fallback when a project has no pins): "1.27" -> "1.27.4". `gosynth upgrade`
 * reads the real list from the Go module proxy.
 */
export function knownGoReleases(): Readonly<Record<string, string>> {
  return Tools.table().goReleases;
}

/**
 * The day a Go minor's support ended, when it has: Go supports each minor until
 * the minor two releases newer is out (go.dev/doc/devel/release), so the
 * release date of 1.(N+2) in gosynth's table ends 1.N.
 */
export function goSupportEnded(minor: string): string | undefined {
  const [major, n] = minor.split(".").map(Number);
  return Tools.table().goReleaseDates[`${major}.${n + 2}`];
}

/** "1.27.4" -> "1.27". */
export function goMinor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/** The newest minor in the table: what new projects start on. */
export function newestGoMinor(): string {
  return Object.keys(knownGoReleases()).sort(compareVersions).pop()!;
}

/** The oldest go line of a project with gosynth's starter code (ServeMux patterns, t.Context in tests). */
export const MINIMUM_STARTER_GO_MINOR = 24;
/** The oldest go line gosynth adopts (module mode with a complete go.sum is the norm from Go 1.16 on). */
export const MINIMUM_ADOPTED_GO_MINOR = 16;

/** GOOS/GOARCH pairs of `go tool dist list` (Go 1.26) a release may build for (not wasm or mobile). */
export const KNOWN_PLATFORMS: ReadonlySet<string> = new Set(
  (
    "aix/ppc64 darwin/amd64 darwin/arm64 dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 illumos/amd64 " +
    "linux/386 linux/amd64 linux/arm linux/arm64 linux/loong64 linux/mips linux/mips64 linux/mips64le linux/mipsle linux/ppc64 " +
    "linux/ppc64le linux/riscv64 linux/s390x netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 openbsd/amd64 openbsd/arm " +
    "openbsd/arm64 openbsd/ppc64 openbsd/riscv64 plan9/386 plan9/amd64 plan9/arm solaris/amd64 windows/386 windows/amd64 windows/arm64"
  ).split(" "),
);
