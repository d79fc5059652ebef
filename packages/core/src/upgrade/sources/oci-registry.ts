// Digests and tags of base images from their registries, through the OCI distribution API
// (https://github.com/opencontainers/distribution-spec/blob/main/spec.md): HEAD on a manifest
// for its digest, GET on the tags list. Read-only and anonymous: public images only, with the
// bearer token a registry hands to anyone (Docker Hub, gcr.io, ghcr.io all work so).
import { createHash } from "node:crypto";
import { DEFAULT_TIMEOUT_MS, NotFoundError, SourceConfigError, SourceUnreachableError, displayUrl } from "./errors.js";
import { fetchFailure, firstLine } from "./http.js";

const KIND = "container registry";
/** Docker Hub's name in references, and where its API lives. */
const DOCKER_HUB = "docker.io";
const DOCKER_HUB_API = "https://registry-1.docker.io";
/** Mirrors as "prefix=URL,prefix=URL": registries.conf's [[registry.mirror]] in one variable. */
export const REGISTRY_MIRRORS_ENV = "GOSYNTH_REGISTRY_MIRRORS";

/**
 * What a HEAD on a manifest accepts: a multi-platform index first (the digest a
 * FROM pins so every platform resolves), single-platform manifests for images
 * that have no index. Without an Accept, registries answer with a Docker v2
 * manifest converted for old clients, whose digest is not the index's.
 */
const MANIFEST_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Tags asked per page of the tags list, and pages followed at most. */
const PAGE_SIZE = 1000;
const MAX_PAGES = 100;

