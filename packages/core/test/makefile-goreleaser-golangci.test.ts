import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { LintPreset } from "../src";
import { LINT_PRESETS } from "../src/golangci";
import { synth } from "./util";

describe("Makefile", () => {
  const { files, project } = synth();
  const mk = files.Makefile;
  it("defaults to help, which lists every target with its description", () => {
    expect(mk).toMatch(/^\.DEFAULT_GOAL := help$/m);
    for (const t of ["build", "run", "test", "vet", "fmt", "lint", "tidy", "check", "build-all", "docker-build", "docker-buildx", "release-snapshot", "clean"]) {
      expect(mk).toMatch(new RegExp(`^\\t@printf '  %-\\d+s  %s\\\\n' '${t}' '.+'$`, "m"));
      expect(mk).toMatch(new RegExp(`^\\.PHONY: ${t}$`, "m"));
    }
  });
  it("versions from git describe and the pinned golangci-lint", () => {
    expect(mk).toContain("VERSION ?= $(shell git describe --tags --always --dirty");
    expect(mk).toContain(`GOLANGCI_LINT_VERSION := ${project.config.tools.golangciLint}`);
    expect(mk).toContain("$(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)");
  });
  it("check runs vet, lint and test; test uses the race detector and coverage", () => {
    expect(mk).toMatch(/^check: vet lint test$/m);
    expect(mk).toContain("test -race -coverprofile=coverage.out ./...");
  });
  it("is extensible: targets, prerequisites, variables", () => {
    const m = project.makefile;
    m.addVariable("MIGRATE", "migrate");
    m.addTarget("migrate", { description: "Run migrations", prerequisites: ["build"], recipe: ["$(MIGRATE) up"] });
    m.target("check").addPrerequisite("migrate");
    const text = m.render();
    expect(text).toContain("MIGRATE ?= migrate");
    expect(text).toContain("'migrate' 'Run migrations'");
    expect(text).toMatch(/^check: vet lint test migrate$/m);
    expect(() => m.addTarget("build")).toThrow(/already has a target/);
  });
  it("drops release-snapshot without goreleaser and sets cross compilers with cgo", () => {
    expect(synth({ goreleaser: false }).files.Makefile).not.toContain("release-snapshot");
    const cgo = synth({ cgo: true, baseImage: "distroless-base" as never }).files.Makefile;
    expect(cgo).toContain("CC_linux_arm64 ?= aarch64-linux-gnu-gcc");
    expect(cgo).toContain("CC=$(CC_linux_arm64) GOOS=linux GOARCH=arm64");
  });
});

describe(".goreleaser.yaml", () => {
  const { files } = synth({ platforms: ["linux/amd64", "linux/arm64", "darwin/arm64", "windows/amd64"] });
  const text = files[".goreleaser.yaml"];
  const gr = parse(text);
  it("is version 2 with the schema modeline", () => {
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=https://goreleaser.com/static/schema.json");
    expect(gr.version).toBe(2);
  });
  it("builds exactly the configured platforms", () => {
    expect(gr.builds[0].goos).toEqual(["linux", "darwin", "windows"]);
    expect(gr.builds[0].ignore).toEqual([
      { goos: "darwin", goarch: "amd64" },
      { goos: "windows", goarch: "arm64" },
    ]);
  });
  it("uses non-deprecated archive keys and dockers_v2 with the release Dockerfile", () => {
    expect(gr.archives[0].formats).toEqual(["tar.gz"]);
    expect(gr.archives[0].format_overrides).toEqual([{ goos: "windows", formats: ["zip"] }]);
    expect(gr.archives[0]).not.toHaveProperty("format");
    expect(gr).not.toHaveProperty("dockers");
    expect(gr).not.toHaveProperty("docker_manifests");
    expect(gr.dockers_v2[0].dockerfile).toBe("goreleaser.Dockerfile");
    expect(gr.dockers_v2[0].platforms).toEqual(["linux/amd64", "linux/arm64"]);
  });
  it("shares the runtime stage with the Dockerfile", () => {
    const runtime = (df: string) => df.slice(df.indexOf("AS runtime")).split("\n").filter((l) => !l.startsWith("COPY") && !l.startsWith("ARG TARGETPLATFORM") && !l.startsWith("#"));
    expect(runtime(files["goreleaser.Dockerfile"])).toEqual(runtime(files.Dockerfile));
    expect(files["goreleaser.Dockerfile"]).toContain("COPY --chown=65532:65532 ${TARGETPLATFORM}/hello /usr/local/bin/hello");
  });
});

describe(".golangci.yml", () => {
  it("is v2 format with run.go, a preset, formatters and the module as local prefix", () => {
    const { files, project } = synth({ goVersion: "1.25" });
    const gl = parse(files[".golangci.yml"]);
    expect(gl.version).toBe("2");
    expect(gl.run.go).toBe("1.25");
    expect(gl.linters.default).toBe("standard");
    expect(gl.linters.enable).toEqual([...LINT_PRESETS[LintPreset.RECOMMENDED]].sort());
    expect(gl.linters.exclusions.generated).toBe("lax");
    expect(gl.formatters.enable).toEqual(["gofmt", "goimports"]);
    expect(gl.formatters.settings.goimports["local-prefixes"]).toEqual([project.config.modulePath]);
  });
  it("presets grow: standard within recommended within strict", () => {
    for (const l of LINT_PRESETS[LintPreset.STANDARD]) expect(LINT_PRESETS[LintPreset.RECOMMENDED]).toContain(l);
    for (const l of LINT_PRESETS[LintPreset.RECOMMENDED]) expect(LINT_PRESETS[LintPreset.STRICT]).toContain(l);
  });
  it("enable, disable, setting and addOverride all reach the file", () => {
    process.env.PROJEN_DISABLE_POST = "true";
    const { project } = synth();
    project.golangci.enable("gocognit");
    project.golangci.disable("revive", "errcheck");
    project.golangci.setting("gocognit", { "min-complexity": 20 });
    project.tryFindObjectFile(".golangci.yml")?.addOverride("run.timeout", "5m");
    project.synth();
    const gl = parse(require("node:fs").readFileSync(`${project.outdir}/.golangci.yml`, "utf-8"));
    expect(gl.linters.enable).toContain("gocognit");
    expect(gl.linters.enable).not.toContain("revive");
    expect(gl.linters.disable).toEqual(["errcheck", "revive"]);
    expect(gl.linters.settings.gocognit).toEqual({ "min-complexity": 20 });
    expect(gl.run.timeout).toBe("5m");
  });
});
