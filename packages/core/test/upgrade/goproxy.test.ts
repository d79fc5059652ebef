import { chmodSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_GOPROXY,
  NotFoundError,
  SourceConfigError,
  SourceUnreachableError,
  goReleases,
  listVersions,
  newestGoToolchain,
  newestModuleVersion,
  parseGoproxy,
  resolveGoproxy,
} from "../../src/upgrade/sources/index.js";
import { type LocalServer, closedPort, localServer, tempDir, writeFile } from "./helpers.js";

// A file:// module proxy laid out as the protocol's URLs: <root>/<escaped module>/@v/list.
const fixture = tempDir("goproxy");
const real = pathToFileURL(join(fixture.dir, "proxy")).href;
const missing = pathToFileURL(join(fixture.dir, "no-such-proxy")).href;
const list = (module: string, lines: string[]) => writeFile(join(fixture.dir, "proxy", module, "@v", "list"), lines.join("\n"));

const TOOLCHAIN = [
  "v0.0.1-go1.25.9.linux-amd64",
  "v0.0.1-go1.26.0.linux-amd64",
  "v0.0.1-go1.26.0.darwin-arm64",
  "v0.0.1-go1.26.3.linux-amd64",
  "v0.0.1-go1.26.3.linux-arm64",
  "v0.0.1-go1.26.3.windows-amd64",
  "v0.0.1-go1.26.10.linux-amd64\r", // numerically newer than 1.26.3; CRLF tolerated
  "",
  "v0.0.1-go1.26rc1.linux-amd64",
  "v0.0.1-go1.27rc2.linux-amd64",
  "v0.0.1-go1.27.0.linux-amd64",
  "v0.0.1-go1.27.4.darwin-arm64",
  "v0.0.1-go1.27.4.linux-amd64",
  "v0.0.1-go1.28rc1.linux-amd64", // newer than everything, but a release candidate
  "v0.0.1-go1.18beta1.linux-amd64",
  "v0.0.1-go1.20.linux-amd64", // pre-1.21 naming for 1.20.0
];

let server: LocalServer;

beforeAll(async () => {
  list("golang.org/toolchain", TOOLCHAIN);
  list("github.com/goreleaser/goreleaser/v2", ["v2.0.0", "v2.10.2", "v2.9.0", "v2.11.0-rc.1", "  "]);
  // github.com/BurntSushi/toml, escaped on disk.
  list("github.com/!burnt!sushi/toml", ["v1.4.0", "v1.5.0", "v2.0.0+incompatible", "v1.6.0-pre"]);
  list("example.com/only/prereleases", ["v0.1.0-alpha", "v1.0.0-rc.1"]);
  list("example.com/broken", ["v1.0.0"]);
  // An HTTP proxy: toolchain from the fixture, 410 for example.com/gone, 500 for example.com/broken.
  server = await localServer((req, res) => {
    if (req.url === "/golang.org/toolchain/@v/list") return res.end(TOOLCHAIN.join("\n"));
    if (req.url === "/example.com/broken/@v/list") return res.writeHead(500).end("database on fire\n");
    if (req.url?.startsWith("/broken-root/")) return res.writeHead(502).end();
    if (req.url === "/example.com/slow/@v/list") return; // never answers
    if (req.url?.startsWith("/private/")) {
      // user:s3cret, as go would send credentials written in GOPROXY.
      if (req.headers.authorization !== `Basic ${Buffer.from("user:s3cret").toString("base64")}`) return res.writeHead(401).end("who are you\n");
      return res.end("v0.1.0\n");
    }
    res.writeHead(req.url?.startsWith("/example.com/gone") ? 410 : 404).end(`not found: ${req.url}\n`);
  });
});

afterAll(async () => {
  await server.close();
  fixture.cleanup();
});

