import { describe, expect, it } from "vitest";
import { compareVersions, escapeModulePath, parseMajor, parseSemver, toolchainRelease } from "../../src/upgrade/sources/index.js";

describe("semver", () => {
  it("orders versions by semver 2.0 precedence", () => {
    const sorted = ["v1.10.0", "v1.2.0", "v1.2.0-rc.1", "v1.2.0-alpha", "v1.2.0-alpha.1", "v1.2.0-alpha.beta", "v1.2.0-beta.11", "v1.2.0-beta.2", "v0.9.9", "v2.0.0"].sort(compareVersions);
    expect(sorted).toEqual(["v0.9.9", "v1.2.0-alpha", "v1.2.0-alpha.1", "v1.2.0-alpha.beta", "v1.2.0-beta.2", "v1.2.0-beta.11", "v1.2.0-rc.1", "v1.2.0", "v1.10.0", "v2.0.0"]);
  });

  it("ignores build metadata and rejects what is not x.y.z", () => {
    expect(compareVersions("v2.0.0+incompatible", "v2.0.0")).toBe(0);
    expect(parseSemver("v2.0.0+incompatible")?.build).toBe("incompatible");
    for (const bad of ["v1", "v1.2", "1.02.3", "v1.2.3-01", "latest", "v1.2.3.4"]) expect(parseSemver(bad)).toBeUndefined();
    expect(compareVersions("garbage", "v0.0.1")).toBeLessThan(0);
  });

  it("reads majors", () => {
    expect(parseMajor("v2")).toBe(2);
    expect(parseMajor(0)).toBe(0);
    expect(() => parseMajor("v2.1")).toThrow(TypeError);
  });
});

describe("module path escaping", () => {
  it("writes uppercase letters as ! + lowercase", () => {
    expect(escapeModulePath("github.com/BurntSushi/toml")).toBe("github.com/!burnt!sushi/toml");
    expect(escapeModulePath("golang.org/x/vuln")).toBe("golang.org/x/vuln");
  });

  it("refuses paths that could leave the proxy root or are not Go module paths", () => {
    for (const bad of ["../etc/passwd", "a//b", "github.com/x/y/", "a/!b", "a/b c", "a/%2e", "a/b."]) {
      expect(() => escapeModulePath(bad), bad).toThrow(TypeError);
    }
  });
});

describe("toolchain versions", () => {
  it("extracts stable releases and drops rc/beta", () => {
    expect(toolchainRelease("v0.0.1-go1.27.4.linux-amd64")).toBe("1.27.4");
    expect(toolchainRelease("v0.0.1-go1.20.darwin-arm64")).toBe("1.20.0");
    expect(toolchainRelease("v0.0.1-go1.26rc1.linux-amd64")).toBeUndefined();
    expect(toolchainRelease("v0.0.1-go1.18beta1.linux-amd64")).toBeUndefined();
    expect(toolchainRelease("v1.0.0")).toBeUndefined();
  });
});
