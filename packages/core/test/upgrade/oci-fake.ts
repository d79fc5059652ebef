// A small registry speaking the OCI distribution API the way Docker Hub does: anonymous bearer
// tokens per repository scope, an index for multi-platform tags (only to clients that accept
// one), paginated tags lists with Link headers, and errors in the spec's JSON shape.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { localServer, type LocalServer } from "./helpers";

const INDEX = "application/vnd.oci.image.index.v1+json";
const MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

export interface FakeTag {
  /** The single-platform manifest (what a client that accepts no index gets). */
  readonly manifest: string;
  /** The multi-platform index, when the tag is one. */
  readonly index?: string;
}

export interface FakeRegistryOptions {
  /** "library/golang" -> tag -> manifests. */
  readonly repositories: Record<string, Record<string, FakeTag>>;
  /** How the registry wants to be asked: an anonymous bearer token (Docker Hub), nothing, or credentials. */
  readonly auth?: "bearer" | "none" | "basic";
  /** Whether a manifest answer carries Docker-Content-Digest (optional in the spec). */
  readonly digestHeader?: boolean;
  /** Tags per page when the client asks for more. */
  readonly pageSize?: number;
}

export const sha256 = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;

/** A manifest and an index of two platforms, distinct per name. */
export function fakeTag(name: string, multiPlatform = true): FakeTag {
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST, config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: sha256(`${name} config`), size: 1469 }, layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", digest: sha256(`${name} layer`), size: 2096 }] });
  if (!multiPlatform) return { manifest };
  const platforms = [{ architecture: "amd64", os: "linux" }, { architecture: "arm64", os: "linux", variant: "v8" }];
  const index = JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: platforms.map((platform) => ({ mediaType: MANIFEST, digest: sha256(`${name} ${platform.architecture}`), size: manifest.length, platform })) });
  return { manifest, index };
}

export interface FakeRegistry extends LocalServer {
  /** The Authorization header of every request, in order ("" when none). */
  readonly authorizations: string[];
}

export async function fakeRegistry(options: FakeRegistryOptions): Promise<FakeRegistry> {
  const authorizations: string[] = [];
  let url = "";
  const server = await localServer((req, res) => {
    authorizations.push(req.headers.authorization ?? "");
    answer(req, res, options, url);
  });
  url = server.url;
  return Object.assign(server, { authorizations });
}

function error(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ errors: [{ code, message, detail: null }] }));
}

function answer(req: IncomingMessage, res: ServerResponse, options: FakeRegistryOptions, base: string): void {
  const url = new URL(req.url ?? "/", base);
  if (url.pathname === "/token") {
    const scope = url.searchParams.get("scope") ?? "";
    if (url.searchParams.get("service") !== "registry.test") return error(res, 400, "UNSUPPORTED", "unknown service");
    res.writeHead(200, { "content-type": "application/json" });
    return void res.end(JSON.stringify({ token: `anonymous ${scope}`, expires_in: 300 }));
  }
  const m = /^\/v2\/(.+)\/(manifests|tags)\/(.+)$/.exec(url.pathname);
  if (!m) return error(res, 404, "NOT_FOUND", "no such route");
  const [, repository, kind, rest] = m as unknown as [string, string, string, string];
  const auth = options.auth ?? "bearer";
  if (auth === "basic") return error(res, 401, "UNAUTHORIZED", "authentication required", { "www-authenticate": 'Basic realm="Registry Realm"' });
  if (auth === "bearer" && req.headers.authorization !== `Bearer anonymous repository:${repository}:pull`) {
    const challenge = `Bearer realm="${base}/token",service="registry.test",scope="repository:${repository}:pull"`;
    return error(res, 401, "UNAUTHORIZED", "authentication required", { "www-authenticate": challenge });
  }
  const tags = options.repositories[repository];
  if (!tags) return error(res, 404, "NAME_UNKNOWN", `repository ${repository} not known to registry`);
  if (kind === "tags" && rest === "list") {
    const all = Object.keys(tags).sort();
    const last = url.searchParams.get("last");
    const n = Math.min(Number(url.searchParams.get("n") ?? all.length), options.pageSize ?? all.length);
    const from = last ? all.filter((t) => t > last) : all;
    const page = from.slice(0, n);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (from.length > n) headers.link = `</v2/${repository}/tags/list?last=${encodeURIComponent(page.at(-1)!)}&n=${n}>; rel="next"`;
    res.writeHead(200, headers);
    return void res.end(JSON.stringify({ name: repository, tags: page }));
  }
  const tag = kind === "manifests" ? tags[rest] : undefined;
  if (!tag) return error(res, 404, "MANIFEST_UNKNOWN", `manifest unknown: ${rest}`);
  // As registries do: an index only to a client that says it takes one.
  const index = tag.index && (req.headers.accept ?? "").includes(INDEX);
  const body = index ? tag.index! : tag.manifest;
  const headers: Record<string, string> = { "content-type": index ? INDEX : MANIFEST, "content-length": String(Buffer.byteLength(body)) };
  if (options.digestHeader ?? true) headers["docker-content-digest"] = sha256(body);
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}
