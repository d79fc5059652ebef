import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_NPM_REGISTRY,
  NotFoundError,
  SourceUnreachableError,
  newestNpmVersion,
  newestPypiVersion,
  npmDocumentPath,
  resolveNpmRegistry,
} from "../../src/upgrade/sources/index.js";
import { type LocalServer, closedPort, json, localServer, tempDir, writeFile } from "./helpers.js";

// One local server stands in for both: npm documents under /npm/, PyPI's JSON API under /pypi/.
let server: LocalServer;
const accepts: string[] = [];
const scratch = tempDir("registries");

beforeAll(async () => {
  server = await localServer((req, res) => {
    accepts.push(String(req.headers.accept));
    switch (req.url) {
      case "/npm/@gosynth%2fcore":
        return json(res, 200, { name: "@gosynth/core", "dist-tags": { latest: "0.3.1", next: "0.4.0-rc.0" } });
      case "/npm/left-pad":
        return json(res, 200, { name: "left-pad", "dist-tags": { latest: "1.3.0" } });
      case "/npm/unpublished":
        return json(res, 200, { name: "unpublished", time: { unpublished: { time: "2020-01-01T00:00:00Z" } } });
      case "/npm/broken":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end("<html>captive portal</html>");
      case "/pypi/zizmor/json":
        return json(res, 200, { info: { name: "zizmor", version: "1.5.2" } });
      case "/pypi/zizmor-core/json":
        return json(res, 200, { info: { name: "zizmor-core", version: "0.9.0" } });
      case "/pypi/flaky/json":
        return res.writeHead(503).end("upstream timeout");
      default:
        return json(res, 404, { error: "Not found" });
    }
  });
});

afterAll(async () => {
  await server.close();
  scratch.cleanup();
});

describe("npm registry", () => {
  it("escapes scoped names as npm does", () => {
    expect(npmDocumentPath("@gosynth/core")).toBe("@gosynth%2fcore");
    expect(npmDocumentPath("left-pad")).toBe("left-pad");
    expect(() => npmDocumentPath("a/b/c")).toThrow(TypeError);
  });

  it("reads dist-tags.latest", async () => {
    expect(await newestNpmVersion("@gosynth/core", { registry: `${server.url}/npm/` })).toBe("0.3.1");
    expect(await newestNpmVersion("left-pad", { registry: `${server.url}/npm` })).toBe("1.3.0");
    expect(accepts.at(-1)).toContain("application/vnd.npm.install-v1+json");
  });

  it("reports a missing or unpublished package as NotFoundError", async () => {
    const err = await newestNpmVersion("no-such-package", { registry: `${server.url}/npm/` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toBe(`npm package no-such-package not found (searched: npm registry ${server.url}/npm/)`);
    await expect(newestNpmVersion("unpublished", { registry: `${server.url}/npm/` })).rejects.toThrow(NotFoundError);
  });

  it("reports a closed port or a non-JSON answer as SourceUnreachableError", async () => {
    const port = await closedPort();
    const err = await newestNpmVersion("left-pad", { registry: `http://127.0.0.1:${port}/` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreachableError);
    expect((err as Error).message).toBe(`could not reach the npm registry at http://127.0.0.1:${port}/: connect ECONNREFUSED 127.0.0.1:${port}`);
    await expect(newestNpmVersion("broken", { registry: `${server.url}/npm/` })).rejects.toThrow(/not JSON/);
  });

  it("takes the registry from npm_config_* (any case), scoped registry first", async () => {
    expect(await resolveNpmRegistry("left-pad", { env: { NPM_CONFIG_REGISTRY: "http://env.example/" } })).toBe("http://env.example/");
    const env = { "npm_config_@gosynth:registry": "http://scoped.example/", npm_config_registry: "http://env.example/" };
    expect(await resolveNpmRegistry("@gosynth/core", { env })).toBe("http://scoped.example/");
    expect(await resolveNpmRegistry("left-pad", { env })).toBe("http://env.example/");
  });

  it("asks `npm config get` (the project's .npmrc counts), else uses the public registry", async () => {
    // The real npm, in a project whose .npmrc names our server; the user's config kept out.
    const project = join(scratch.dir, "project");
    writeFile(join(project, "package.json"), "{}\n");
    writeFile(join(project, ".npmrc"), `registry=${server.url}/npm/\n@gosynth:registry=${server.url}/npm/\n`);
    writeFile(join(scratch.dir, "empty-npmrc"), "");
    const env = { PATH: process.env.PATH, HOME: scratch.dir, npm_config_userconfig: join(scratch.dir, "empty-npmrc") };
    expect(await resolveNpmRegistry("left-pad", { env, cwd: project })).toBe(`${server.url}/npm/`);
    expect(await newestNpmVersion("@gosynth/core", { env, cwd: project })).toBe("0.3.1");
    expect(await resolveNpmRegistry("left-pad", { env: {}, npmCommand: join(scratch.dir, "no-npm") })).toBe(DEFAULT_NPM_REGISTRY);
  });
});

describe("PyPI", () => {
  it("reads info.version, with the name normalized", async () => {
    expect(await newestPypiVersion("zizmor", { index: server.url })).toBe("1.5.2");
    expect(await newestPypiVersion("Zizmor_Core", { index: `${server.url}/` })).toBe("0.9.0");
  });

  it("reports a 404 as NotFoundError, a 503 or a closed port as SourceUnreachableError", async () => {
    await expect(newestPypiVersion("no-such-project", { index: server.url })).rejects.toThrow(
      `PyPI project no-such-project not found (searched: PyPI index ${server.url})`,
    );
    await expect(newestPypiVersion("flaky", { index: server.url })).rejects.toThrow(
      `could not reach the PyPI index at ${server.url}: HTTP 503 Service Unavailable (upstream timeout)`,
    );
    const port = await closedPort();
    const err = await newestPypiVersion("zizmor", { index: `http://127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnreachableError);
    expect((err as SourceUnreachableError).source).toBe(`PyPI index http://127.0.0.1:${port}`);
  });
});
