import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BaseImage, LintPreset } from "../src";
import { validOptions } from "./arbitraries";
import { readFacts } from "./facts";
import { synth } from "./util";

type Overrides = Parameters<typeof synth>[0];

/** Every fact shared between files agrees with the resolved config. */
function assertConsistent(overrides: Overrides): void {
  const { files, project } = synth(overrides);
  const c = project.config;
  const f = readFacts(files);
  const linux = c.imagePlatforms.map((p) => p.id);
  expect(f.goVersion.goMod ?? c.goVersion).toBe(c.goVersion);
  expect(f.goVersion.golangci).toBe(c.goVersion);
  expect(f.goVersion.builderImage).toBe(c.goPatchVersion);
  expect(c.goPatchVersion.startsWith(c.goVersion.split(".").slice(0, 2).join("."))).toBe(true);
  for (const fact of ["binaryName", "mainPackage", "ldflags", "cgo", "buildFlags"] as const) {
    const values = Object.values(f[fact]).filter((v) => v !== undefined || !c.goreleaser);
    const expected = { binaryName: c.binaryName, mainPackage: c.mainPackage, ldflags: f.ldflags.makefile, cgo: c.cgo ? "1" : "0", buildFlags: f.buildFlags.makefile }[fact];
    for (const v of c.goreleaser ? values : [f[fact].makefile, f[fact].dockerfile]) expect(v, fact).toBe(expected);
  }
  expect(f.ldflags.makefile).toContain(`-X ${c.versionVariable}=<v>`);
  expect([...f.platforms.makefile].sort()).toEqual(c.platforms.map((p) => p.id).sort());
  expect(f.platforms.dockerBuildx).toEqual(linux);
  if (c.goreleaser) {
    expect([...f.platforms.goreleaser].sort()).toEqual(c.platforms.map((p) => p.id).sort());
    expect(f.platforms.goreleaserImages).toEqual(linux);
    expect(f.tools.makefileGoreleaser).toBe(c.tools.goreleaser);
    if (c.ci) expect(f.tools.releaseGoreleaser).toBe(c.tools.goreleaser);
  }
  if (c.ci) {
    expect(f.platforms.ci).toEqual(linux);
    expect(f.tools.ciGolangci).toBe(c.tools.golangciLint);
  }
  expect(f.tools.makefileGolangci).toBe(c.tools.golangciLint);
  expect(f.port.expose).toBe(String(c.port));
  expect(files.Dockerfile).toContain(`${c.binaryName}", "healthcheck"]`);
  if (c.goreleaser) expect(files["goreleaser.Dockerfile"]).toContain(`EXPOSE ${c.port}`);
}

describe("facts shared between files agree (fixed configs)", () => {
  const configs: [string, Overrides][] = [
    ["defaults", {}],
    ["scratch, three platforms, tags", { baseImage: BaseImage.SCRATCH, platforms: ["linux/amd64", "linux/arm64", "darwin/arm64"], buildTags: ["netgo"] }],
    ["cgo on distroless base", { baseImage: BaseImage.DISTROLESS_BASE, cgo: true, goVersion: "1.25.3" }],
    ["alpine, arm/v7, no goreleaser", { baseImage: BaseImage.ALPINE, platforms: ["linux/arm/v7", "linux/amd64"], goreleaser: false }],
    ["custom names, windows, strict lint", { binaryName: "api", mainPackage: "./cmd/server", port: 3000, platforms: ["linux/amd64", "windows/amd64"], lintPreset: LintPreset.STRICT, stripBinary: false }],
  ];
  it.each(configs)("%s", (_name, overrides) => assertConsistent(overrides));
});

describe("facts shared between files agree (property-based)", () => {
  it("for 150 generated configs", () => {
    fc.assert(fc.property(validOptions, (o) => assertConsistent(o)), { numRuns: 150 });
  });
});