/** An image reference split into its parts, Docker Hub's short names spelled out. */
export interface ImageName {
  /** "docker.io", "gcr.io", "localhost:5000". */
  readonly registry: string;
  /** "library/golang", "distroless/static-debian13". */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * "golang:1.27.4-trixie" -> docker.io/library/golang:1.27.4-trixie, as docker
 * reads names: the first part is a registry when it has a "." or ":" or is
 * localhost; Docker Hub's official images live under library/.
 */
export function parseImageReference(reference: string): ImageName {
  const m = /^([^@]+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(reference.trim());
  const path = m?.[1] ?? "";
  if (!m || !/^[a-z0-9]+(?:[._-]+[a-z0-9]+|[.:][0-9a-z]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) {
    throw new TypeError(`not an image reference: ${JSON.stringify(reference)} (expected e.g. "docker.io/library/golang:1.27.4-trixie")`);
  }
  const parts = path.split("/");
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  let registry = hasRegistry ? first : DOCKER_HUB;
  if (registry === "index.docker.io" || registry === "registry-1.docker.io") registry = DOCKER_HUB;
  let repository = (hasRegistry ? parts.slice(1) : parts).join("/");
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;
  return { registry, repository, ...(m[2] ? { tag: m[2] } : {}), ...(m[3] ? { digest: m[3] } : {}) };
}

/** One mirror: names under `prefix` ("docker.io", "gcr.io/distroless") are read at `location` instead. */
export interface RegistryMirror {
  readonly prefix: string;
  /** Base URL with scheme and an optional path that replaces the prefix: "http://127.0.0.1:5000", "https://mirror.example.com/hub". */
  readonly location: string;
}

/**
 * GOSYNTH_REGISTRY_MIRRORS, "docker.io=http://127.0.0.1:5000,gcr.io=https://mirror.example.com/gcr":
 * the prefix-to-location map of containers' registries.conf. A location without a scheme is
 * https; http:// is for an insecure (plain HTTP) mirror, as `insecure = true` there.
 */
export function parseRegistryMirrors(value: string): RegistryMirror[] {
  const mirrors: RegistryMirror[] = [];
  for (const entry of value.split(/[,\s]+/).filter(Boolean)) {
    const eq = entry.indexOf("=");
    const prefix = eq > 0 ? entry.slice(0, eq).replace(/\/+$/, "") : "";
    const raw = eq > 0 ? entry.slice(eq + 1).replace(/\/+$/, "") : "";
    const location = /^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`;
    let url: URL | undefined;
    try {
      url = new URL(location);
    } catch {
      url = undefined;
    }
    if (!prefix || !raw || !url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw new SourceConfigError(`${REGISTRY_MIRRORS_ENV}=${displayUrl(value)}`, `"${displayUrl(entry)}" is not prefix=URL (e.g. docker.io=http://127.0.0.1:5000)`);
    }
    mirrors.push({ prefix: prefix === "index.docker.io" || prefix === "registry-1.docker.io" ? DOCKER_HUB : prefix, location });
  }
  return mirrors;
}

/** Where the API of an image lives: its base URL, the repository there, and how errors name it. */
export interface RegistryEndpoint {
  /** "https://registry-1.docker.io", "http://127.0.0.1:5000". */
  readonly url: string;
  /** The repository at that URL ("library/golang"; a mirror's path goes in front). */
  readonly repository: string;
  /** "https://gcr.io", "http://127.0.0.1:5000 (mirror of docker.io)". */
  readonly location: string;
}

/** The mirror whose prefix is the longest one the name starts with (at a "/" boundary), else the registry itself. */
export function registryEndpoint(name: ImageName, mirrors: readonly RegistryMirror[] = []): RegistryEndpoint {
  const full = `${name.registry}/${name.repository}`;
  const mirror = mirrors
    .filter((m) => full === m.prefix || full.startsWith(`${m.prefix}/`))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (mirror) {
    const url = new URL(mirror.location);
    const rest = full.slice(mirror.prefix.length).replace(/^\//, "");
    const repository = [url.pathname.replace(/^\/+|\/+$/g, ""), rest].filter(Boolean).join("/");
    return { url: url.origin, repository, location: `${displayUrl(mirror.location)} (mirror of ${mirror.prefix})` };
  }
  const url = name.registry === DOCKER_HUB ? DOCKER_HUB_API : `${name.registry.startsWith("localhost") ? "http" : "https"}://${name.registry}`;
  return { url, repository: name.repository, location: url };
}

export interface OciRegistryOptions {
  /** Mirrors as GOSYNTH_REGISTRY_MIRRORS spells them (default: that variable of env). */
  readonly mirrors?: string;
  /** The environment read for GOSYNTH_REGISTRY_MIRRORS (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Per request, default 20 s. */
  readonly timeoutMs?: number;
}

/** The registry answered, and will not let an anonymous client read the repository. */
export class RegistryDeniedError extends Error {
  override readonly name = "RegistryDeniedError";
  /** e.g. "container registry https://registry-1.docker.io". */
  readonly source: string;
  /** What was asked, e.g. "docker.io/library/golang:1.27.4-trixie". */
  readonly what: string;
  readonly reason: string;

  constructor(location: string, what: string, reason: string) {
    super(`the ${KIND} at ${location} denied anonymous access to ${what}: ${reason}`);
    this.source = `${KIND} ${location}`;
    this.what = what;
    this.reason = reason;
  }
}

/**
 * The digest `name:tag` points at: for a multi-platform image, its index's
 * digest. Read from the Docker-Content-Digest header of a HEAD (which Docker
 * Hub does not count against its pull limit), else hashed from the manifest a GET serves.
 * NotFoundError when the registry has no such repository or tag;
 * RegistryDeniedError when it wants credentials; SourceUnreachableError otherwise.
 */
export async function imageDigest(reference: string, opts: OciRegistryOptions = {}): Promise<string> {
  const name = parseImageReference(reference);
  if (!name.tag) throw new TypeError(`${reference} has no tag: a digest is read for name:tag`);
  const what = `${name.registry}/${name.repository}:${name.tag}`;
  const session = new RegistrySession(registryEndpoint(name, mirrorsOf(opts)), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const path = `manifests/${encodeURIComponent(name.tag)}`;
  const head = await session.request("HEAD", path, MANIFEST_TYPES, what);
  const header = head.status === 200 ? head.headers.get("docker-content-digest")?.trim() : undefined;
  if (header && DIGEST.test(header)) return header;
  // A failed HEAD has no body to say why, and the header is optional: the manifest itself,
  // whose sha256 is the image's digest.
  const get = await session.request("GET", path, MANIFEST_TYPES, what);
  session.check(get, what);
  return `sha256:${createHash("sha256").update(get.body).digest("hex")}`;
}

/** Every tag of a repository ("docker.io/library/alpine"; a tag or digest given is ignored), following the pages the registry links. */
export async function imageTags(repository: string, opts: OciRegistryOptions = {}): Promise<string[]> {
  const name = parseImageReference(repository);
  const what = `the tags of ${name.registry}/${name.repository}`;
  const endpoint = registryEndpoint(name, mirrorsOf(opts));
  const session = new RegistrySession(endpoint, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const tags: string[] = [];
  const seen = new Set<string>();
  let next: string | undefined = `tags/list?n=${PAGE_SIZE}`;
  while (next && !seen.has(next) && seen.size < MAX_PAGES) {
    seen.add(next);
    const answer = await session.request("GET", next, "application/json", what);
    session.check(answer, what);
    let list: { tags?: unknown };
    try {
      list = JSON.parse(answer.body.toString("utf-8")) as typeof list;
    } catch {
      throw new SourceUnreachableError(KIND, endpoint.location, `the tags list of ${name.repository} is not JSON`);
    }
    // A repository without tags answers "tags": null.
    if (list.tags !== null && list.tags !== undefined && !Array.isArray(list.tags)) {
      throw new SourceUnreachableError(KIND, endpoint.location, `the tags list of ${name.repository} has no "tags" array`);
    }
    tags.push(...((list.tags ?? []) as unknown[]).filter((t): t is string => typeof t === "string"));
    next = nextPage(answer.headers.get("link"), session.endpoint);
  }
  return tags;
}

function mirrorsOf(opts: OciRegistryOptions): RegistryMirror[] {
  const value = opts.mirrors ?? (opts.env ?? process.env)[REGISTRY_MIRRORS_ENV] ?? "";
  return value.trim() ? parseRegistryMirrors(value) : [];
}

/** `Link: </v2/library/alpine/tags/list?last=3.9&n=1000>; rel="next"` -> the path after /v2/<repository>/. */
function nextPage(link: string | null, endpoint: RegistryEndpoint): string | undefined {
  const target = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
  if (!target) return undefined;
  const url = new URL(target, endpoint.url);
  const prefix = `/v2/${endpoint.repository}/`;
  return url.pathname.startsWith(prefix) ? `${url.pathname.slice(prefix.length)}${url.search}` : undefined;
}

interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: Buffer;
}

/** The parameters of a `WWW-Authenticate: Bearer realm="...",service="...",scope="..."` challenge. */
export function parseBearerChallenge(header: string): { realm: string; service?: string; scope?: string } | undefined {
  const m = /^\s*Bearer\s+(.*)$/i.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[1]!.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[p[1]!.toLowerCase()] = p[2] ?? p[3] ?? "";
  if (!params.realm) return undefined;
  return { realm: params.realm, ...(params.service ? { service: params.service } : {}), ...(params.scope ? { scope: params.scope } : {}) };
}

/** Requests to one repository of one registry, with the anonymous token it hands out once asked. */
class RegistrySession {
  private token?: string;

  constructor(
    readonly endpoint: RegistryEndpoint,
    private readonly timeoutMs: number,
  ) {}

  /** A request under /v2/<repository>/; a 401 with a Bearer challenge is answered once with a token. */
  async request(method: "GET" | "HEAD", path: string, accept: string, what: string): Promise<Answer> {
    const url = `${this.endpoint.url}/v2/${this.endpoint.repository}/${path}`;
    let answer = await this.fetch(url, method, accept);
    if (answer.status === 401 && this.token === undefined) {
      const header = answer.headers.get("www-authenticate") ?? "";
      const challenge = parseBearerChallenge(header);
      if (!challenge) {
        const scheme = header.split(/\s/, 1)[0] || "no WWW-Authenticate";
        throw new RegistryDeniedError(this.endpoint.location, what, `it asks for credentials (${scheme}); gosynth reads public images anonymously`);
      }
      this.token = await this.anonymousToken(challenge, what);
      answer = await this.fetch(url, method, accept);
    }
    return answer;
  }

  /** Success, else the error that says what failed. */
  check(answer: Answer, what: string): void {
    if (answer.status >= 200 && answer.status < 300) return;
    const said = registryErrors(answer);
    if (answer.status === 404) {
      throw new NotFoundError(what, [`${KIND} ${this.endpoint.location}`], said ? [`the registry says: ${said}`] : []);
    }
    if (answer.status === 401 || answer.status === 403) {
      // Docker Hub answers so for a repository that does not exist, too.
      throw new RegistryDeniedError(this.endpoint.location, what, `HTTP ${answer.status}${said ? ` (${said})` : ""}; a registry answers so for a private or missing repository`);
    }
    throw new SourceUnreachableError(KIND, this.endpoint.location, `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""}${said ? ` (${said})` : ""} for ${what}`);
  }

  private async anonymousToken(challenge: { realm: string; service?: string; scope?: string }, what: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(challenge.realm);
    } catch {
      throw new SourceUnreachableError(KIND, this.endpoint.location, `its token realm ${JSON.stringify(challenge.realm)} is not a URL`);
    }
    if (challenge.service) url.searchParams.set("service", challenge.service);
    url.searchParams.set("scope", challenge.scope ?? `repository:${this.endpoint.repository}:pull`);
    const location = `${this.endpoint.location}, token service ${url.origin}${url.pathname}`;
    const answer = await this.fetch(url.href, "GET", "application/json", location);
    if (answer.status === 401 || answer.status === 403) throw new RegistryDeniedError(location, what, `no anonymous token (HTTP ${answer.status})`);
    if (answer.status !== 200) throw new SourceUnreachableError(KIND, location, `HTTP ${answer.status} for a token`);
    let doc: { token?: unknown; access_token?: unknown };
    try {
      doc = JSON.parse(answer.body.toString("utf-8")) as typeof doc;
    } catch {
      throw new SourceUnreachableError(KIND, location, "the token answer is not JSON");
    }
    const token = typeof doc.token === "string" && doc.token ? doc.token : doc.access_token;
    if (typeof token !== "string" || !token) throw new SourceUnreachableError(KIND, location, "the token answer has no token");
    return token;
  }

  private async fetch(url: string, method: "GET" | "HEAD", accept: string, location = this.endpoint.location): Promise<Answer> {
    const headers: Record<string, string> = { accept };
    // The token is for the registry only, never for the token service.
    if (this.token && url.startsWith(`${this.endpoint.url}/`)) headers.authorization = `Bearer ${this.token}`;
    try {
      // The signal covers the body too: a registry that stalls mid-answer times out as well.
      const res = await fetch(url, { method, headers, signal: AbortSignal.timeout(this.timeoutMs), redirect: "follow" });
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, statusText: res.statusText, headers: res.headers, body };
    } catch (err) {
      throw new SourceUnreachableError(KIND, location, fetchFailure(err, this.timeoutMs), { cause: err });
    }
  }
}

/** The registry's own words: `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"..."}]}`, else its first line. */
function registryErrors(answer: Answer): string {
  const text = answer.body.toString("utf-8");
  try {
    const doc = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] };
    const said = (doc.errors ?? []).map((e) => [e.code, e.message].filter((x) => typeof x === "string" && x).join(": ")).filter(Boolean);
    if (said.length) return said.join("; ");
  } catch {
    // not JSON
  }
  return firstLine(text);
}