describe("GOPROXY", () => {
  it("is read from the environment, then `go env GOPROXY`, then the default", async () => {
    expect(await resolveGoproxy({ env: { GOPROXY: " file:///x " } })).toBe("file:///x");
    // A fake go that echoes what it was asked and whether GOTOOLCHAIN=local was set.
    const bin = join(fixture.dir, "bin", "go");
    writeFile(bin, '#!/bin/sh\necho "https://from-go-env.example/$1/$2|$GOTOOLCHAIN"\n');
    chmodSync(bin, 0o755);
    expect(await resolveGoproxy({ env: { GOPROXY: "" }, goCommand: bin })).toBe("https://from-go-env.example/env/GOPROXY|local");
    expect(await resolveGoproxy({ env: {}, goCommand: join(fixture.dir, "bin", "no-go") })).toBe(DEFAULT_GOPROXY);
    expect(await resolveGoproxy({ goproxy: "off", env: { GOPROXY: "file:///x" } })).toBe("off");
  });

  it("parses lists like the go command", () => {
    expect(parseGoproxy("https://a.example,b.example|file:///c , direct,https://ignored.example")).toEqual([
      { kind: "proxy", url: "https://a.example", fallBackOnError: false },
      { kind: "proxy", url: "https://b.example", fallBackOnError: true },
      { kind: "proxy", url: "file:///c", fallBackOnError: false },
      { kind: "direct" },
    ]);
    expect(parseGoproxy(",,off,https://x.example")).toEqual([{ kind: "off" }]);
    expect(() => parseGoproxy("ftp://x.example")).toThrow(SourceConfigError);
    expect(() => parseGoproxy("proxy")).toThrow(SourceConfigError);
    expect(() => parseGoproxy(" , ")).toThrow(SourceConfigError);
  });
});

