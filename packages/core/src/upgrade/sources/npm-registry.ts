// The newest version of an npm package (e.g. @gosynth/core, projen) from the registry npm itself would use.
import { NotFoundError, SourceUnreachableError, displayUrl } from "./errors.js";
import { run } from "./exec.js";
import { httpGet, statusReason } from "./http.js";

export const DEFAULT_NPM_REGISTRY = "https://registry.npmjs.org/";
const KIND = "npm registry";

export interface NpmOptions {
  /** The registry to ask; skips the environment and `npm config`. */
  readonly registry?: string;
  /** The environment read for npm_config_* (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** The npm binary asked `npm config get` (default "npm"). */
  readonly npmCommand?: string;
  /** Where `npm config get` runs, so that a project's .npmrc counts (default the current directory). */
  readonly cwd?: string;
  /** Per request (and for `npm config get`), default 20 s. */
  readonly timeoutMs?: number;
}

/**
 * The registry npm would fetch `name` from: opts.registry, else the environment
 * (npm_config_@scope:registry for a scoped name, then npm_config_registry), else
 * `npm config get` (which reads the .npmrc files), else registry.npmjs.org.
 */
export async function resolveNpmRegistry(name: string, opts: NpmOptions = {}): Promise<string> {
  if (opts.registry?.trim()) return opts.registry.trim();
  const env = opts.env ?? process.env;
  const scope = name.startsWith("@") ? name.slice(0, name.indexOf("/")) : undefined;
  // npm reads npm_config_* case-insensitively.
  const fromEnv = (key: string) =>
    Object.entries(env).find(([k, v]) => k.toLowerCase() === `npm_config_${key}`.toLowerCase() && v?.trim())?.[1]?.trim();
  const scoped = scope ? fromEnv(`${scope}:registry`) : undefined;
  if (scoped) return scoped;
  if (!scope) {
    const plain = fromEnv("registry");
    if (plain) return plain;
  }
  try {
    // With two keys npm prints "key=value" lines; with one, the bare value ("undefined" when unset).
    const keys = scope ? [`${scope}:registry`, "registry"] : ["registry"];
    const { stdout } = await run(opts.npmCommand ?? "npm", ["config", "get", ...keys], { env, cwd: opts.cwd, timeoutMs: opts.timeoutMs });
    const values = stdout
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => (scope ? l.slice(l.indexOf("=") + 1) : l))
      .filter((v) => v && v !== "undefined" && v !== "null");
    if (values[0]) return values[0];
  } catch {
    // npm missing or failing: fall back to the public registry, as a fresh npm would.
  }
  return scope ? (fromEnv("registry") ?? DEFAULT_NPM_REGISTRY) : DEFAULT_NPM_REGISTRY;
}

/** "@gosynth/core" -> "@gosynth%2fcore": the registry's document path, as npm requests it. */
export function npmDocumentPath(name: string): string {
  const m = /^(?:@([^/\s@]+)\/)?([^/\s@][^/\s]*)$/.exec(name);
  if (!m) throw new TypeError(`invalid npm package name ${JSON.stringify(name)}`);
  return m[1] ? `@${encodeURIComponent(m[1])}%2f${encodeURIComponent(m[2]!)}` : encodeURIComponent(m[2]!);
}

/** dist-tags.latest of a package: what `npm install name` would pick. */
export async function newestNpmVersion(name: string, opts: NpmOptions = {}): Promise<string> {
  const path = npmDocumentPath(name);
  const registry = await resolveNpmRegistry(name, opts);
  const url = `${registry.endsWith("/") ? registry : `${registry}/`}${path}`;
  // The abbreviated document ("corgi") has dist-tags and is far smaller than the full one.
  const answer = await httpGet(url, {
    kind: KIND,
    location: registry,
    timeoutMs: opts.timeoutMs,
    headers: { accept: "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8" },
  });
  const source = `${KIND} ${displayUrl(registry)}`;
  if (answer.status === 404) throw new NotFoundError(`npm package ${name}`, [source]);
  if (answer.status !== 200) throw new SourceUnreachableError(KIND, registry, statusReason(answer));
  let doc: { "dist-tags"?: { latest?: unknown } };
  try {
    doc = JSON.parse(answer.body) as typeof doc;
  } catch {
    throw new SourceUnreachableError(KIND, registry, `the answer for ${name} is not JSON`);
  }
  const latest = doc?.["dist-tags"]?.latest;
  // An unpublished package keeps a document without dist-tags.
  if (typeof latest !== "string" || !latest) throw new NotFoundError(`a published version of npm package ${name}`, [source], ["no dist-tags.latest"]);
  return latest;
}
