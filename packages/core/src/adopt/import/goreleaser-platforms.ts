/** One `ignore:` entry of a goreleaser build; an absent field matches every value. */
export interface BuildIgnore {
  readonly goos?: string;
  readonly goarch?: string;
  readonly goarm?: string;
  readonly goamd64?: string;
}

export interface TargetMatrix {
  readonly goos: readonly string[];
  readonly goarch: readonly string[];
  readonly goarm: readonly string[];
  readonly goamd64: readonly string[];
  readonly ignore: readonly BuildIgnore[];
}

export interface MatrixPlatforms {
  /** "os/arch", "linux/arm/v7", "linux/amd64/v3" (GOAMD64 other than v1), in goreleaser's order. */
  readonly platforms: string[];
  /** Combinations not ignored that goreleaser skips, being no Go port it builds: "darwin/386". */
  readonly skipped: string[];
  /** Combinations it builds with an error logged, e.g. "windows/arm" (broken since Go 1.24). */
  readonly broken: string[];
}

// goreleaser's own list of the GOOS/GOARCH pairs it builds (internal/builders/golang/targets.go);
// it drops every other pair of the matrix without a word.
const VALID_PAIRS = new Set([
  "aix/ppc64", "android/386", "android/amd64", "android/arm", "android/arm64", "darwin/amd64", "darwin/arm64",
  "dragonfly/amd64", "freebsd/386", "freebsd/amd64", "freebsd/arm", "freebsd/arm64", "illumos/amd64", "ios/arm64",
  "js/wasm", "wasip1/wasm", "linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/ppc64", "linux/ppc64le",
  "linux/mips", "linux/mipsle", "linux/mips64", "linux/mips64le", "linux/s390x", "linux/riscv64", "linux/loong64",
  "netbsd/386", "netbsd/amd64", "netbsd/arm", "netbsd/arm64", "openbsd/386", "openbsd/amd64", "openbsd/arm",
  "openbsd/arm64", "plan9/386", "plan9/amd64", "plan9/arm", "solaris/amd64", "solaris/sparc", "solaris/sparc64",
  "windows/arm64", "windows/386", "windows/amd64", "openbsd/riscv64",
]);
const BROKEN_PAIRS = new Set(["windows/arm"]);

// `targets: [go_first_class]`: Go's first-class ports as goreleaser lists them.
const FIRST_CLASS = ["darwin_amd64", "darwin_arm64", "linux_386", "linux_amd64", "linux_arm", "linux_arm64", "windows_386", "windows_amd64"];
const FIRST_CLASS_NAMES = new Set(["go_first_class", "go_118_first_class"]);

function platformName(goos: string, goarch: string, variant: string | undefined): string {
  if (goarch === "arm" && variant) return `${goos}/arm/v${variant}`;
  if (goarch === "amd64" && variant && variant !== "v1") return `${goos}/amd64/${variant}`;
  return `${goos}/${goarch}`;
}

function isIgnored(ignore: readonly BuildIgnore[], t: { goos: string; goarch: string; goarm?: string; goamd64?: string }): boolean {
  return ignore.some(
    (ig) =>
      (ig.goos === undefined || ig.goos === t.goos) &&
      (ig.goarch === undefined || ig.goarch === t.goarch) &&
      (ig.goarm === undefined || ig.goarm === t.goarm) &&
      (ig.goamd64 === undefined || ig.goamd64 === t.goamd64),
  );
}

/** The platforms of goos x goarch (x goarm for arm, x goamd64 for amd64), as goreleaser lists its targets. */
export function matrixPlatforms(matrix: TargetMatrix): MatrixPlatforms {
  const platforms: string[] = [];
  const skipped: string[] = [];
  const broken: string[] = [];
  for (const goos of matrix.goos) {
    for (const goarch of matrix.goarch) {
      const pair = `${goos}/${goarch}`;
      const variants = goarch === "arm" ? matrix.goarm : goarch === "amd64" ? matrix.goamd64 : [undefined];
      for (const variant of variants) {
        const target = { goos, goarch, goarm: goarch === "arm" ? variant : undefined, goamd64: goarch === "amd64" ? variant : undefined };
        const name = platformName(goos, goarch, variant);
        if (isIgnored(matrix.ignore, target)) continue;
        if (!VALID_PAIRS.has(pair) && !BROKEN_PAIRS.has(pair)) {
          if (!skipped.includes(pair)) skipped.push(pair);
          continue;
        }
        if (BROKEN_PAIRS.has(pair)) broken.push(name);
        platforms.push(name);
      }
    }
  }
  return { platforms, skipped, broken };
}

/** The platforms of an explicit `targets:` list ("linux_amd64_v1", "linux_arm_7", "go_first_class"). */
export function targetPlatforms(targets: readonly string[]): string[] {
  const expanded = targets.flatMap((t) => (FIRST_CLASS_NAMES.has(t) ? FIRST_CLASS : [t]));
  const platforms = expanded.map((t) => {
    const [goos, goarch, variant] = t.split("_");
    // goreleaser completes a bare "_arm" with GOARM 6.
    return platformName(goos, goarch ?? "", goarch === "arm" ? variant ?? "6" : variant);
  });
  return [...new Set(platforms)];
}
