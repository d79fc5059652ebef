import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, SourceConfigError, SourceUnreachableError } from "../../src/upgrade/sources/errors";
import {
  imageDigest,
  imageTags,
  parseBearerChallenge,
  parseImageReference,
  parseRegistryMirrors,
  RegistryDeniedError,
  registryEndpoint,
} from "../../src/upgrade/sources/oci-registry";
import { closedPort, localServer } from "./helpers";
import { fakeRegistry, fakeTag, sha256, type FakeRegistry } from "./oci-fake";

describe("parseImageReference", () => {
  it.each([
    ["golang:1.27.4-trixie", { registry: "docker.io", repository: "library/golang", tag: "1.27.4-trixie" }],
    ["docker.io/library/alpine:3.24.0", { registry: "docker.io", repository: "library/alpine", tag: "3.24.0" }],
    ["index.docker.io/grafana/grafana:12.1.0", { registry: "docker.io", repository: "grafana/grafana", tag: "12.1.0" }],
    ["gcr.io/distroless/static-debian13:nonroot", { registry: "gcr.io", repository: "distroless/static-debian13", tag: "nonroot" }],
    ["localhost:5000/acme/hello", { registry: "localhost:5000", repository: "acme/hello" }],
    [`ghcr.io/acme/hello:v1@sha256:${"a".repeat(64)}`, { registry: "ghcr.io", repository: "acme/hello", tag: "v1", digest: `sha256:${"a".repeat(64)}` }],
  ])("%s", (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected);
  });

  it("refuses what is not a reference", () => {
    expect(() => parseImageReference("Golang:1.27")).toThrow(/not an image reference/);
    expect(() => parseImageReference("golang:1.27 rm -rf")).toThrow(TypeError);
  });
});

describe("registry mirrors (registries.conf's prefix -> location)", () => {
  const mirrors = parseRegistryMirrors("docker.io=http://127.0.0.1:5000, gcr.io/distroless=mirror.example.com/gcr/distroless");

  it("maps Docker Hub to its mirror, keeping library/", () => {
    expect(registryEndpoint(parseImageReference("golang:1.27.4-trixie"), mirrors)).toEqual({
      url: "http://127.0.0.1:5000",
      repository: "library/golang",
      location: "http://127.0.0.1:5000 (mirror of docker.io)",
    });
  });

  it("puts the mirror's path in place of the prefix; an unmirrored name goes to its registry", () => {
    expect(registryEndpoint(parseImageReference("gcr.io/distroless/base-debian13:nonroot"), mirrors)).toMatchObject({
      url: "https://mirror.example.com",
      repository: "gcr/distroless/base-debian13",
    });
    // "gcr.io/distrolessx" is not under the prefix "gcr.io/distroless".
    expect(registryEndpoint(parseImageReference("gcr.io/distrolessx/a:1"), mirrors).url).toBe("https://gcr.io");
    expect(registryEndpoint(parseImageReference("ghcr.io/acme/hello:1"), mirrors)).toEqual({ url: "https://ghcr.io", repository: "acme/hello", location: "https://ghcr.io" });
    expect(registryEndpoint(parseImageReference("alpine:3.24.0")).url).toBe("https://registry-1.docker.io");
  });

  it("the longest prefix wins", () => {
    const both = parseRegistryMirrors("gcr.io=http://127.0.0.1:1,gcr.io/distroless=http://127.0.0.1:2");
    expect(registryEndpoint(parseImageReference("gcr.io/distroless/static-debian13:nonroot"), both).url).toBe("http://127.0.0.1:2");
    expect(registryEndpoint(parseImageReference("gcr.io/other/x:1"), both).url).toBe("http://127.0.0.1:1");
  });

  it("a malformed entry is a configuration error naming the variable", () => {
    expect(() => parseRegistryMirrors("docker.io")).toThrow(SourceConfigError);
    expect(() => parseRegistryMirrors("docker.io=ftp://x")).toThrow(/GOSYNTH_REGISTRY_MIRRORS=docker\.io=ftp:\/\/x: "docker\.io=ftp:\/\/x" is not prefix=URL/);
  });
});

describe("parseBearerChallenge", () => {
  it("reads Docker Hub's challenge", () => {
    expect(parseBearerChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/golang:pull"')).toEqual({
      realm: "https://auth.docker.io/token",
      service: "registry.docker.io",
      scope: "repository:library/golang:pull",
    });
    expect(parseBearerChallenge('Basic realm="Registry Realm"')).toBeUndefined();
  });
});

