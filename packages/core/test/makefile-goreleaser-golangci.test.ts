import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { LintPreset } from "../src";
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
  it("versions from git describe; the golangci-lint version the project pins, installed from its module", () => {
    expect(mk).toContain("VERSION ?= $(shell git describe --tags --always --dirty");
    const pinned = synth({ toolVersions: { golangciLint: "v2.99.1" } }).files.Makefile;
    expect(pinned).toMatch(/^GOLANGCI_LINT_VERSION := v2\.99\.1$/m);
    expect(pinned).toContain("$(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)");
  });
  it("check runs vet, lint and test; test uses the race detector, coverage and the build tags", () => {
    expect(mk).toMatch(/^check: vet lint test$/m);
    expect(mk).toContain("CGO_ENABLED=1 $(GO) test $(GO_CHECK_FLAGS) -race -coverprofile=coverage.out ./...");
    expect(synth({ buildTags: ["integration"] }).files.Makefile).toMatch(/^GO_CHECK_FLAGS := -tags=integration$/m);
  });
  it("vendor: -mod=vendor in every build, make tidy re-vendors", () => {
    const vendored = synth({ vendor: true }).files.Makefile;
    expect(vendored).toMatch(/^GO_BUILD_FLAGS := -trimpath -mod=vendor$/m);
    expect(vendored).toMatch(/^GO_CHECK_FLAGS := -mod=vendor$/m);
    expect(vendored).toMatch(/^tidy:\n\t\$\(GO\) mod tidy\n\t\$\(GO\) mod vendor$/m);
  });
  it("extra build flags reach every go build line", () => {
    const pie = synth({ buildFlags: ["-buildmode=pie"], platforms: ["linux/amd64", "darwin/arm64"] }).files.Makefile;
    expect(pie).toMatch(/^GO_BUILD_FLAGS := -trimpath -buildmode=pie$/m);
    expect(pie.match(/\$\(GO\) build \$\(GO_BUILD_FLAGS\)/g)?.length).toBe(3);
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
    expect(files["goreleaser.Dockerfile"]).toContain("COPY --chmod=0555 ${TARGETPLATFORM}/hello /usr/local/bin/hello");
  });
});

describe(".golangci.yml", () => {
  const enabled = (preset: LintPreset) => parse(synth({ lintPreset: preset }).files[".golangci.yml"]).linters.enable as string[];
  it("is v2 format with run.go, the recommended linters, formatters and the module as local prefix", () => {
    const { files } = synth({ goVersion: "1.25" });
    const gl = parse(files[".golangci.yml"]);
    expect(gl.version).toBe("2");
    expect(gl.run.go).toBe("1.25");
    expect(gl.linters.default).toBe("standard");
    // The recommended set, as docs/practices.md states it.
    expect(gl.linters.enable).toEqual([
      "bodyclose", "contextcheck", "copyloopvar", "durationcheck", "errname", "errorlint", "gocritic", "gosec", "misspell",
      "nilerr", "noctx", "predeclared", "revive", "sloglint", "unconvert", "unparam", "usestdlibvars",
    ]);
    expect(gl.linters.exclusions.generated).toBe("lax");
    expect(gl.formatters.enable).toEqual(["gofmt", "goimports"]);
    expect(gl.formatters.settings.goimports["local-prefixes"]).toEqual(["example.com/acme/hello"]);
  });
  it("presets grow: standard within recommended within strict", () => {
    const [standard, recommended, strict] = [LintPreset.STANDARD, LintPreset.RECOMMENDED, LintPreset.STRICT].map(enabled);
    expect(standard.length).toBeLessThan(recommended.length);
    expect(recommended.length).toBeLessThan(strict.length);
    for (const l of standard) expect(recommended).toContain(l);
    for (const l of recommended) expect(strict).toContain(l);
  });
  it("a config of the project's own replaces the preset, keeping its keys; run.go is filled in", () => {
    const own = { linters: { default: "none", enable: ["govet", "misspell"], settings: { govet: { enable: ["shadow"] } }, exclusions: { rules: [{ path: "_test\\.go", linters: ["errcheck"] }] } }, issues: { "max-same-issues": 0 } };
    const gl = parse(synth({ golangciConfig: own, goVersion: "1.26" }).files[".golangci.yml"]);
    expect(gl.version).toBe("2");
    expect(gl.run.go).toBe("1.26");
    expect(gl.linters.default).toBe("none");
    expect(gl.linters.enable).toEqual(["govet", "misspell"]);
    expect(gl.linters.settings).toEqual({ govet: { enable: ["shadow"] } });
    expect(gl.linters.exclusions).toEqual(own.linters.exclusions);
    expect(gl.issues).toEqual({ "max-same-issues": 0 });
    expect(gl).not.toHaveProperty("formatters");
  });
  it("enable, disable, setting and addOverride all reach the file", () => {
    process.env.PROJEN_DISABLE_POST = "true";
    const { project } = synth();
    project.golangci.enable("gocognit");
    project.golangci.disable("revive", "errcheck");
    project.golangci.setting("gocognit", { "min-complexity": 20 });
    project.golangci.file.addOverride("run.timeout", "5m");
    project.synth();
    const gl = parse(require("node:fs").readFileSync(`${project.outdir}/.golangci.yml`, "utf-8"));
    expect(gl.linters.enable).toContain("gocognit");
    expect(gl.linters.enable).not.toContain("revive");
    expect(gl.linters.disable).toEqual(["errcheck", "revive"]);
    expect(gl.linters.settings.gocognit).toEqual({ "min-complexity": 20 });
    expect(gl.run.timeout).toBe("5m");
  });
});
