// Versions from the Go module proxies, found the way the go command finds them: GOPROXY from
// the environment or `go env`, its list walked per the "," and "|" separators
// (https://go.dev/ref/mod#goproxy-protocol). Read-only: only @v/list is ever requested.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NotFoundError, SourceConfigError, SourceUnreachableError, displayUrl } from "./errors.js";
import { run } from "./exec.js";
import { firstLine, httpGet, statusReason } from "./http.js";
import { escapeModulePath } from "./module-path.js";
import { type Semver, compareSemver, maxSemver, parseMajor, parseSemver } from "../../util/versions";

/** The go command's own default. */
export const DEFAULT_GOPROXY = "https://proxy.golang.org,direct";
const KIND = "Go module proxy";

export interface GoProxyOptions {
  /** A GOPROXY value to use as is (neither the environment nor `go env` is read). */
  readonly goproxy?: string;
  /** The environment read for GOPROXY and passed to `go env` (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** The go binary asked `go env GOPROXY` when the environment has none (default "go"). */
  readonly goCommand?: string;
  /** Per request (and for `go env`), default 20 s. */
  readonly timeoutMs?: number;
}

export type ProxyEntry =
  /** fallBackOnError: "|" followed the entry, so any error moves on; after "," only not-found does. */
  | { readonly kind: "proxy"; readonly url: string; readonly fallBackOnError: boolean }
  | { readonly kind: "direct" }
  | { readonly kind: "off" };

/**
 * GOPROXY as the go command sees it: the environment first (an empty value counts as unset, as
 * in go), then `go env GOPROXY` (which also reads the `go env -w` file), then the default.
 * go runs with GOTOOLCHAIN=local so that a go.mod asking for a newer Go never triggers a download.
 */
export async function resolveGoproxy(opts: GoProxyOptions = {}): Promise<string> {
  if (opts.goproxy?.trim()) return opts.goproxy.trim();
  const env = opts.env ?? process.env;
  if (env.GOPROXY?.trim()) return env.GOPROXY.trim();
  try {
    const { stdout } = await run(opts.goCommand ?? "go", ["env", "GOPROXY"], {
      env: { ...env, GOTOOLCHAIN: "local" },
      timeoutMs: opts.timeoutMs,
    });
    if (stdout.trim()) return stdout.trim();
  } catch {
    // No go installed, or a broken go env file: the go command's default is what a fresh go would use.
  }
  return DEFAULT_GOPROXY;
}

/**
 * Splits a GOPROXY value like cmd/go/internal/modfetch does: empty entries are skipped, "off" and
 * "direct" end the list (later entries are ignored), a bare host gets "https://".
 */
export function parseGoproxy(value: string): ProxyEntry[] {
  const entries: ProxyEntry[] = [];
  let rest = value;
  while (rest !== "") {
    const i = rest.search(/[,|]/);
    const raw = (i >= 0 ? rest.slice(0, i) : rest).trim();
    const fallBackOnError = i >= 0 && rest[i] === "|";
    rest = i >= 0 ? rest.slice(i + 1) : "";
    if (raw === "") continue;
    if (raw === "off" || raw === "direct") {
      entries.push({ kind: raw });
      break;
    }
    entries.push({ kind: "proxy", url: proxyUrl(raw, value), fallBackOnError });
  }
  if (!entries.length) throw new SourceConfigError(`GOPROXY=${value}`, "lists no proxy");
  return entries;
}

function proxyUrl(raw: string, value: string): string {
  // As in go: something host-like without a scheme ("goproxy.io") means https; an absolute path does not.
  const url = /[.:/]/.test(raw) && !raw.includes(":/") && !raw.startsWith("/") ? `https://${raw}` : raw;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceConfigError(`GOPROXY=${displayUrl(value)}`, `entry "${displayUrl(raw)}" is not a URL (expected https://, http://, file://, "direct" or "off")`);
  }
  if (!["https:", "http:", "file:"].includes(parsed.protocol)) {
    throw new SourceConfigError(`GOPROXY=${displayUrl(value)}`, `entry "${displayUrl(raw)}": unsupported scheme ${parsed.protocol} (expected https://, http:// or file://)`);
  }
  if (parsed.protocol === "file:") {
    try {
      fileURLToPath(parsed);
    } catch (err) {
      throw new SourceConfigError(`GOPROXY=${displayUrl(value)}`, `entry "${displayUrl(raw)}": ${(err as Error).message}`);
    }
  }
  return url.replace(/\/+$/, "");
}

