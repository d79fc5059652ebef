import { describe, expect, it } from "vitest";
import { BaseImage, DebianRelease, HealthCheck } from "../src";
import { resolveConfig } from "../src/config/resolve";
import { GoSynthConfigError } from "../src/util/problems";
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
  it("defaults to Go 1.27 (the newest stable minor) built by an exact 1.27.x patch on Debian 13", () => {
    expect(config.go.minor).toBe("1.27");
    expect(config.go.patch).toMatch(/^1\.27\.([4-9]|\d\d)$/);
    expect(config.go.languageVersion).toBe("1.27");
    expect(config.go.supportEnded).toBeUndefined();
    expect(config.image.builderTag).toBe(`docker.io/library/golang:${config.go.patch}-trixie`);
  });
  it("runs distroless static as nonroot 65532, static binary, two linux platforms", () => {
    expect(config.image.runtime.kind).toBe(BaseImage.DISTROLESS_STATIC);
    expect(config.image.runtime.reference).toBe("gcr.io/distroless/static-debian13:nonroot");
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
  it("goVersion names the minor: the builder is its newest patch, never the x.y.z written", () => {
    const c = resolveConfig(options({ goVersion: "1.25.3" }));
    expect(c.go.minor).toBe("1.25");
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
    expect(c.image.builder.endsWith(`-trixie@${digest}`)).toBe(true);
    expect(c.image.runtime.reference).toBe(`gcr.io/distroless/static-debian13:nonroot@${digest}`);
    expect(c.image.unpinned).toEqual([]);
  });
  it("pins each base by the digest gosynth.pins.json read from its registry, and lists the bases it has none for", () => {
    const digest = "sha256:" + "b".repeat(64);
    const c = resolveConfig(options(), { pins: { images: { "gcr.io/distroless/static-debian13:nonroot": digest } } });
    expect(c.image.runtime.reference).toBe(`gcr.io/distroless/static-debian13:nonroot@${digest}`);
    expect(c.image.builder).toBe(c.image.builderTag);
    expect(c.image.unpinned).toEqual([c.image.builderTag]);
    const off = resolveConfig(options({ pinImageDigests: false }), { pins: { images: { "gcr.io/distroless/static-debian13:nonroot": digest } } });
    expect(off.image.runtime.reference).toBe("gcr.io/distroless/static-debian13:nonroot");
    expect(off.image.unpinned).toEqual([]);
  });
  it("Debian 12 on request: distroless *-debian12 and golang *-bookworm", () => {
    const c = resolveConfig(options({ debianRelease: DebianRelease.BOOKWORM }));
    expect(c.image.runtime.tag).toBe("gcr.io/distroless/static-debian12:nonroot");
    expect(c.image.builderTag).toMatch(/^docker\.io\/library\/golang:1\.27\.\d+-bookworm$/);
  });
});

