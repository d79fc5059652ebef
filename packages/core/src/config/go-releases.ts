import { Tools } from "../tool-versions";

/**
 * Newest patch release of each Go minor version in gosynth's own table (the
 * fallback when a project has no pins): "1.27" -> "1.27.4". `gosynth upgrade`
 * reads the real list from the Go module proxy.
 */
export function knownGoReleases(): Readonly<Record<string, string>> {
  return Tools.versions().goReleases;
}

/** Compares Go versions numerically: "1.16" < "1.25.0" < "1.25.3" < "1.27". Missing parts count as 0. */
export function compareGoVersions(a: string, b: string): number {
  const pa = a.replace(/^go/, "").split(".").map(Number);
  const pb = b.replace(/^go/, "").split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** "1.27.4" -> "1.27". */
export function goMinor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/** The newest minor in the table: what new projects start on. */
export function newestGoMinor(): string {
  return Object.keys(knownGoReleases()).sort(compareGoVersions).pop()!;
}

/** The oldest go line of a project with gosynth's starter code (ServeMux patterns, t.Context in tests). */
export const MINIMUM_STARTER_GO_MINOR = 24;
/** The oldest go line gosynth adopts (module mode with a complete go.sum is the norm from Go 1.16 on). */
export const MINIMUM_ADOPTED_GO_MINOR = 16;

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
