/**
 * Newest patch release of each Go minor version that gosynth knows, so "1.26"
 * in go.mod can become an exact builder image tag (exact tags keep builds
 * reproducible). Update with each Go patch release.
 */
export const KNOWN_GO_PATCHES: Readonly<Record<string, string>> = {
  "1.27": "1.27.4",
  "1.26": "1.26.11",
  "1.25": "1.25.14",
  "1.24": "1.24.13",
};

/** The Go release new projects start on: the toolchain our tests run. */
export const DEFAULT_GO_VERSION = "1.26";

/**
 * The newest Go the pinned golangci-lint can lint: it refuses modules that
 * target a Go newer than the one it was built with (v2.15.0: Go 1.26).
 * Raise together with golangciLint in tool-versions.json.
 */
export const MAXIMUM_GO_MINOR = 26;

/** Go versions a project may use: known, and within what the pinned tools support. */
export function supportedGoVersions(): string[] {
  return Object.entries(KNOWN_GO_PATCHES)
    .filter(([minor]) => Number(minor.split(".")[1]) <= MAXIMUM_GO_MINOR)
    .flatMap(([minor, patch]) => [minor, patch]);
}

/** The oldest Go the starter code builds with (ServeMux patterns, t.Context in tests). */
export const MINIMUM_GO_MINOR = 24;

/** GOOS/GOARCH pairs that `go tool dist list` knows and that services are built for. */
export const KNOWN_PLATFORMS: ReadonlySet<string> = new Set([
  "linux/amd64",
  "linux/arm64",
  "linux/arm",
  "linux/386",
  "linux/ppc64le",
  "linux/s390x",
  "linux/riscv64",
  "linux/loong64",
  "darwin/amd64",
  "darwin/arm64",
  "windows/amd64",
  "windows/arm64",
  "freebsd/amd64",
  "freebsd/arm64",
]);