describe("Go: the minor the repository builds with, its newest patch; go.mod stays the user's", () => {
  const adopted = (goMod: string, overrides: Parameters<typeof options>[0] = {}, pins = {}) =>
    resolveConfig(options({ starterCode: false, ...overrides }), { goMod: `module example.com/acme/hello\n\n${goMod}\n`, pins });
  it("an adopted go 1.16 line builds with Go 1.16's newest patch, which Go stopped supporting when 1.18 came out", () => {
    const c = adopted("go 1.16");
    expect(c.go.minor).toBe("1.16");
    expect(c.go.patch).toBe("1.16.15");
    expect(c.go.languageVersion).toBe("1.16");
    expect(c.go.supportEnded).toBe("2022-03-15");
    // golangci-lint v2 does not build with Go 1.16: the tools build with a newer one.
    expect(c.go.toolsPatch.split(".")[1]).not.toBe("16");
    expect(c.image.builderTag).toBe("docker.io/library/golang:1.16.15-bullseye");
  });
  it("a toolchain line names the minor: go 1.25.0 with toolchain go1.25.3 builds with a newer 1.25 patch than both", () => {
    const c = adopted("go 1.25.0\ntoolchain go1.25.3");
    expect(c.go.minor).toBe("1.25");
    expect(c.go.languageVersion).toBe("1.25.0");
    expect(c.go.patch.localeCompare("1.25.3", undefined, { numeric: true })).toBeGreaterThan(0);
  });
  it("goVersion wins over go.mod's lines, and must be a Go they allow", () => {
    expect(adopted("go 1.24", { goVersion: "1.26" }).go.minor).toBe("1.26");
    expect(() => adopted("go 1.27", { goVersion: "1.25" })).toThrow(/goVersion: Go 1\.25\.\d+ is older than go\.mod's go line \(go 1\.27\)/);
  });
  it("an exact goToolchain of goVersion's minor wins; one of another minor is refused", () => {
    expect(adopted("go 1.22", { goVersion: "1.24", goToolchain: "1.24.1" }).go.patch).toBe("1.24.1");
    expect(() => adopted("go 1.22", { goVersion: "1.25", goToolchain: "1.24.1" })).toThrow(/goToolchain: is not a release of goVersion 1\.25/);
  });
  it("the pins file's toolchain carries the minor without goVersion, and is ignored for another goVersion", () => {
    expect(adopted("go 1.24", {}, { goToolchain: "1.26.3" }).go.patch).toBe("1.26.3");
    expect(adopted("go 1.24", { goVersion: "1.27" }, { goToolchain: "1.26.3" }).go.patch).toMatch(/^1\.27\./);
  });
  it("go lines older than 1.16 are refused for adopted modules, older than 1.24 with starter code", () => {
    expect(() => adopted("go 1.15")).toThrow(/must be 1\.16 or newer \(gosynth adopts modules from Go 1\.16 on\)/);
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
    ["goToolchain", { goVersion: "1.27", goToolchain: "1.26.2" }, /is not a release of goVersion 1\.27/],
    ["goToolchain", { goToolchain: "1.27" }, /exact release/],
    ["healthCheck", { healthCheck: HealthCheck.http("healthz") }, /must start with "\/"/],
    ["binaries[0].name", { binaries: [{ name: "a/b", mainPackage: "./cmd/a" }] }, /path separator/],
    ["binaries[1].name", { binaries: [{ name: "x", mainPackage: "./cmd/x" }, { name: "x", mainPackage: "./cmd/y" }] }, /twice/],
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
    ["debianRelease", { debianRelease: "debian11" as never }, /one of/],
    ["runtimeEnv.1X", { runtimeEnv: { "1X": "a" } }, /variable name/],
    ["runtimeEnv.PORT", { runtimeEnv: { PORT: "80" }, portFromEnv: true }, /set from port/],
    ["runtimeEnv.A", { runtimeEnv: { A: "x\ny" } }, /newline/],
    ["runtimeFiles", { runtimeFiles: [{ source: "../etc/passwd", target: "/etc/x" }] }, /leave the project/],
    ["runtimeFiles", { runtimeFiles: [{ source: "config.yml", target: "etc/x" }] }, /absolute/],
    ["runtimeArgs", { runtimeArgs: ["a\nb"] }, /newline/],
    ["runtimeVolumes", { runtimeVolumes: ["data"] }, /absolute/],
    ["imageLabels.org.opencontainers.image.version", { imageLabels: { "org.opencontainers.image.version": "1" } }, /from the build/],
    ["extraPorts", { extraPorts: [8080] }, /service port/],
    ["buildFlags", { buildFlags: ["-o out"] }, /one flag|set by gosynth/],
    ["buildFlags", { buildFlags: ["-ldflags=-s"] }, /set by gosynth/],
    ["releaseArchive.formats", { releaseArchive: { formats: ["rar"] } }, /formats goreleaser knows/],
    ["releaseChecksum.algorithm", { releaseChecksum: { algorithm: "sha7" } }, /one of/],
    ["golangciConfig.version", { golangciConfig: { version: "1" } }, /must be "2"/],
    ["securityContact", { securityContact: "call us" }, /e-mail address or an https/],
    ["projectMakefile", { projectMakefile: "Makefile" }, /make reads by itself/],
    ["projectMakefile", { projectMakefile: "project.mk" }, /no such file/],
    ["kubernetesReplicas", { kubernetesReplicas: -1 }, /at least 0/],
    ["kubernetesResources.limits.memory", { kubernetesResources: { requests: { memory: "16Mi" }, limits: { memory: "16Mi" } } }, /at least 32Mi/],
    ["kubernetesResources.limits.cpu", { kubernetesResources: { requests: { cpu: "2" } } }, /below kubernetesResources\.requests\.cpu "2" \(default\)/],
    ["kubernetesResources.requests.ephemeralStorage", { kubernetesResources: { requests: { ephemeralStorage: "lots" } } }, /memory quantity/],
    ["releaseWorkflow", { releaseWorkflow: true, ci: false }, /needs ci/],
    ["sign", { sign: true, releaseWorkflow: false }, /release workflow/],
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
