import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tool } from "../../../test/helpers/tools";
import { BaseImage, HealthCheck, type GoServiceProjectOptions } from "../src";
import { planAdoption } from "../src/adoption";
import { optionValues } from "../src/adoption/source";
import { resolveConfig } from "../src/config/resolve";
import { GoSynthConfigError } from "../src/util/problems";
import { copyFixture, GO } from "./adopt/helpers";
import { options, synth } from "./util";

// One image per server binary: a repository shaped like ardanlabs/service (sales and
// auth each serve and each had an image of its own; admin is a tool run by hand).
const ARDAN: Partial<GoServiceProjectOptions> = {
  name: "service",
  modulePath: "github.com/ardanlabs/service",
  binaryName: "sales",
  mainPackage: "./api/services/sales",
  versionVariable: "main.build",
  starterCode: false,
  port: 3000,
  extraPorts: [3010],
  runtimeEnv: { GOMAXPROCS: "2" },
  runtimeArgs: ["--web-api-host=0.0.0.0:3000"],
  runtimeVolumes: ["/data"],
  healthCheck: HealthCheck.subcommand(["-healthcheck"]),
  binaries: [
    { name: "auth", mainPackage: "./api/services/auth", versionVariable: "main.build", revisionVariable: "main.commit", image: true },
    { name: "admin", mainPackage: "./api/tooling/admin" },
  ],
};

/** Each stage of a Dockerfile: its name and its lines (comments left out). */
function stages(dockerfile: string): { name: string; from: string; lines: string[] }[] {
  const out: { name: string; from: string; lines: string[] }[] = [];
  for (const line of dockerfile.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.replace(/\s+/g, " ").trim())) {
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)\s+AS\s+(\S+)$/.exec(line);
    if (from) out.push({ name: from[2], from: from[1], lines: [] });
    else if (out.length > 0 && line.trim() !== "" && !line.startsWith("#")) out[out.length - 1].lines.push(line);
  }
  return out;
}

