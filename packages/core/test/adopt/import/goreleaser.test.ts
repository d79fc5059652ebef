import { describe, expect, it } from "vitest";
import { findGoreleaserConfig, importGoreleaser } from "../../../src/adopt/import/goreleaser";
import { writeModule } from "../helpers";

// A v1 config as `goreleaser init` wrote them in 2022, with the docker and brew sections of a CLI.
const V1_CONFIG = `project_name: widget
before:
  hooks:
    - go mod tidy
builds:
  - env:
      - CGO_ENABLED=0
    ldflags: -s -w -X main.Version={{.Version}} -X main.Commit={{.Commit}} -X main.Date={{.Date}}
archives:
  - format: zip
    replacements:
      darwin: Darwin
      amd64: x86_64
snapshot:
  name_template: "{{ incpatch .Version }}-next"
dockers:
  - image_templates:
      - "acme/widget:{{ .Tag }}-amd64"
      - "ghcr.io/acme/widget:{{ .Tag }}-amd64"
    goarch: amd64
docker_manifests:
  - name_template: "acme/widget:{{ .Tag }}"
    image_templates:
      - "acme/widget:{{ .Tag }}-amd64"
brews:
  - tap:
      owner: acme
      name: homebrew-tap
`;

// A v2 server release in the shape of nats-server's: many OSes, arm variants, packages, custom names.
const V2_CONFIG = `version: 2
project_name: relay

env:
  - GOTOOLCHAIN=go1.26.2

builds:
  - &server
    id: relay
    main: ./cmd/relay
    binary: relay
    flags:
      - -trimpath
    ldflags:
      - -s -w -extldflags "-static"
      - -X 'example.com/relay/internal/build.version={{ .Version }}' -X example.com/relay/internal/build.commit={{.FullCommit}}
      - -X=example.com/relay/internal/build.date={{ .CommitDate }} -X example.com/relay/internal/build.branch={{.Branch}}
    env:
      - CGO_ENABLED=0
    goos: [linux, darwin, windows, freebsd]
    goarch: [amd64, arm, arm64]
    goarm: [6, 7]
    ignore:
      - goos: windows
        goarch: arm
      - goos: freebsd
        goarch: arm
      - goos: linux
        goarch: arm
        goarm: 6
    tags: [netgo, osusergo]
    mod_timestamp: "{{ .CommitTimestamp }}"
  - <<: *server
    id: relayctl
    main: ./cmd/relayctl
    binary: relayctl

archives:
  - id: tarballs
    ids: [relay, relayctl]
    name_template: "{{ .ProjectName }}-{{ .Tag }}-{{ .Os }}-{{ .Arch }}{{ if .Arm }}v{{ .Arm }}{{ end }}"
    wrap_in_directory: true
    formats: [tar.gz]
    format_overrides:
      - goos: windows
        formats: [zip]
    files:
      - src: LICENSE
        info:
          mode: 0644

checksum:
  name_template: SHA256SUMS
  algorithm: sha256

nfpms:
  - ids: [relay]
    formats: [deb, rpm]
    maintainer: Acme Ops <ops@example.com>
    bindir: /usr/bin

dockers_v2:
  - images:
      - ghcr.io/acme/relay
      - "docker.io/acme/{{ .ProjectName }}"
    tags: ["{{ .Version }}", latest]

kos:
  - repositories: ["{{ .Env.REGISTRY }}/relay"]
`;