/** Where a list came from, for messages: "Go module proxy https://proxy.golang.org". */
interface Listing {
  readonly versions: string[];
  readonly source: string;
}

type Attempt = { readonly versions: string[] } | { readonly notFound: string } | { readonly error: SourceUnreachableError };

/**
 * The versions a module's @v/list names (first field of each non-empty line, as go reads it),
 * from the first proxy that has the module. Throws NotFoundError when every proxy tried answered
 * "not found" (404/410, or no such file), SourceUnreachableError when the walk stopped on an error
 * (the last such error, as go reports), SourceConfigError for GOPROXY=off or a list of only "direct".
 */
export async function listVersions(module: string, opts: GoProxyOptions = {}): Promise<string[]> {
  return (await listing(module, opts)).versions;
}

async function listing(module: string, opts: GoProxyOptions): Promise<Listing> {
  const escaped = escapeModulePath(module);
  const value = await resolveGoproxy(opts);
  const searched: string[] = [];
  const notes: string[] = [];
  let lastError: SourceUnreachableError | undefined;
  for (const entry of parseGoproxy(value)) {
    if (entry.kind === "off") {
      if (lastError) throw lastError;
      throw new SourceConfigError("GOPROXY=off", `module lookup disabled (looking up ${module}${searched.length ? `; not found on ${searched.join(", ")}` : ""})`);
    }
    if (entry.kind === "direct") {
      // go would clone the origin repository here; the upgrade reads proxies only.
      notes.push('GOPROXY entry "direct" skipped: gosynth reads module versions from module proxies only, not from origin repositories');
      break;
    }
    const source = `${KIND} ${displayUrl(entry.url)}`;
    searched.push(source);
    const attempt = await fetchList(entry.url, escaped, opts.timeoutMs);
    if ("versions" in attempt) return { versions: attempt.versions, source };
    if ("notFound" in attempt) {
      if (attempt.notFound) notes.push(`${displayUrl(entry.url)} said: ${attempt.notFound}`);
      continue; // not found moves on after "," and "|" alike
    }
    lastError = attempt.error;
    if (!entry.fallBackOnError) break;
  }
  if (lastError) throw lastError;
  if (!searched.length) {
    throw new SourceConfigError(`GOPROXY=${displayUrl(value)}`, 'lists only "direct"; gosynth reads module versions from a module proxy (e.g. GOPROXY=https://proxy.golang.org,direct)');
  }
  throw new NotFoundError(`module ${module}`, searched, notes);
}

async function fetchList(proxy: string, escaped: string, timeoutMs: number | undefined): Promise<Attempt> {
  if (proxy.startsWith("file:")) {
    // A file:// proxy is a directory laid out like the protocol's URLs.
    const file = join(fileURLToPath(proxy), escaped, "@v", "list");
    try {
      return { versions: listLines(await readFile(file, "utf-8")) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return { notFound: "" };
      return { error: new SourceUnreachableError(KIND, proxy, (err as Error).message, { cause: err }) };
    }
  }
  let answer;
  try {
    answer = await httpGet(`${proxy}/${escaped}/@v/list`, { kind: KIND, location: proxy, timeoutMs });
  } catch (err) {
    if (err instanceof SourceUnreachableError) return { error: err };
    throw err;
  }
  if (answer.status === 200) return { versions: listLines(answer.body) };
  // The protocol: 404 and 410 mean "no such module here"; anything else is a failure of the proxy.
  if (answer.status === 404 || answer.status === 410) return { notFound: firstLine(answer.body) };
  return { error: new SourceUnreachableError(KIND, proxy, statusReason(answer)) };
}

function listLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim().split(/\s+/, 1)[0] ?? "")
    .filter((v) => v !== "");
}

// --- Go toolchains -------------------------------------------------------------------------

/** The module the go command downloads toolchains from (GOTOOLCHAIN): one version per release and platform. */
export const TOOLCHAIN_MODULE = "golang.org/toolchain";