describe("listVersions over a file:// proxy", () => {
  it("reads @v/list lines, trimmed and non-empty", async () => {
    expect(await listVersions("github.com/goreleaser/goreleaser/v2", { goproxy: real })).toEqual(["v2.0.0", "v2.10.2", "v2.9.0", "v2.11.0-rc.1"]);
  });

  it("escapes uppercase letters in the module path", async () => {
    expect(await listVersions("github.com/BurntSushi/toml", { goproxy: real })).toContain("v1.5.0");
  });

  it('falls through "," on not found', async () => {
    expect(await listVersions("golang.org/toolchain", { goproxy: `${missing},${real}` })).toHaveLength(TOOLCHAIN.length - 1);
  });

  it('falls through "|" on any error, but stops at "," on an error', async () => {
    expect(await newestGoToolchain({ goproxy: `https://127.0.0.1:1|${real}` })).toBe("1.27.4");
    const err = await listVersions("golang.org/toolchain", { goproxy: `https://127.0.0.1:1,${real}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreachableError);
    expect((err as SourceUnreachableError).source).toBe("Go module proxy https://127.0.0.1:1");
  });

  it("off stops with an error", async () => {
    await expect(listVersions("golang.org/toolchain", { goproxy: "off" })).rejects.toThrow(SourceConfigError);
    await expect(listVersions("golang.org/toolchain", { goproxy: `${missing},off,${real}` })).rejects.toThrow(/GOPROXY=off: module lookup disabled/);
  });

  it("skips direct with a note", async () => {
    const err = await listVersions("example.com/nowhere", { goproxy: `${real},direct` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).searched).toEqual([`Go module proxy ${real}`]);
    expect((err as Error).message).toMatch(/^module example.com\/nowhere not found .*"direct" skipped/);
    await expect(listVersions("golang.org/toolchain", { goproxy: "direct" })).rejects.toThrow(SourceConfigError);
  });
});

describe("listVersions over HTTP", () => {
  it("reads a proxy, falls through 404 and 410", async () => {
    expect(await goReleases({ goproxy: `${server.url}/sub/,${server.url}` })).toContain("1.27.4");
    const err = await listVersions("example.com/gone", { goproxy: server.url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain("said: not found: /example.com/gone/@v/list");
    expect(await listVersions("github.com/goreleaser/goreleaser/v2", { goproxy: `${server.url},${real}` })).toContain("v2.10.2");
  });

  it("treats a 500 as the proxy failing (stops after \",\", moves on after \"|\")", async () => {
    await expect(listVersions("example.com/broken", { goproxy: `${server.url},${real}` })).rejects.toThrow(
      `could not reach the Go module proxy at ${server.url}: HTTP 500 Internal Server Error (database on fire)`,
    );
    expect(await listVersions("example.com/broken", { goproxy: `${server.url}|${real}` })).toEqual(["v1.0.0"]);
    // As in go, a proxy's failure outranks a later "not found" in the error reported.
    await expect(listVersions("example.com/nowhere", { goproxy: `${server.url}/broken-root|${real}` })).rejects.toThrow(SourceUnreachableError);
  });

  it("names an unreachable proxy", async () => {
    const port = await closedPort();
    const err = await listVersions("golang.org/toolchain", { goproxy: `http://127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreachableError);
    expect((err as SourceUnreachableError).source).toBe(`Go module proxy http://127.0.0.1:${port}`);
    expect((err as Error).message).toBe(`could not reach the Go module proxy at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it("times out", async () => {
    const err = await listVersions("example.com/slow", { goproxy: server.url, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreachableError);
    expect((err as SourceUnreachableError).reason).toBe("no answer within 300 ms");
  });

  it("sends credentials written in GOPROXY as basic auth, and keeps them out of messages", async () => {
    const authed = server.url.replace("//", "//user:s3cret@");
    expect(await listVersions("example.com/x", { goproxy: `${authed}/private` })).toEqual(["v0.1.0"]);
    const refused = await listVersions("example.com/x", { goproxy: `${authed.replace("s3cret", "wrong")}/private` }).catch((e: unknown) => e);
    expect((refused as Error).message).toBe(`could not reach the Go module proxy at ${server.url}/private: HTTP 401 Unauthorized (who are you)`);
    const port = await closedPort();
    const err = await listVersions("golang.org/toolchain", { goproxy: `http://user:s3cret@127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect((err as Error).message).not.toContain("s3cret");
    expect((err as SourceUnreachableError).source).toBe(`Go module proxy http://127.0.0.1:${port}`);
  });
});

describe("newestGoToolchain", () => {
  it("gives the newest patch of a minor", async () => {
    expect(await newestGoToolchain({ goproxy: real, minor: "1.26" })).toBe("1.26.10");
    expect(await newestGoToolchain({ goproxy: real, minor: "1.25.1" })).toBe("1.25.9");
  });

  it("gives the newest overall with allowNewMinor, ignoring release candidates", async () => {
    expect(await newestGoToolchain({ goproxy: real, minor: "1.26", allowNewMinor: true })).toBe("1.27.4");
    expect(await newestGoToolchain({ goproxy: real })).toBe("1.27.4");
  });

  it("finds nothing for a minor with only release candidates", async () => {
    await expect(newestGoToolchain({ goproxy: real, minor: "1.28" })).rejects.toThrow(NotFoundError);
    await expect(newestGoToolchain({ goproxy: real, minor: "1.x" })).rejects.toThrow(TypeError);
  });

  it("lists every stable release once, ascending", async () => {
    expect(await goReleases({ goproxy: real })).toEqual(["1.20.0", "1.25.9", "1.26.0", "1.26.3", "1.26.10", "1.27.0", "1.27.4"]);
  });
});

describe("newestModuleVersion", () => {
  it("gives the newest release, not a prerelease", async () => {
    expect(await newestModuleVersion("github.com/goreleaser/goreleaser/v2", { goproxy: real })).toBe("v2.10.2");
  });

  it("prefers a release with a go.mod over +incompatible, and filters by major", async () => {
    expect(await newestModuleVersion("github.com/BurntSushi/toml", { goproxy: real })).toBe("v1.5.0");
    expect(await newestModuleVersion("github.com/BurntSushi/toml", { goproxy: real, major: "v2" })).toBe("v2.0.0+incompatible");
    await expect(newestModuleVersion("github.com/BurntSushi/toml", { goproxy: real, major: 3 })).rejects.toThrow(/in major v3 not found/);
  });

  it("reports a module with only prereleases, or none at all", async () => {
    await expect(newestModuleVersion("example.com/only/prereleases", { goproxy: real })).rejects.toThrow(NotFoundError);
    await expect(newestModuleVersion("example.com/nowhere", { goproxy: `${missing},${real}` })).rejects.toThrow(
      `module example.com/nowhere not found (searched: Go module proxy ${missing}, Go module proxy ${real})`,
    );
  });
});