describe("importGoreleaser: a v1 config", () => {
  const config = importGoreleaser(V1_CONFIG, ".goreleaser.yml");

  it("reads version 1 when there is no version key, and says goreleaser v2 warns", () => {
    expect(config.version).toEqual({ value: 1, at: { file: ".goreleaser.yml", line: 1 }, defaulted: "no version key: goreleaser reads version 1" });
    expect(config.notes).toContain(".goreleaser.yml:1: a version 1 config: goreleaser v2 warns, and fails on options removed in v2");
    expect(config.projectName).toEqual({ value: "widget", at: { file: ".goreleaser.yml", line: 1 } });
  });

  it("applies goreleaser's defaults to what the build leaves out", () => {
    const [build] = config.builds;
    expect(build.at).toEqual({ file: ".goreleaser.yml", line: 6 });
    expect(build.goos).toMatchObject({ value: ["linux", "darwin", "windows"], at: { line: 6 }, defaulted: expect.stringContaining("goos") });
    expect(build.goarch.value).toEqual(["amd64", "arm64", "386"]);
    expect(build.main).toMatchObject({ value: ".", defaulted: expect.any(String) });
    expect(build.binary).toMatchObject({ value: "widget", defaulted: "goreleaser's default binary: the project name" });
    expect(build.id?.value).toBe("widget");
    expect(build.env).toEqual([{ value: { name: "CGO_ENABLED", value: "0" }, at: { file: ".goreleaser.yml", line: 7 } }]);
  });

  it("lists the platforms, without darwin/386, which goreleaser drops", () => {
    expect(config.builds[0].platforms).toEqual([
      "linux/amd64", "linux/arm64", "linux/386", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64", "windows/386",
    ]);
    expect(config.notes).toContain(".goreleaser.yml:6: goreleaser skips darwin/386: not Go ports it builds");
  });

  it("splits a single-string ldflags into -X variables with roles and the other flags", () => {
    const build = config.builds[0];
    expect(build.ldflags.value).toEqual(["-s -w -X main.Version={{.Version}} -X main.Commit={{.Commit}} -X main.Date={{.Date}}"]);
    expect(build.ldflagsX.map((x) => x.value)).toEqual([
      { symbol: "main.Version", value: "{{.Version}}", role: "version" },
      { symbol: "main.Commit", value: "{{.Commit}}", role: "revision" },
      { symbol: "main.Date", value: "{{.Date}}", role: "created" },
    ]);
    expect(build.ldflagsX[0].at.line).toBe(8);
    expect(build.ldflagsOther.map((o) => o.value)).toEqual(["-s", "-w"]);
  });

  it("reports the deprecated keys with their lines", () => {
    expect(config.notes).toEqual(
      expect.arrayContaining([
        ".goreleaser.yml:10: archives[0].format is deprecated since goreleaser v2.6: use formats",
        ".goreleaser.yml:11: archives[0].replacements was removed in goreleaser v1.19: put the names in name_template",
        ".goreleaser.yml:15: snapshot.name_template is deprecated since goreleaser v2.2: use version_template",
        ".goreleaser.yml:26: brews[0].tap was removed in goreleaser v2: use repository",
        ".goreleaser.yml:25: brews is deprecated since goreleaser v2.10: use homebrew_casks",
        ".goreleaser.yml:16: dockers is deprecated in favour of dockers_v2 (one buildx build per image, manifests included)",
      ]),
    );
  });

  it("reads format: as the archive formats, and defaults the name template and checksum", () => {
    const [archive] = config.archives;
    expect(archive.formats).toEqual({ value: ["zip"], at: { file: ".goreleaser.yml", line: 10 } });
    expect(archive.id).toMatchObject({ value: "default", defaulted: expect.any(String) });
    expect(archive.nameTemplate.defaulted).toBeDefined();
    expect(archive.nameTemplate.value).toMatch(/^\{\{ \.ProjectName \}\}_\{\{ \.Version \}\}_\{\{ \.Os \}\}_\{\{ \.Arch \}\}/);
    expect(config.checksum.nameTemplate).toMatchObject({ value: "{{ .ProjectName }}_{{ .Version }}_checksums.txt", defaulted: expect.any(String) });
    expect(config.checksum.algorithm.value).toBe("sha256");
  });

  it("takes image names from dockers and docker_manifests with the tag cut off", () => {
    expect(config.images).toEqual([
      { value: { name: "acme/widget", from: "dockers" }, at: { file: ".goreleaser.yml", line: 18 } },
      { value: { name: "ghcr.io/acme/widget", from: "dockers" }, at: { file: ".goreleaser.yml", line: 19 } },
    ]);
  });

  it("keeps every top-level section as data with its line", () => {
    expect(Object.keys(config.sections)).toEqual(["project_name", "before", "builds", "archives", "snapshot", "dockers", "docker_manifests", "brews"]);
    expect(config.sections.before).toEqual({ value: { hooks: ["go mod tidy"] }, at: { file: ".goreleaser.yml", line: 2 } });
    expect(config.sections.brews.value).toEqual([{ tap: { owner: "acme", name: "homebrew-tap" } }]);
  });
});

