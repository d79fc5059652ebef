import { describe, expect, it } from "vitest";
import { BaseImage, HealthCheck } from "../src";
import { resolveConfig } from "../src/config/resolve";
import { GoSynthConfigError } from "../src/config/errors";
import { options } from "./util";

function problemsOf(overrides: Parameters<typeof options>[0]) {
  try {
    resolveConfig(options(overrides));
  } catch (e) {
    expect(e).toBeInstanceOf(GoSynthConfigError);
    return (e as GoSynthConfigError).problems;
  }
  throw new Error("expected a GoSynthConfigError");
}

describe("resolved config defaults", () => {
  const config = resolveConfig(options());
  it("derives names and paths from the project", () => {
    expect(config.goBuild.binaryName).toBe("hello");
    expect(config.goBuild.mainPackage).toBe("./cmd/hello");
    expect(config.goBuild.binDir).toBe("bin");
    expect(config.image.port).toBe(8080);
  });
  it("defaults to Go 1.27 (the newest stable minor) built by an exact 1.27.x patch", () => {
    expect(config.go.version).toBe("1.27");
    expect(config.go.patch).toMatch(/^1\.27\.([4-9]|\d\d)$/);
    expect(config.image.builder).toBe(`docker.io/library/golang:${config.go.patch}-bookworm`);
    expect(config.go.syncGoMod).toBe(true);
  });
  it("runs distroless static as nonroot 65532, static binary, two linux platforms", () => {
    expect(config.image.runtime.kind).toBe(BaseImage.DISTROLESS_STATIC);
    expect(config.image.runtime.reference).toBe("gcr.io/distroless/static-debian12:nonroot");
    expect(config.image.runtime.user).toEqual({ uid: 65532, gid: 65532, name: "nonroot" });
    expect(config.goBuild.cgo).toBe(false);
    expect(config.goBuild.platforms.map((p) => p.id)).toEqual(["linux/amd64", "linux/arm64"]);
  });
  it("is deeply frozen: constructs cannot change a shared fact", () => {
    expect(() => (config.goBuild.platforms as unknown as string[]).push("linux/386")).toThrow(TypeError);
    expect(() => (config.goBuild.tags as string[]).push("x")).toThrow(TypeError);
    expect(() => ((config.image.runtime.user as { uid: number }).uid = 0)).toThrow(TypeError);
    expect(() => ((config.ci.actionShas as Record<string, string>)["actions/checkout"] = "x")).toThrow(TypeError);
    expect(config.goBuild.platforms.map((p) => p.id)).toEqual(["linux/amd64", "linux/arm64"]);
  });
  it("copies the user's arrays: a later push to an option never reaches the config", () => {
    const buildTags = ["netgo"];
    const platforms = ["linux/amd64"];
    const c = resolveConfig(options({ buildTags, platforms }));
    buildTags.push("evil tag");
    platforms.push("linux/arm64");
    expect(c.goBuild.tags).toEqual(["netgo"]);
    expect(c.goBuild.platforms.map((p) => p.id)).toEqual(["linux/amd64"]);
  });
  it("resolves the registry of the image repository (Docker Hub for a bare owner/name)", () => {
    const registry = (imageRepository: string) => resolveConfig(options({ imageRepository })).image.registry;
    expect(registry("acme/hello")).toBe("docker.io");
    expect(registry("ghcr.io/acme/hello")).toBe("ghcr.io");
    expect(registry("registry.example.com:5000/team/hello")).toBe("registry.example.com:5000");
    expect(registry("localhost/hello")).toBe("localhost");
  });
  it("derives the image repository from the module path", () => {
    expect(config.image.repository).toBe("ghcr.io/acme/hello");
    expect(resolveConfig(options({ modulePath: "github.com/Acme-Org/svc" })).image.repository).toBe("ghcr.io/acme-org/hello");
  });
  it("sanitizes a project name into a binary name", () => {
    expect(resolveConfig(options({ name: "My Service!" })).goBuild.binaryName).toBe("my-service");
    expect(resolveConfig(options({ name: "@scope/pkg" })).goBuild.binaryName).toBe("scope-pkg");
  });
  it("a go line names the minimum: the builder is the newest known patch of its minor, never the x.y.z it names", () => {
    const c = resolveConfig(options({ goVersion: "1.25.3" }));
    expect(c.go.version).toBe("1.25.3");
    const [, minor, patch] = c.go.patch.split(".").map(Number);
    expect(minor).toBe(25);
    expect(patch).toBeGreaterThan(3);
  });
  it("scratch and alpine get UID 10001; a custom uid replaces the distroless name", () => {
    expect(resolveConfig(options({ baseImage: BaseImage.SCRATCH })).image.runtime.user).toEqual({ uid: 10001, gid: 10001 });
    expect(resolveConfig(options({ baseImage: BaseImage.ALPINE })).image.runtime.user.uid).toBe(10001);
    expect(resolveConfig(options({ runtimeUid: 20000 })).image.runtime.user).toEqual({ uid: 20000, gid: 20000 });
  });
  it("parses arm variants", () => {
    const c = resolveConfig(options({ platforms: ["linux/arm/v7", "darwin/arm64"] }));
    expect(c.goBuild.platforms).toEqual([
      { id: "linux/arm/v7", os: "linux", arch: "arm", arm: "7" },
      { id: "darwin/arm64", os: "darwin", arch: "arm64" },
    ]);
    expect(c.image.platforms.map((p) => p.id)).toEqual(["linux/arm/v7"]);
  });
  it("appends digests to image references", () => {
    const digest = "sha256:" + "a".repeat(64);
    const c = resolveConfig(options({ imageDigests: { builder: digest, runtime: digest } }));
    expect(c.image.builder.endsWith(`-bookworm@${digest}`)).toBe(true);
    expect(c.image.runtime.reference).toBe(`gcr.io/distroless/static-debian12:nonroot@${digest}`);
  });
});