describe("imageDigest and imageTags against a local registry", () => {
  const golang = fakeTag("golang 1.27.4-trixie");
  const alpineTags = ["3.23.4", "3.24.0", "3.24.3", "3.25.1", "3.25", "3", "latest", "edge", "20250108", "4.0.0"];
  let hub: FakeRegistry;
  let mirrors = "";
  beforeAll(async () => {
    hub = await fakeRegistry({
      repositories: {
        "library/golang": { "1.27.4-trixie": golang },
        "library/alpine": Object.fromEntries(alpineTags.map((t) => [t, fakeTag(`alpine ${t}`)])),
        "distroless/static-debian13": { nonroot: fakeTag("static nonroot", false) },
      },
      pageSize: 3,
    });
    mirrors = `docker.io=${hub.url},gcr.io=${hub.url}`;
  });
  afterAll(() => hub.close());

  it("a multi-platform tag: the index's digest, after an anonymous bearer token for that repository", async () => {
    const digest = await imageDigest("docker.io/library/golang:1.27.4-trixie", { mirrors });
    expect(digest).toBe(sha256(golang.index!));
    expect(digest).not.toBe(sha256(golang.manifest));
    expect(hub.authorizations.slice(-2)).toEqual(["", "Bearer anonymous repository:library/golang:pull"]);
  });

  it("a single-platform tag: the manifest's digest", async () => {
    expect(await imageDigest("gcr.io/distroless/static-debian13:nonroot", { mirrors })).toBe(sha256(fakeTag("static nonroot", false).manifest));
  });

  it("reads the mirrors from GOSYNTH_REGISTRY_MIRRORS", async () => {
    expect(await imageDigest("golang:1.27.4-trixie", { env: { GOSYNTH_REGISTRY_MIRRORS: mirrors } })).toBe(sha256(golang.index!));
  });

  it("every tag, across the pages the registry links", async () => {
    const before = hub.requests.length;
    expect((await imageTags("docker.io/library/alpine", { mirrors })).sort()).toEqual([...alpineTags].sort());
    const pages = hub.requests.slice(before).filter((r) => r.includes("/tags/list"));
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });

  it("a missing tag or repository: NotFoundError naming the image, the registry and what it said", async () => {
    const missingTag = imageDigest("golang:1.99.0-trixie", { mirrors });
    await expect(missingTag).rejects.toThrow(NotFoundError);
    await expect(missingTag).rejects.toThrow(`docker.io/library/golang:1.99.0-trixie not found (searched: container registry ${hub.url} (mirror of docker.io)); the registry says: MANIFEST_UNKNOWN`);
    await expect(imageTags("docker.io/library/nosuch", { mirrors })).rejects.toThrow(/NAME_UNKNOWN/);
  });
});

describe("registries that answer otherwise", () => {
  it("no Docker-Content-Digest header: the sha256 of the manifest served", async () => {
    const tag = fakeTag("plain");
    const registry = await fakeRegistry({ repositories: { "acme/app": { v1: tag } }, auth: "none", digestHeader: false });
    try {
      expect(await imageDigest("docker.io/acme/app:v1", { mirrors: `docker.io=${registry.url}` })).toBe(sha256(tag.index!));
    } finally {
      await registry.close();
    }
  });

  it("credentials asked (Basic): RegistryDeniedError, saying gosynth reads anonymously", async () => {
    const registry = await fakeRegistry({ repositories: {}, auth: "basic" });
    try {
      const digest = imageDigest("gcr.io/acme/private:1", { mirrors: `gcr.io=${registry.url}` });
      await expect(digest).rejects.toThrow(RegistryDeniedError);
      await expect(digest).rejects.toThrow(`the container registry at ${registry.url} (mirror of gcr.io) denied anonymous access to gcr.io/acme/private:1: it asks for credentials (Basic)`);
    } finally {
      await registry.close();
    }
  });

  it("a token refused after it was given (a private repository): denied, not not-found", async () => {
    const server = await localServer((req, res) => {
      if (req.url?.startsWith("/token")) {
        res.writeHead(200, { "content-type": "application/json" }).end('{"token":"t"}');
      } else {
        res.writeHead(401, { "www-authenticate": `Bearer realm="http://${req.headers.host}/token",service="s"`, "content-type": "application/json" });
        res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      }
    });
    try {
      await expect(imageDigest("docker.io/acme/secret:1", { mirrors: `docker.io=${server.url}` })).rejects.toThrow(/denied anonymous access to docker\.io\/acme\/secret:1: HTTP 401 \(UNAUTHORIZED: authentication required\)/);
    } finally {
      await server.close();
    }
  });

  it("a server error: SourceUnreachableError with the status and the registry's words", async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(503, { "content-type": "text/plain" }).end("upstream busy\n");
    });
    try {
      const digest = imageDigest("gcr.io/distroless/static-debian13:nonroot", { mirrors: `gcr.io=${server.url}` });
      await expect(digest).rejects.toThrow(SourceUnreachableError);
      await expect(digest).rejects.toThrow(`could not reach the container registry at ${server.url} (mirror of gcr.io): HTTP 503 Service Unavailable (upstream busy) for gcr.io/distroless/static-debian13:nonroot`);
    } finally {
      await server.close();
    }
  });

  it("nothing listening: SourceUnreachableError naming the registry and the refusal", async () => {
    const port = await closedPort();
    await expect(imageDigest("golang:1.27.4-trixie", { mirrors: `docker.io=http://127.0.0.1:${port}` })).rejects.toThrow(
      new RegExp(`could not reach the container registry at http://127\\.0\\.0\\.1:${port} \\(mirror of docker\\.io\\): connect ECONNREFUSED`),
    );
  });

  it("a registry that never answers times out", async () => {
    const server = await localServer(() => {
      // never answers
    });
    try {
      await expect(imageDigest("golang:1.27.4-trixie", { mirrors: `docker.io=${server.url}`, timeoutMs: 200 })).rejects.toThrow(/no answer within 200 ms/);
    } finally {
      await server.close();
    }
  });

  it("a name:tag is required for a digest", async () => {
    await expect(imageDigest("docker.io/library/golang")).rejects.toThrow(/has no tag/);
  });
});