describe("importGoreleaser: a v2 config with several OSes, arm variants and packages", () => {
  const config = importGoreleaser(V2_CONFIG, ".goreleaser.yaml");
  const [relay, relayctl] = config.builds;

  it("reads version 2 without a warning", () => {
    expect(config.version).toEqual({ value: 2, at: { file: ".goreleaser.yaml", line: 1 } });
    expect(config.notes.some((n) => n.includes("version 1"))).toBe(false);
  });

  it("gives the platforms left after ignore, with GOARM variants", () => {
    expect(relay.goarm.value).toEqual(["6", "7"]);
    expect(relay.ignore.map((i) => i.value)).toEqual([
      { goos: "windows", goarch: "arm" },
      { goos: "freebsd", goarch: "arm" },
      { goos: "linux", goarch: "arm", goarm: "6" },
    ]);
    expect(relay.platforms).toEqual([
      "linux/amd64", "linux/arm/v7", "linux/arm64",
      "darwin/amd64", "darwin/arm64",
      "windows/amd64", "windows/arm64",
      "freebsd/amd64", "freebsd/arm64",
    ]);
    expect(config.notes.some((n) => n.includes("darwin/arm"))).toBe(true);
  });

  it("splits ldflags lists with quotes, -X= and templates holding spaces", () => {
    expect(relay.ldflagsX.map((x) => [x.value.symbol, x.value.value, x.value.role, x.at.line])).toEqual([
      ["example.com/relay/internal/build.version", "{{ .Version }}", "version", 16],
      ["example.com/relay/internal/build.commit", "{{.FullCommit}}", "revision", 16],
      ["example.com/relay/internal/build.date", "{{ .CommitDate }}", "created", 17],
      ["example.com/relay/internal/build.branch", "{{.Branch}}", "branch", 17],
    ]);
    expect(relay.ldflagsOther.map((o) => o.value)).toEqual(["-s", "-w", "-extldflags=-static"]);
  });

  it("reads the second build through its << merge of the first", () => {
    expect(relayctl.id).toEqual({ value: "relayctl", at: { file: ".goreleaser.yaml", line: 34 } });
    expect(relayctl.main.value).toBe("./cmd/relayctl");
    expect(relayctl.flags.map((f) => f.value)).toEqual(["-trimpath"]);
    expect(relayctl.platforms).toEqual(relay.platforms);
    expect(relayctl.tags.map((t) => t.value)).toEqual(["netgo", "osusergo"]);
  });

  it("finds GOTOOLCHAIN in the top-level env", () => {
    expect(config.env).toEqual([{ value: { name: "GOTOOLCHAIN", value: "go1.26.2" }, at: { file: ".goreleaser.yaml", line: 5 } }]);
    expect(config.gotoolchain).toEqual({ value: "go1.26.2", at: { file: ".goreleaser.yaml", line: 5 } });
  });

  it("reads the archive's ids, name template, wrap_in_directory and format overrides", () => {
    const [archive] = config.archives;
    expect(archive).toMatchObject({
      id: { value: "tarballs" },
      ids: { value: ["relay", "relayctl"] },
      nameTemplate: { value: "{{ .ProjectName }}-{{ .Tag }}-{{ .Os }}-{{ .Arch }}{{ if .Arm }}v{{ .Arm }}{{ end }}", at: { line: 41 } },
      wrapInDirectory: { value: true, at: { line: 42 } },
      formats: { value: ["tar.gz"] },
      formatOverrides: [{ value: { goos: "windows", formats: ["zip"] }, at: { line: 45 } }],
    });
    // go-yaml reads 0644 as octal, as goreleaser does.
    expect(archive.files?.value).toEqual([{ src: "LICENSE", info: { mode: 0o644 } }]);
  });

  it("reads a SHA256SUMS checksum name", () => {
    expect(config.checksum.nameTemplate).toEqual({ value: "SHA256SUMS", at: { file: ".goreleaser.yaml", line: 53 } });
    expect(config.checksum.algorithm.defaulted).toBeUndefined();
  });

  it("keeps nfpms as data", () => {
    expect(config.sections.nfpms).toEqual({
      value: [{ ids: ["relay"], formats: ["deb", "rpm"], maintainer: "Acme Ops <ops@example.com>", bindir: "/usr/bin" }],
      at: { file: ".goreleaser.yaml", line: 56 },
    });
  });

  it("fills .ProjectName in image names and reports the ones it cannot evaluate", () => {
    expect(config.images.map((i) => i.value)).toEqual([
      { name: "ghcr.io/acme/relay", from: "dockers_v2" },
      { name: "docker.io/acme/relay", from: "dockers_v2" },
    ]);
    expect(config.notes).toContain('.goreleaser.yaml:69: kos repository "{{ .Env.REGISTRY }}/relay" is a template that cannot be evaluated here');
  });
});