describe("Go: the go line is the user's minimum, the toolchain an exact release that satisfies it", () => {
  const adopted = (goMod: string, overrides: Parameters<typeof options>[0] = {}) =>
    resolveConfig(options({ starterCode: false, ...overrides }), { goMod: `module example.com/acme/hello\n\n${goMod}\n` });
  it("an adopted go 1.16 line is kept and built with the newest Go", () => {
    const c = adopted("go 1.16");
    expect(c.go.version).toBe("1.16");
    expect(c.go.syncGoMod).toBe(false);
    expect(c.go.patch).toBe(resolveConfig(options()).go.patch);
  });
  it("a go 1.25.0 line with a toolchain line builds with a newer patch than both", () => {
    const c = adopted("go 1.25.0\ntoolchain go1.25.3");
    expect(c.go.version).toBe("1.25.0");
    expect(c.go.patch.localeCompare("1.25.3", undefined, { numeric: true })).toBeGreaterThan(0);
  });
  it("an exact goToolchain wins when it satisfies go.mod", () => {
    expect(adopted("go 1.22", { goToolchain: "1.24.1" }).go.patch).toBe("1.24.1");
  });
  it("the pins file's toolchain is used when it satisfies the go line, ignored when it does not", () => {
    expect(resolveConfig(options(), { pins: { goToolchain: "1.27.2" } }).go.patch).toBe("1.27.2");
    expect(resolveConfig(options(), { pins: { goToolchain: "1.26.3" } }).go.patch).toMatch(/^1\.27\./);
  });
  it("go lines older than 1.16 are refused for adopted modules, older than 1.24 with starter code", () => {
    expect(() => adopted("go 1.15")).toThrow(/go\.mod's go line: must be 1\.16 or newer/);
    expect(() => resolveConfig(options({ goVersion: "1.23" }))).toThrow(/must be 1\.24 or newer \(the starter code/);
  });
  it("pinned tool versions and actions replace the table's; toolVersions replaces both", () => {
    const sha = "a".repeat(40);
    const c = resolveConfig(options({ toolVersions: { goreleaser: "v2.99.0", cosign: "v2.7.0" } }), {
      pins: { tools: { golangciLint: "v2.16.0", goreleaser: "v2.17.0" }, actions: { "actions/checkout": { tag: "v6.0.1", sha } } },
    });
    expect(c.tools.golangciLint).toBe("v2.16.0");
    expect(c.tools.goreleaser).toBe("v2.99.0");
    expect(c.tools.cosign).toBe("v2.7.0");
    expect(c.tools.actions.checkout).toBe("actions/checkout@v6.0.1");
    expect(c.ci.actionShas["actions/checkout"]).toBe(sha);
  });
});

describe("numeric goVersion (projen new passes --go-version 1.20 as 1.2)", () => {
  it("recovers the text from argv", async () => {
    const { recoverNumericFlag } = await import("../src/config/go-version-arg");
    expect(recoverNumericFlag(1.3, "go-version", ["node", "projen", "new", "--go-version", "1.30"])).toBe("1.30");
    expect(recoverNumericFlag(1.3, "go-version", ["node", "projen", "--go-version=1.30"])).toBe("1.30");
    expect(recoverNumericFlag(1.3, "go-version", ["node", "projen", "--goVersion", "1.3"])).toBe("1.3");
    expect(recoverNumericFlag(1.3, "go-version", ["node", "x"])).toBeUndefined();
  });
  it("stops with a clear error when it cannot recover", () => {
    const [p] = problemsOf({ goVersion: 1.2 as unknown as string });
    expect(p.option).toBe("goVersion");
    expect(p.value).toBe(1.2);
    expect(p.problem).toMatch(/must be a string.*1\.20 becomes 1\.2/);
    expect(p.example).toContain('"1.27"');
  });
});

describe("validation names the option, the value and an example", () => {
  const cases: [string, Parameters<typeof options>[0], RegExp][] = [
    ["modulePath", { modulePath: "" }, /must not be empty/],
    ["modulePath", { modulePath: "example.com//x" }, /empty path element/],
    ["modulePath", { modulePath: "Example.COM/x" }, /domain/],
    ["modulePath", { modulePath: "example.com/x y" }, /characters/],
    ["modulePath", { modulePath: "example.com/x/v1" }, /major version/],
    ["modulePath", { modulePath: "/abs/path" }, /start or end/],
    ["goVersion", { goVersion: "latest" }, /X\.Y/],
    ["goVersion", { goVersion: "1.26.x" }, /X\.Y/],
    ["goVersion", { goVersion: "go1.26" }, /X\.Y/],
    ["goVersion", { goVersion: "1.23" }, /1\.24 or newer/],
    ["goVersion", { goVersion: "1.99" }, /knows no Go release/],
    ["goToolchain", { goVersion: "1.27", goToolchain: "1.26.2" }, /older than go\.mod needs/],
    ["goToolchain", { goToolchain: "1.27" }, /exact release/],
    ["healthCheck", { healthCheck: HealthCheck.http("healthz") }, /must start with "\/"/],
    ["binaries", { binaries: [{ name: "a/b", mainPackage: "./cmd/a" }] }, /path separator/],
    ["binaries", { binaries: [{ name: "x", mainPackage: "./cmd/x" }, { name: "x", mainPackage: "./cmd/y" }] }, /twice/],
    ["revisionVariable", { revisionVariable: "commit" }, /<package>\.<variable>/],
    ["compose", { compose: "yes" as never }, /true or false/],
    ["sign", { sign: 1 as never }, /true or false/],
    ["toolVersions.goreleaser", { toolVersions: { goreleaser: "latest" } }, /vX\.Y\.Z/],
    ["toolVersions.hadolint", { toolVersions: { hadolint: "v2.15.1" } as never }, /not a tool gosynth pins/],
    ["port", { port: 0 }, /between 1 and 65535/],
    ["port", { port: 70000 }, /between 1 and 65535/],
    ["port", { port: 80.5 }, /integer/],
    ["port", { port: "8080" as unknown as number }, /number/],
    ["binaryName", { binaryName: "a/b" }, /path separator/],
    ["binaryName", { binaryName: "a b" }, /whitespace/],
    ["binaryName", { binaryName: ".hidden" }, /start with '\.'/],
    ["mainPackage", { mainPackage: "cmd/x" }, /start/],
    ["platforms", { platforms: [] }, /at least one/],
    ["platforms", { platforms: ["linux/amd64", "linux/amd64"] }, /twice/],
    ["platforms", { platforms: ["plan10/amd64"] }, /not a known/],
    ["platforms", { platforms: ["linux/amd64/v9"] }, /variant/],
    ["platforms", { platforms: ["darwin/arm64"] }, /linux platform/],
    ["cgo", { cgo: true }, /libc/],
    ["cgo", { cgo: true, baseImage: BaseImage.SCRATCH }, /libc/],
    ["baseImage", { baseImage: "ubuntu" as BaseImage }, /one of/],
    ["imageDigests.builder", { imageDigests: { builder: "sha256:xyz" } }, /64 lower-case hex/],
    ["imageDigests.runtime", { imageDigests: { runtime: "md5:" + "a".repeat(32) } }, /sha256/],
    ["imageRepository", { imageRepository: "GHCR.io/Acme/Hello:latest" }, /image repository/],
    ["runtimeUid", { runtimeUid: 0 }, /0 is root/],
    ["runtimeUid", { runtimeUid: 1000 }, /1000/],
    ["extraLdflags", { extraLdflags: ['-X "main.x=$(id)"'] }, /must not contain/],
    ["buildTags", { buildTags: ["a b"] }, /letters/],
    ["defaultBranch", { defaultBranch: "a..b" }, /branch/],
    ["lintPreset", { lintPreset: "paranoid" as never }, /one of/],
  ];
  for (const [option, overrides, problem] of cases) {
    it(`${option} = ${JSON.stringify(Object.values(overrides)[0])}`, () => {
      const problems = problemsOf(overrides);
      const p = problems.find((x) => x.option === option);
      expect(p, JSON.stringify(problems)).toBeDefined();
      expect(p!.problem).toMatch(problem);
      expect(p!.example.length).toBeGreaterThan(0);
    });
  }

  it("reports every problem at once, formatted with option, value and example", () => {
    try {
      resolveConfig(options({ port: 0, binaryName: "a/b", platforms: [] }));
      throw new Error("no error");
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain("nothing was written");
      expect(message).toContain("port: must be between 1 and 65535 (got 0; example: 8080)");
      expect(message).toContain('binaryName: must not contain a path separator (got "a/b"; example: "hello")');
      expect(message).toContain("platforms: must list at least one platform");
    }
  });

  it("accepts valid unusual values", () => {
    expect(() => resolveConfig(options({ modulePath: "hello" }))).not.toThrow();
    expect(() => resolveConfig(options({ modulePath: "github.com/x/y/v2" }))).not.toThrow();
    expect(() => resolveConfig(options({ port: 65535, binaryName: "svc_1.v2" }))).not.toThrow();
    expect(() => resolveConfig(options({ cgo: true, baseImage: BaseImage.DISTROLESS_BASE }))).not.toThrow();
  });
});