// v0.0.1-go1.27.4.linux-amd64, v0.0.1-go1.26rc1.linux-amd64, and before Go 1.21 v0.0.1-go1.20.linux-amd64.
const TOOLCHAIN_VERSION = /^v0\.0\.1-go(\d+)\.(\d+)(?:\.(\d+))?([a-z]+\d*)?\.[A-Za-z0-9_]+-[A-Za-z0-9_]+$/;

/**
 * The stable Go release of a golang.org/toolchain version, "1.27.4", or undefined for an rc/beta
 * or a line of another shape. Releases before Go 1.21 were named "go1.20" for 1.20.0: the patch defaults to 0.
 */
export function toolchainRelease(version: string): string | undefined {
  const m = TOOLCHAIN_VERSION.exec(version);
  if (!m || m[4]) return undefined;
  return `${m[1]}.${m[2]}.${m[3] ?? "0"}`;
}

/** Every stable Go release the proxy offers a toolchain for, "x.y.z", ascending, once each. */
export async function goReleases(opts: GoProxyOptions = {}): Promise<string[]> {
  return (await releases(opts)).list.map((v) => v.raw);
}

async function releases(opts: GoProxyOptions): Promise<{ list: Semver[]; source: string }> {
  const { versions, source } = await listing(TOOLCHAIN_MODULE, opts);
  const unique = new Set<string>();
  for (const v of versions) {
    const release = toolchainRelease(v);
    if (release) unique.add(release);
  }
  const list = [...unique].map((v) => parseSemver(v)!).sort(compareSemver);
  return { list, source };
}

export interface ToolchainQuery extends GoProxyOptions {
  /** The Go minor the project is on, "1.26" (a full "1.26.3" or "go1.26" is accepted too). */
  readonly minor?: string;
  /** Move to a newer minor: the newest release overall. */
  readonly allowNewMinor?: boolean;
}

/**
 * The newest stable Go patch release, "1.26.11": within `minor` unless allowNewMinor (or no minor)
 * is given, then the newest overall. NotFoundError when the minor has no stable release yet.
 */
export async function newestGoToolchain(opts: ToolchainQuery = {}): Promise<string> {
  let wanted: { major: number; minor: number } | undefined;
  if (opts.minor !== undefined) {
    const m = /^(?:go)?(\d+)\.(\d+)(?:\.\d+)?$/.exec(opts.minor.trim());
    if (!m) throw new TypeError(`not a Go minor version: ${JSON.stringify(opts.minor)} (expected e.g. "1.26")`);
    wanted = { major: Number(m[1]), minor: Number(m[2]) };
  }
  const { list, source } = await releases(opts);
  const candidates = wanted && !opts.allowNewMinor ? list.filter((v) => v.major === wanted.major && v.minor === wanted.minor) : list;
  const newest = candidates.at(-1);
  if (!newest) {
    const what = wanted && !opts.allowNewMinor ? `a stable Go ${wanted.major}.${wanted.minor}.x release` : "a stable Go release";
    throw new NotFoundError(what, [source], [`${TOOLCHAIN_MODULE} lists ${list.length} stable release(s)`]);
  }
  return newest.raw;
}

// --- Go modules (tools pinned with `go tool` / go install) -----------------------------------

export interface ModuleQuery extends GoProxyOptions {
  /** Only this major, "v1" or 1 (for v2+ the major is already in the module path: .../v2). */
  readonly major?: string | number;
}

/**
 * The newest release (no prerelease) of a module, as the proxy lists it: "v2.3.1". A +incompatible
 * version is picked only when there is no other release, much as `go get module@latest` prefers
 * modules with a go.mod. NotFoundError when the module has no release (in that major).
 */
export async function newestModuleVersion(module: string, opts: ModuleQuery = {}): Promise<string> {
  const major = opts.major === undefined ? undefined : parseMajor(opts.major);
  const { versions, source } = await listing(module, opts);
  const releases = versions
    .map((v) => parseSemver(v))
    .filter((v): v is Semver => !!v && v.raw.startsWith("v") && !v.prerelease.length && (major === undefined || v.major === major));
  const compatible = releases.filter((v) => v.build !== "incompatible");
  const newest = maxSemver(compatible.length ? compatible : releases);
  if (!newest) {
    throw new NotFoundError(`a release of module ${module}${major === undefined ? "" : ` in major v${major}`}`, [source], [
      `the proxy lists ${versions.length} version(s), none of them a release${major === undefined ? "" : " of that major"}`,
    ]);
  }
  return newest.raw;
}
