// The one version ordering of gosynth: semantic versions as the Go module proxy and git tags
// spell them ("v1.2.3", "v2.0.0-rc.1", "v2.0.0+incompatible"), and the shorter spellings of Go
// ("1.25", "go1.26rc1") and of tools ("2.15"), parsed and ordered here, to need no dependency.

export interface Semver {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Dot-separated prerelease identifiers; empty for a release. */
  readonly prerelease: readonly string[];
  /** Build metadata ("incompatible" for Go's +incompatible); ignored by the ordering. */
  readonly build: string;
  readonly raw: string;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** A full x.y.z version (optional "v", prerelease, build), or undefined for anything else. */
export function parseSemver(text: string): Semver | undefined {
  const m = SEMVER.exec(text.trim());
  if (!m) return undefined;
  const prerelease = m[4] ? m[4].split(".") : [];
  // semver 2.0: numeric identifiers have no leading zeros.
  if (prerelease.some((id) => /^0\d+$/.test(id))) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease, build: m[5] ?? "", raw: text.trim() };
}

/** Semver 2.0 precedence: <0, 0, >0. Build metadata does not count. */
export function compareSemver(a: Semver, b: Semver): number {
  for (const k of ["major", "minor", "patch"] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  // A release ranks above its prereleases.
  if (!a.prerelease.length || !b.prerelease.length) return Math.sign(b.prerelease.length - a.prerelease.length);
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const c = compareIdentifier(a.prerelease[i]!, b.prerelease[i]!);
    if (c) return c;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

const LOOSE = /^(?:go|v)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-?((?:alpha|beta|rc|pre)[0-9A-Za-z.-]*|[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z.-]+))?$/;

/** A version in any spelling gosynth meets: missing minor/patch count as 0, "go1.26rc1" is 1.26.0-rc1. */
export function parseVersion(text: string): Semver | undefined {
  const m = LOOSE.exec(text.trim());
  if (!m) return undefined;
  const core = `${Number(m[1])}.${Number(m[2] ?? 0)}.${Number(m[3] ?? 0)}`;
  return parseSemver(`${core}${m[4] ? `-${m[4]}` : ""}${m[5] ? `+${m[5]}` : ""}`);
}

/** The ordering of two versions in any spelling (see parseVersion); an unparsable one sorts below every valid one. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0;
  return compareSemver(pa, pb);
}

// Numeric identifiers compare as numbers and rank below alphanumeric ones.
function compareIdentifier(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Math.sign(Number(a) - Number(b));
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The greatest of the versions, or undefined when there are none. */
export function maxSemver<T extends Semver>(versions: Iterable<T>): T | undefined {
  let best: T | undefined;
  for (const v of versions) if (!best || compareSemver(v, best) > 0) best = v;
  return best;
}

/** "v2", "2", 2 -> 2: a major version as the options accept it. */
export function parseMajor(major: string | number): number {
  const m = /^v?(\d+)$/.exec(String(major).trim());
  if (!m) throw new TypeError(`not a major version: ${JSON.stringify(major)} (expected e.g. "v1" or 1)`);
  return Number(m[1]);
}