function stage(dockerfile: string, name: string) {
  const found = stages(dockerfile).find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name} in:\n${dockerfile}`);
  return found;
}

describe("Dockerfile: a stage per server binary, the service's runtime stage last", () => {
  const { files, project } = synth(ARDAN);
  const dockerfile = files["Dockerfile"];

  it("orders build, test, auth, runtime: a plain docker build . still builds the service", () => {
    expect(stages(dockerfile).map((s) => s.name)).toEqual(["build", "test", "auth", "runtime"]);
    expect(stage(dockerfile, "auth").from).toBe(stage(dockerfile, "runtime").from);
  });

  it("compiles sales and auth in the build step, each for the target platform with its own -X, and never admin", () => {
    const compile = stage(dockerfile, "build").lines.find((l) => l.includes("-o /out/sales"))!;
    const builds = compile.split(" && ");
    expect(builds).toHaveLength(2);
    expect(builds[0]).toMatch(/CGO_ENABLED=0 GOOS=\$TARGETOS GOARCH=\$TARGETARCH go build -trimpath -ldflags="-s -w -X main\.build=\$\{VERSION\}" -o \/out\/sales \.\/api\/services\/sales$/);
    expect(builds[1]).toBe('CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w -X main.build=${VERSION} -X main.commit=${REVISION}" -o /out/auth ./api/services/auth');
    // auth's commit variable needs REVISION, which the service alone would not declare.
    expect(stage(dockerfile, "build").lines).toContain("ARG REVISION=unknown");
    expect(dockerfile).not.toContain("admin");
  });

  it("auth's stage runs auth as the service's user with its env and ports, without the service's CMD, VOLUME and HEALTHCHECK", () => {
    const auth = stage(dockerfile, "auth").lines;
    const runtime = stage(dockerfile, "runtime").lines;
    expect(auth).toContain("COPY --from=build --chmod=0555 /out/auth /usr/local/bin/auth");
    expect(auth.at(-1)).toBe('ENTRYPOINT ["/usr/local/bin/auth"]');
    expect(auth.find((l) => l.startsWith("USER"))).toBe(runtime.find((l) => l.startsWith("USER")));
    expect(auth).toContain("ENV GOMAXPROCS=2");
    expect(auth).toContain("EXPOSE 3000 3010");
    expect(auth.find((l) => l.startsWith("LABEL"))).toContain('org.opencontainers.image.title="auth"');
    expect(auth.filter((l) => /^(CMD|VOLUME|HEALTHCHECK)/.test(l))).toEqual([]);
    expect(runtime.at(-1)).toBe('CMD ["--web-api-host=0.0.0.0:3000"]');
    expect(runtime).toContain('HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD ["/usr/local/bin/sales", "-healthcheck"]');
  });

  it("auth's own ports, where given, are what its stage EXPOSEs (and its PORT), in both Dockerfiles; the service's stay", () => {
    const [auth, admin] = ARDAN.binaries!;
    const own = synth({ ...ARDAN, portFromEnv: true, binaries: [{ ...auth, ports: [6000, 6010] }, admin] }).files;
    for (const file of ["Dockerfile", "goreleaser.Dockerfile"]) {
      const authLines = stage(own[file], "auth").lines;
      const runtimeLines = stage(own[file], "runtime").lines;
      expect(authLines, file).toContain("EXPOSE 6000 6010");
      expect(authLines, file).toContain("ENV PORT=6000");
      expect(authLines.filter((l) => l.startsWith("EXPOSE")), file).toHaveLength(1);
      expect(runtimeLines, file).toContain("EXPOSE 3000 3010");
      expect(runtimeLines, file).toContain("ENV PORT=3000");
    }
  });

  it("keeps instruction ids unique: auth's are auth.*, the service's runtime.*", () => {
    const ids = project.dockerfile.stages.flatMap((s) => s.ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(project.dockerfile.stage("auth").ids).toContain("auth.entrypoint");
    expect(project.dockerfile.instruction("runtime.entrypoint").arguments).toEqual(['["/usr/local/bin/sales"]']);
  });

  it("compresses every imaged binary with upx and copies each from the compress stage", () => {
    const upx = synth({ ...ARDAN, upx: true }).files["Dockerfile"];
    expect(stage(upx, "compress").lines.at(-1)).toMatch(/upx --best --lzma \/out\/sales \/out\/auth$/);
    expect(stage(upx, "auth").lines).toContain("COPY --from=compress --chmod=0555 /out/auth /usr/local/bin/auth");
  });

  it("changes nothing for a project whose other binaries have no image", () => {
    const { binaries, ...rest } = ARDAN;
    const without = synth({ ...rest, binaries: binaries!.map(({ image: _image, ...b }) => b) }).files;
    const alone = synth(rest).files;
    expect(without["Dockerfile"]).toBe(alone["Dockerfile"]);
    expect(without["goreleaser.Dockerfile"]).toBe(alone["goreleaser.Dockerfile"]);
    expect(without["Makefile"]).not.toMatch(/docker-build-/);
  });
});

describe("Makefile and goreleaser: the extra image is built and released as <image>-auth", () => {
  const { dir, files } = synth(ARDAN);

  it("make docker-build-auth and docker-buildx-auth build --target auth, tagged $(IMAGE)-auth:$(VERSION)", () => {
    const dry = execFileSync("make", ["-n", "docker-build-auth", "docker-buildx-auth", "VERSION=1.2.3"], { cwd: dir, encoding: "utf-8" }).trim().split("\n");
    expect(dry[0]).toMatch(/^docker build .* --target auth -t ghcr\.io\/ardanlabs\/sales-auth:1\.2\.3 \.$/);
    expect(dry[1]).toMatch(/^docker buildx build --platform linux\/amd64,linux\/arm64 .* --target auth -t ghcr\.io\/ardanlabs\/sales-auth:1\.2\.3 \.$/);
    expect(files["Makefile"]).not.toMatch(/docker-build-(admin|sales)/);
  });

  it("dockers_v2 has the service's image and auth's, built from auth's stage with only auth in the context", () => {
    const images = parse(files[".goreleaser.yaml"]).dockers_v2 as Record<string, unknown>[];
    expect(images.map((i) => [i.id, i.ids, i.images, i.flags])).toEqual([
      ["sales", ["sales"], ["ghcr.io/ardanlabs/sales"], undefined],
      ["auth", ["auth"], ["ghcr.io/ardanlabs/sales-auth"], ["--target=auth"]],
    ]);
    expect(images[1].platforms).toEqual(images[0].platforms);
  });

  it("goreleaser.Dockerfile has auth's stage before the runtime stage, from goreleaser's context", () => {
    const release = files["goreleaser.Dockerfile"];
    expect(stages(release).map((s) => s.name)).toEqual(["auth", "runtime"]);
    expect(stage(release, "auth").lines).toContain("COPY --chmod=0555 ${TARGETPLATFORM}/auth /usr/local/bin/auth");
    expect(stage(release, "auth").lines.at(-1)).toBe('ENTRYPOINT ["/usr/local/bin/auth"]');
  });
});

describe("image: true is refused, before anything is written, where it cannot be an image target", () => {
  const EXAMPLE = /example: /;
  it.each([
    ["binaries[0].image", "yes", { binaries: [{ name: "auth", mainPackage: "./cmd/auth", image: "yes" as unknown as boolean }] }, /true or false/],
    ["binaries[0].image", true, { binaries: [{ name: "hello", mainPackage: "./cmd/hello", image: true }] }, /is the service binary/],
    ["binaries[0].name", "Auth", { binaries: [{ name: "Auth", mainPackage: "./cmd/auth", image: true }] }, /lower-case Dockerfile stage name/],
    ["binaries[0].name", "auth..v2", { binaries: [{ name: "auth..v2", mainPackage: "./cmd/auth", image: true }] }, /lower-case Dockerfile stage name/],
    ["binaries[0].name", "runtime", { binaries: [{ name: "runtime", mainPackage: "./cmd/runtime", image: true }] }, /names a stage gosynth's Dockerfile has already/],
    ["binaries[0].platforms", ["linux/amd64"], { binaries: [{ name: "auth", mainPackage: "./cmd/auth", platforms: ["linux/amd64"], image: true }] }, /missing linux\/arm64/],
    ["binaries[0].ports", [6000], { binaries: [{ name: "auth", mainPackage: "./cmd/auth", ports: [6000] }] }, /set image: true too/],
    ["binaries[0].ports", [0], { binaries: [{ name: "auth", mainPackage: "./cmd/auth", image: true, ports: [0] }] }, /between 1 and 65535/],
    ["binaries[0].ports", [6000, 6000], { binaries: [{ name: "auth", mainPackage: "./cmd/auth", image: true, ports: [6000, 6000] }] }, /lists 6000 twice/],
    ["binaries[0].ports", ["6000"], { binaries: [{ name: "auth", mainPackage: "./cmd/auth", image: true, ports: ["6000"] as unknown as number[] }] }, /only numbers/],
    ["binaries[0].ports", [], { binaries: [{ name: "auth", mainPackage: "./cmd/auth", image: true, ports: [] }] }, /non-empty list/],
  ] as const)("%s = %j", (option, value, overrides, problem) => {
    const dir = mkdtempSync(join(tmpdir(), "gosynth-image-targets-"));
    let error: unknown;
    try {
      synth(overrides as Partial<GoServiceProjectOptions>, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GoSynthConfigError);
    const found = (error as GoSynthConfigError).problems.find((p) => p.option === option);
    expect(found, (error as Error).message).toBeDefined();
    expect(found!.value).toEqual(value);
    expect(found!.problem).toMatch(problem);
    expect(found!.example.length).toBeGreaterThan(0);
    expect((error as Error).message).toMatch(EXAMPLE);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("image: false is the default and accepted", () => {
    expect(resolveConfig(options({ binaries: [{ name: "auth", mainPackage: "./cmd/auth", image: false }] })).image.binaryImages).toEqual([]);
  });
});

describe("hadolint: zero findings with image targets", () => {
  const hadolint = tool("hadolint");
  it.skipIf(!hadolint).each([
    ["ardanlabs-shaped", ARDAN],
    ["scratch + upx + arm/v7, two images", { baseImage: BaseImage.SCRATCH, upx: true, platforms: ["linux/amd64", "linux/arm/v7"], binaries: [{ name: "auth", mainPackage: "./cmd/auth", image: true }, { name: "metrics", mainPackage: "./cmd/metrics", image: true }] }],
    ["alpine, files, no comments", { baseImage: BaseImage.ALPINE, explainComments: false, runtimeFiles: [{ source: "config.yml", target: "/etc/app/config.yml" }], binaries: [{ name: "worker-api", mainPackage: "./cmd/worker-api", image: true }] }],
  ] as [string, Partial<GoServiceProjectOptions>][])("%s", (_name, overrides) => {
    const { dir } = synth(overrides);
    const r = spawnSync(hadolint!, ["Dockerfile", "goreleaser.Dockerfile"], { cwd: dir, encoding: "utf-8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("goreleaser check: the config with auth's image is valid", () => {
  const goreleaser = tool("goreleaser");
  it.skipIf(!goreleaser)("validates", () => {
    const { dir } = synth(ARDAN);
    // goreleaser checks the release's repository too: a git repository with a GitHub remote.
    execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
    execFileSync("git", ["remote", "add", "origin", "https://github.com/ardanlabs/service.git"], { cwd: dir });
    const r = spawnSync(goreleaser!, ["check"], { cwd: dir, encoding: "utf-8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});

describe("gosynth init: every other main that listens keeps an image of its own", () => {
  // vendored-deep-mains is shaped like ardanlabs/service: sales and auth call http.ListenAndServe, admin does not.
  const { plan } = planAdoption(copyFixture("vendored-deep-mains"), GO);
  const o = plan.options as { mainPackage: string; binaries: { name: string; mainPackage: string; image?: boolean }[] };
  const servers = ["./api/services/auth", "./api/services/sales"];
  const other = servers.find((m) => m !== o.mainPackage)!;

  it("marks the other server image: true and the admin tool not", () => {
    expect(servers).toContain(o.mainPackage);
    expect(o.binaries.find((b) => b.mainPackage === other)?.image).toBe(true);
    expect(o.binaries.find((b) => b.mainPackage === "./api/tooling/admin")).not.toHaveProperty("image");
  });

  it("says which main got its image and where it listens", () => {
    const name = other.split("/").pop()!;
    const line = plan.carried.find((c) => c.what.startsWith(`${other} gets an image of its own`));
    expect(line?.what).toContain(`--target ${name}`);
    expect(line?.from).toContain(`${other.slice(2)}/main.go`);
  });

  it("resolves into one more image target", () => {
    const { projectMakefile: _moved, ...adopted } = optionValues(plan.options) as GoServiceProjectOptions;
    expect(resolveConfig(adopted).image.binaryImages.map((i) => i.binaryName)).toEqual([other.split("/").pop()]);
  });

  it("gives that image the port its own main listens on (sales 3000, auth 6000 in their code), not the service's", () => {
    const expected = other.endsWith("/auth") ? 6000 : 3000;
    expect(o.binaries.find((b) => b.mainPackage === other)).toHaveProperty("ports", [expected]);
    const line = plan.carried.find((c) => c.what.includes(`EXPOSEs ${expected}`));
    expect(line?.from).toContain(`${other.slice(2)}/main.go`);
    const { projectMakefile: _moved, ...adopted } = optionValues(plan.options) as GoServiceProjectOptions;
    const dockerfile = synth({ ...adopted, starterCode: false }).files["Dockerfile"];
    expect(stage(dockerfile, other.split("/").pop()!).lines).toContain(`EXPOSE ${expected}`);
    expect(stage(dockerfile, "runtime").lines.find((l) => l.startsWith("EXPOSE"))).not.toContain(String(expected));
  });
});
