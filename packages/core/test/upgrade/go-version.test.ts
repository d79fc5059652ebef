import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { moveGoVersion } from "../../src/upgrade/projenrc-go-version";
import { applyUpgrade, currentPins } from "../../src/upgrade/upgrade";
import { renderPins } from "../../src/config/pins";

function project(projenrc: string, goToolchain = "1.26.8"): string {
  const dir = mkdtempSync(join(tmpdir(), "gosynth-goversion-"));
  writeFileSync(join(dir, ".projenrc.ts"), projenrc);
  writeFileSync(join(dir, "gosynth.pins.json"), renderPins({ goToolchain, tools: {}, actions: {}, npm: {} }));
  return dir;
}

const RC = 'const project = new GoServiceProject({\n  name: "api",\n  goVersion: "1.26",\n  port: 8080,\n});\n';

describe("upgrade --minor moves goVersion with the toolchain", () => {
  it("edits the one string literal and nothing else", () => {
    const dir = project(RC);
    expect(moveGoVersion(dir, "1.27").text).toBe(RC.replace('goVersion: "1.26"', 'goVersion: "1.27"'));
    expect(moveGoVersion(dir, "1.26")).toEqual({});
  });
  it("keeps the quote style", () => {
    const dir = project(RC.replace('"1.26"', "'1.26'"));
    expect(moveGoVersion(dir, "1.27").text).toContain("goVersion: '1.27'");
  });
  it("leaves a computed goVersion to the user, saying what to set", () => {
    const dir = project(RC.replace('goVersion: "1.26"', "goVersion: process.env.GO_MINOR"));
    expect(moveGoVersion(dir, "1.27")).toEqual({ note: 'set goVersion: "1.27" in .projenrc.ts (gosynth edits only a single string literal there)' });
  });
  it("needs nothing when .projenrc.ts does not set goVersion (the pin decides)", () => {
    expect(moveGoVersion(project(RC.replace('  goVersion: "1.26",\n', "")), "1.27")).toEqual({});
  });
  it("applyUpgrade writes pins and goVersion together, and restore puts both back", () => {
    const dir = project(RC);
    const pins = { ...currentPins(dir), goToolchain: "1.27.4" };
    const applied = applyUpgrade(dir, { pins, changes: [{ what: "Go toolchain", from: "1.26.8", to: "1.27.4" }], notes: [] });
    expect(applied.changed).toBe(true);
    expect(readFileSync(join(dir, ".projenrc.ts"), "utf-8")).toContain('goVersion: "1.27"');
    expect(JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8")).goToolchain).toBe("1.27.4");
    applied.restore();
    expect(readFileSync(join(dir, ".projenrc.ts"), "utf-8")).toBe(RC);
    expect(JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8")).goToolchain).toBe("1.26.8");
  });
  it("a patch upgrade leaves .projenrc.ts alone", () => {
    const dir = project(RC);
    applyUpgrade(dir, { pins: { ...currentPins(dir), goToolchain: "1.26.9" }, changes: [], notes: [] });
    expect(readFileSync(join(dir, ".projenrc.ts"), "utf-8")).toBe(RC);
  });
});

describe("the pins file follows goVersion's minor", () => {
  it("moves goToolchain when goVersion names another minor, keeps everything else, and keeps a same-minor pin", async () => {
    const { synth } = await import("../util");
    const { dir } = synth({ goVersion: "1.26" });
    const first = JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8"));
    expect(first.goToolchain).toMatch(/^1\.26\.\d+$/);
    // A patch upgrade of the same minor stays.
    writeFileSync(join(dir, "gosynth.pins.json"), renderPins({ ...first, goToolchain: "1.26.99" }));
    synth({ goVersion: "1.26" }, dir);
    expect(JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8")).goToolchain).toBe("1.26.99");
    // Another minor (go.mod's go line is the user's to lower first): the pin moves to that
    // minor's newest known patch; tools and actions stay.
    writeFileSync(join(dir, "go.mod"), readFileSync(join(dir, "go.mod"), "utf-8").replace(/^go 1\.26.*$/m, "go 1.25"));
    synth({ goVersion: "1.25" }, dir);
    const moved = JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8"));
    expect(moved.goToolchain).toMatch(/^1\.25\.\d+$/);
    expect({ ...moved, goToolchain: undefined }).toEqual({ ...first, goToolchain: undefined });
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toContain(`golang:${moved.goToolchain}-trixie AS build`);
  });
});

describe("the tools' Go", () => {
  it("is never older than the tools need, on a project of an older minor", async () => {
    const { synth } = await import("../util");
    const { dir } = synth({ goVersion: "1.26" });
    writeFileSync(join(dir, "go.mod"), readFileSync(join(dir, "go.mod"), "utf-8").replace(/^go 1\.26.*$/m, "go 1.25"));
    const { files } = synth({ goVersion: "1.25" }, dir);
    expect(files.Makefile).toMatch(/^GO_TOOLCHAIN := 1\.25\.\d+$/m);
    // golangci-lint v2.15.0's go.mod says go 1.26.0 (proxy.golang.org): built with Go 1.25 it would not install.
    const tools = /^TOOLS_GOTOOLCHAIN := go(\d+)\.(\d+)\.\d+$/m.exec(files.Makefile)!;
    expect(Number(tools[1]) * 100 + Number(tools[2])).toBeGreaterThanOrEqual(126);
  });
});
