import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { binaryNameFromModule, DetectionError, majorVersionSuffix, readGoMod, readGoModFile } from "../../src/adopt";
import { FIXTURES } from "./helpers";

describe("readGoMod", () => {
  it("reads module, go and toolchain lines", () => {
    expect(readGoMod("module example.com/acme/fleet\n\ngo 1.25.0\n\ntoolchain go1.25.3\n")).toEqual({
      modulePath: "example.com/acme/fleet",
      goLine: "1.25.0",
      toolchainLine: "go1.25.3",
    });
  });

  it("keeps an old two-part go line as written and has no toolchain", () => {
    expect(readGoMod("module example.com/legacy/greeter\n\ngo 1.16\n")).toEqual({ modulePath: "example.com/legacy/greeter", goLine: "1.16", toolchainLine: undefined });
  });

  it("ignores comments, including ones that look like directives", () => {
    const text = "// module example.com/wrong\n// Deprecated: use v2\nmodule example.com/right // the real one\n// go 1.10\ngo 1.22 // minimum\n";
    expect(readGoMod(text)).toMatchObject({ modulePath: "example.com/right", goLine: "1.22" });
  });

  it("unquotes quoted module paths", () => {
    expect(readGoMod('module "example.com/quoted"\n').modulePath).toBe("example.com/quoted");
    expect(readGoMod("module `example.com/raw`\n").modulePath).toBe("example.com/raw");
  });

  it("reads a module ( ... ) block and does not take require lines for module lines", () => {
    const text = "module (\n\texample.com/block\n)\n\ngo 1.21\n\nrequire (\n\tgithub.com/x/go v1.0.0\n)\n";
    expect(readGoMod(text)).toMatchObject({ modulePath: "example.com/block", goLine: "1.21" });
  });

  it("handles CRLF line endings and a BOM", () => {
    expect(readGoMod("\uFEFFmodule example.com/win\r\n\r\ngo 1.24.2\r\ntoolchain go1.24.5\r\n")).toEqual({
      modulePath: "example.com/win",
      goLine: "1.24.2",
      toolchainLine: "go1.24.5",
    });
  });

  it("returns no module path when there is no module line", () => {
    expect(readGoMod("go 1.22\n").modulePath).toBeUndefined();
  });
});

describe("readGoModFile", () => {
  it("reads a fixture's go.mod", () => {
    expect(readGoModFile(join(FIXTURES, "v2-module"))).toEqual({ modulePath: "example.com/acme/tool/v2", goLine: "1.25.0", toolchainLine: "go1.25.3" });
  });

  it("says how to fix a directory without go.mod", () => {
    const dir = mkdtempSync(join(tmpdir(), "gosynth-adopt-"));
    const err = (() => {
      try {
        readGoModFile(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DetectionError);
    expect((err as Error).message).toBe(`${dir} has no go.mod: run gosynth init in a Go module's root, or create one with go mod init`);
    expect(err).toMatchObject({ option: "dir", value: dir, problem: "has no go.mod", example: "go mod init example.com/acme/hello" });
  });

  it("rejects a go.mod without a module line", () => {
    const dir = mkdtempSync(join(tmpdir(), "gosynth-adopt-"));
    writeFileSync(join(dir, "go.mod"), "go 1.22\n");
    expect(() => readGoModFile(dir)).toThrow(/has no module line/);
  });

  it("reports a go.mod that cannot be read", () => {
    const dir = mkdtempSync(join(tmpdir(), "gosynth-adopt-"));
    mkdirSync(join(dir, "go.mod"));
    expect(() => readGoModFile(dir)).toThrow(/could not be read/);
    if (process.getuid?.() !== 0) {
      const other = mkdtempSync(join(tmpdir(), "gosynth-adopt-"));
      writeFileSync(join(other, "go.mod"), "module x\n");
      chmodSync(join(other, "go.mod"), 0o000);
      expect(() => readGoModFile(other)).toThrow(/could not be read/);
    }
  });
});

describe("module path helpers", () => {
  it("finds major version suffixes", () => {
    expect(majorVersionSuffix("example.com/acme/tool/v2")).toBe("v2");
    expect(majorVersionSuffix("example.com/acme/tool/v10")).toBe("v10");
    expect(majorVersionSuffix("gopkg.in/yaml.v3")).toBe("v3");
    expect(majorVersionSuffix("example.com/acme/tool")).toBeUndefined();
    // v0 and v1 are never suffixes; a bare /v1 is just a name.
    expect(majorVersionSuffix("example.com/acme/v1")).toBeUndefined();
    expect(majorVersionSuffix("example.com/acme/v2x")).toBeUndefined();
  });

  it("names the binary after the last element that is not a major version", () => {
    expect(binaryNameFromModule("example.com/acme/tool/v2")).toBe("tool");
    expect(binaryNameFromModule("example.com/acme/tool")).toBe("tool");
    expect(binaryNameFromModule("gopkg.in/yaml.v3")).toBe("yaml");
    expect(binaryNameFromModule("github.com/Acme/My_Service")).toBe("my_service");
    expect(binaryNameFromModule("example.com/acme/Hello World+Go")).toBe("hello-world-go");
    expect(binaryNameFromModule("example.com/acme/.hidden-")).toBe("hidden");
    expect(binaryNameFromModule("hello")).toBe("hello");
  });
});
