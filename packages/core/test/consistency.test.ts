import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { GoServiceProjectOptions } from "../src";
import { CANONICAL } from "./canonical";
import { validOptions } from "./arbitraries";
import { readFacts } from "./facts";
import { synth } from "./util";

type Overrides = Partial<GoServiceProjectOptions>;

/**
 * Oracles written from outside sources, not from the implementation: Debian's
 * cross-compiler commands (packages gcc-<triplet>), and the Docker reference
 * grammar for the registry of an image repository.
 */
const DEBIAN_CROSS_GCC: Record<string, string> = {
  "linux/amd64": "x86_64-linux-gnu-gcc",
  "linux/arm64": "aarch64-linux-gnu-gcc",
  "linux/arm/v7": "arm-linux-gnueabihf-gcc",
  "linux/arm": "arm-linux-gnueabihf-gcc",
  "linux/386": "i686-linux-gnu-gcc",
  "linux/ppc64le": "powerpc64le-linux-gnu-gcc",
  "linux/s390x": "s390x-linux-gnu-gcc",
  "linux/riscv64": "riscv64-linux-gnu-gcc",
};
/** The architectures each base image is published for (their registries' manifest lists). */
const PUBLISHED_ARCHS: Record<string, string[]> = {
  "distroless-static": ["amd64", "arm64", "arm", "s390x", "ppc64le"],
  "distroless-base": ["amd64", "arm64", "arm", "s390x", "ppc64le"],
  alpine: ["amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64"],
};
function dockerRegistry(repository: string): string {
  const [first, ...rest] = repository.split("/");
  return rest.length > 0 && (/[.:]/.test(first) || first === "localhost") ? first : "docker.io";
}
const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v) => v !== undefined))];