describe("importGoreleaser: defaults and templates", () => {
  it("evaluates envOrDefault for GOTOOLCHAIN and notes env entries that are templates", () => {
    const config = importGoreleaser(
      `version: 2
project_name: gate
builds:
  - env:
      - GOTOOLCHAIN={{ envOrDefault "RELEASE_TOOLCHAIN" "go1.25.4" }}
      - >-
        {{- if eq .Os "darwin" }}CC=o64-clang{{- end }}
`,
      "goreleaser.yaml",
    );
    expect(config.gotoolchain).toEqual({ value: "go1.25.4", at: { file: "goreleaser.yaml", line: 5 } });
    expect(config.notes).toContain("goreleaser.yaml:5: GOTOOLCHAIN is go1.25.4 unless RELEASE_TOOLCHAIN is set when goreleaser runs");
    expect(config.notes.some((n) => n.startsWith("goreleaser.yaml:6: env entry"))).toBe(true);
    expect(config.builds[0].env.map((e) => e.value.name)).toEqual(["GOTOOLCHAIN"]);
  });

  it("makes goreleaser's default build when there is none, and its default ldflags", () => {
    const config = importGoreleaser("version: 2\nproject_name: tiny\nrelease:\n  draft: true\n", ".goreleaser.yaml");
    expect(config.builds).toHaveLength(1);
    const [build] = config.builds;
    expect(build.ldflags.defaulted).toBe("goreleaser's default ldflags");
    expect(build.ldflagsX.map((x) => `${x.value.symbol}=${x.value.role}`)).toEqual([
      "main.version=version", "main.commit=revision", "main.date=created", "main.builtBy=other",
    ]);
    expect(config.notes).toContain(".goreleaser.yaml:1: no builds: goreleaser builds the module root with its defaults");
  });

  it("leaves the binary unknown without a project name, and says where goreleaser takes it from", () => {
    const config = importGoreleaser("version: 2\nbuilds:\n  - main: ./cmd/api\n", ".goreleaser.yaml");
    expect(config.projectName).toBeUndefined();
    expect(config.builds[0].binary).toBeUndefined();
    expect(config.notes.some((n) => n.includes("go.mod module path"))).toBe(true);
  });

  it("takes the project name from release.github.name when project_name is absent", () => {
    const config = importGoreleaser("version: 2\nrelease:\n  github:\n    owner: acme\n    name: edge\n", ".goreleaser.yaml");
    expect(config.projectName).toMatchObject({ value: "edge", at: { line: 5 }, defaulted: expect.stringContaining("release.github.name") });
    expect(config.builds[0].binary?.value).toBe("edge");
  });

  it("expands targets: go_first_class instead of the matrix", () => {
    const config = importGoreleaser("version: 2\nproject_name: x\nbuilds:\n  - targets: [go_first_class, linux_arm_7]\n", ".goreleaser.yaml");
    expect(config.builds[0].platforms).toEqual([
      "darwin/amd64", "darwin/arm64", "linux/386", "linux/amd64", "linux/arm/v6", "linux/arm64", "windows/386", "windows/amd64", "linux/arm/v7",
    ]);
  });

  it("notes builds.gobinary as deprecated and reads it as the tool", () => {
    const config = importGoreleaser("version: 2\nproject_name: x\nbuilds:\n  - gobinary: go1.22.1\n", ".goreleaser.yaml");
    expect(config.builds[0].tool).toEqual({ value: "go1.22.1", at: { file: ".goreleaser.yaml", line: 4 } });
    expect(config.notes).toContain(".goreleaser.yaml:4: builds[0].gobinary is deprecated since goreleaser v2.5: use tool");
  });
});

describe("findGoreleaserConfig", () => {
  it("prefers .config/goreleaser.yml, then the dotted names, as goreleaser does", () => {
    expect(findGoreleaserConfig(writeModule({ ".goreleaser.yaml": "", ".config/goreleaser.yml": "" }))).toBe(".config/goreleaser.yml");
    expect(findGoreleaserConfig(writeModule({ "goreleaser.yml": "", ".goreleaser.yml": "" }))).toBe(".goreleaser.yml");
    expect(findGoreleaserConfig(writeModule({ "goreleaser.yaml": "" }))).toBe("goreleaser.yaml");
  });

  it("finds nothing in a repository without one", () => {
    expect(findGoreleaserConfig(writeModule({ "go.mod": "module example.com/x\n" }))).toBeUndefined();
  });
});