/** Every fact shared between files agrees across the files and with the options. */
function assertConsistent(o: Overrides): void {
  // With the Kubernetes manifests too: every file that states a fact.
  const { files } = synth({ ...o, kubernetes: true });
  const f = readFacts(files);
  const releases = o.goreleaser ?? true;
  const ci = o.ci ?? true;

  // One value per fact, whichever file it is read from.
  for (const fact of ["binaryName", "mainPackage", "ldflags", "cgo", "buildFlags"] as const) {
    expect(distinct(Object.values(f[fact])), fact).toHaveLength(1);
  }
  if (o.binaryName) expect(f.binaryName.makefile).toBe(o.binaryName);
  if (o.mainPackage) expect(f.mainPackage.makefile).toBe(o.mainPackage);
  expect(f.cgo.makefile).toBe(o.cgo ? "1" : "0");
  const version = o.versionVariable ?? ((o.starterCode ?? true) ? "main.version" : undefined);
  if (version) expect(f.ldflags.makefile).toContain(`-X ${version}=<v>`);
  else expect(f.ldflags.makefile).not.toContain("-X ");
  expect(f.ldflags.makefile.startsWith("-s -w")).toBe(o.stripBinary ?? true);
  expect(f.buildFlags.makefile).toContain("-trimpath");
  for (const tag of o.buildTags ?? []) expect(f.buildFlags.makefile).toContain(tag);

  // Go: go.mod, golangci-lint and the builder's exact patch of the same minor.
  expect(distinct([f.goVersion.goMod, f.goVersion.golangci])).toHaveLength(1);
  // goVersion names the minor; a new project's go line is that minor.
  if (o.goVersion) expect(f.goVersion.golangci).toBe(o.goVersion.split(".").slice(0, 2).join("."));
  expect(f.goVersion.builderImage.startsWith(`${f.goVersion.golangci.split(".").slice(0, 2).join(".")}.`)).toBe(true);
  expect(distinct(Object.values(f.goToolchain))).toEqual([f.goVersion.builderImage]);
  expect(f.goVersion.builderImage.localeCompare(f.goVersion.golangci, undefined, { numeric: true })).toBeGreaterThanOrEqual(0);

  // Platforms: builds for all, images for the linux ones.
  const all = o.platforms ?? ["linux/amd64", "linux/arm64"];
  const published = PUBLISHED_ARCHS[o.baseImage ?? "distroless-static"];
  const linux = all.filter((p) => p.startsWith("linux/") && (published === undefined || published.includes(p.split("/")[1])));
  expect([...f.platforms.makefile].sort()).toEqual([...all].sort());
  expect(f.platforms.dockerBuildx).toEqual(linux);
  if (releases) {
    expect([...f.platforms.goreleaser!].sort()).toEqual([...all].sort());
    expect(f.platforms.goreleaserImages).toEqual(linux);
  }
  if (ci) expect(f.platforms.ci).toEqual(linux);

  // cgo: the same Debian cross compiler per platform in the Makefile and goreleaser.
  if (o.cgo) {
    for (const p of all) {
      expect(f.compilers.makefile[p], `Makefile CC for ${p}`).toBe(DEBIAN_CROSS_GCC[p]);
      if (releases) expect(f.compilers.goreleaser![p.split("/").slice(0, 2).join("/")], `goreleaser CC for ${p}`).toBe(DEBIAN_CROSS_GCC[p]);
    }
  } else {
    expect(f.compilers.makefile).toEqual({});
    expect(f.compilers.goreleaser).toBeUndefined();
  }

  // Names derived from the binary name are valid where they land: compose's service rule, a Kubernetes DNS label.
  if (files["compose.yaml"]) for (const name of Object.keys(parse(files["compose.yaml"]).services)) expect(name).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
  if (files["deploy/kubernetes/deployment.yaml"]) expect(parse(files["deploy/kubernetes/deployment.yaml"]).metadata.name).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);

  // The image: port, user, repository and its registry, build args.
  expect(distinct(Object.values(f.port))).toEqual([String(o.port ?? 8080)]);
  expect(distinct(Object.values(f.runtimeUser))).toHaveLength(1);
  expect(f.healthcheck.compose).toBe(f.healthcheck.dockerfile);
  expect(f.runtimeUser.dockerfile).toMatch(/^\d+:\d+$/);
  expect(f.runtimeUser.dockerfile.startsWith("0:")).toBe(false);
  if (o.runtimeUid) expect(f.runtimeUser.dockerfile).toBe(`${o.runtimeUid}:${o.runtimeUid}`);
  expect(distinct(Object.values(f.imageRepository))).toEqual([f.imageRepository.makefile]);
  if (o.imageRepository) expect(f.imageRepository.makefile).toBe(o.imageRepository);
  for (const registry of [f.loginRegistry.ci, f.loginRegistry.release]) {
    if (registry !== undefined) expect(registry).toBe(dockerRegistry(f.imageRepository.makefile));
  }
  expect(f.buildArgs.dockerfile).toEqual(["CREATED", "REVISION", "VERSION"]);
  // Builders pass the Dockerfile's ARGs, plus SOURCE_DATE_EPOCH, which BuildKit reads without an ARG.
  for (const passed of [f.buildArgs.makefile, f.buildArgs.goreleaser]) {
    if (passed !== undefined) expect(passed).toEqual([...f.buildArgs.dockerfile, "SOURCE_DATE_EPOCH"].sort());
  }
  if (f.buildArgs.ci !== undefined) expect(f.buildArgs.ci).toEqual(f.buildArgs.dockerfile);

  // Tools: the versions CI and the Makefile install agree; actions are pinned by SHA.
  if (ci) expect(f.tools.ciGolangci).toBe(f.tools.makefileGolangci);
  if (ci && releases) expect(f.tools.releaseGoreleaser).toBe(f.tools.makefileGoreleaser);
  for (const uses of f.actionUses) expect(uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);

  if (f.binaryName.healthcheck !== undefined) expect(f.binaryName.healthcheck).toBe(f.binaryName.makefile);

  // The binary is root's and read-only in both images: the user that runs it cannot rewrite it.
  for (const copy of [f.binaryCopy.dockerfile, f.binaryCopy.release]) {
    if (copy === undefined) continue;
    expect(copy).not.toContain("--chown");
    expect(copy).toContain("--chmod=0555");
  }
  // compose passes the Dockerfile's build args.
  if (f.composeBuildArgs) expect(f.composeBuildArgs).toEqual(f.buildArgs.dockerfile);
  // Kubernetes probes: the starter code's /healthz and /readyz, else the image's own check for both.
  if (f.kubernetesProbes) {
    const starter = (o.starterCode ?? true) && f.healthcheck.dockerfile?.endsWith(`"healthcheck"]`);
    if (starter) expect(f.kubernetesProbes).toEqual({ liveness: "httpGet /healthz", readiness: "httpGet /readyz" });
    else if (f.healthcheck.dockerfile?.includes("/usr/local/bin/healthprobe")) {
      const path = new URL(JSON.parse(f.healthcheck.dockerfile)[1]).pathname;
      expect(f.kubernetesProbes).toEqual({ liveness: `httpGet ${path}`, readiness: `httpGet ${path}` });
    } else if (f.healthcheck.dockerfile) expect(f.kubernetesProbes.liveness).toBe(`exec ${f.healthcheck.dockerfile}`);
    else expect(f.kubernetesProbes).toEqual({ liveness: undefined, readiness: undefined });
  }
  // SOURCE_DATE_EPOCH: the commit time, computed the same way by make and CI; goreleaser's own template for it.
  expect(f.sourceDateEpoch.makefile).toMatch(/^git log -1 --format=%ct/);
  if (ci) expect(f.sourceDateEpoch.ci).toBe(f.sourceDateEpoch.makefile);
  if (releases) {
    expect(f.sourceDateEpoch.goreleaserModTimestamp).toBe("{{ .CommitTimestamp }}");
    expect(f.sourceDateEpoch.goreleaserBuildArg).toBe("{{ .CommitTimestamp }}");
  }
  // Every tool version a file names is the one gosynth.pins.json pins.
  const pins = f.tools.pins;
  expect(f.tools.makefileGolangci).toBe(pins.golangciLint);
  for (const [version, tool] of [
    [f.tools.makefileGovulncheck, "govulncheck"],
    [f.tools.ciGovulncheck, "govulncheck"],
    [f.tools.makefileSyft, "syft"],
    [f.tools.releaseSyft, "syft"],
    [f.tools.releaseCosign, "cosign"],
    [f.tools.makefileGoreleaser, "goreleaser"],
  ] as const) {
    if (version !== undefined) expect(version, tool).toBe(pins[tool]);
  }
}


describe("facts shared between files agree (fixed configs)", () => {
  it.each(CANONICAL)("%s", (_name, overrides) => assertConsistent(overrides));
  it.each([
    ["Docker Hub", "acme/hello"],
    ["GitHub", "ghcr.io/acme/hello"],
    ["a registry with a port", "registry.example.com:5000/team/hello"],
  ])("pushing images to %s logs in to that registry", (_name, imageRepository) => assertConsistent({ imageRepository, pushImages: true }));
});

describe("facts shared between files agree (property-based)", () => {
  it("for 150 generated configs", () => {
    fc.assert(fc.property(validOptions, (o) => assertConsistent(o)), { numRuns: 150 });
  });
});
