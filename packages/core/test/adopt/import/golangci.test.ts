import { describe, expect, it } from "vitest";
import { findGolangciConfig, importGolangci } from "../../../src/adopt/import/golangci";
import { writeModule } from "../helpers";

// Inputs shaped like real services' configs; expected v2 data written from golangci-lint's
// migration guide (test/e2e/golangci-migrate.test.ts checks the same against the real `migrate`).

describe("findGolangciConfig", () => {
  it("takes the file golangci-lint reads first: .yml, .yaml, .toml, .json", () => {
    expect(findGolangciConfig(writeModule({ ".golangci.json": "{}", ".golangci.yaml": "" }))).toBe(".golangci.yaml");
    expect(findGolangciConfig(writeModule({ ".golangci.yaml": "", ".golangci.yml": "" }))).toBe(".golangci.yml");
    expect(findGolangciConfig(writeModule({ ".golangci.json": "{}", ".golangci.toml": "" }))).toBe(".golangci.toml");
    expect(findGolangciConfig(writeModule({ "go.mod": "module x\n" }))).toBeUndefined();
  });
});

describe("importGolangci: a v2 config", () => {
  it("is returned as it is", () => {
    const text = `version: "2"
run:
  modules-download-mode: readonly
linters:
  default: none
  enable: [govet, misspell, staticcheck]
  settings:
    staticcheck:
      checks: [all, -ST1003]
  exclusions:
    generated: lax
    rules:
      - linters: [forbidigo]
        path: main.go
formatters:
  enable: [goimports]
`;
    expect(importGolangci(text, ".golangci.yml")).toEqual({
      version: 2,
      config: {
        version: "2",
        run: { "modules-download-mode": "readonly" },
        linters: {
          default: "none",
          enable: ["govet", "misspell", "staticcheck"],
          settings: { staticcheck: { checks: ["all", "-ST1003"] } },
          exclusions: { generated: "lax", rules: [{ linters: ["forbidigo"], path: "main.go" }] },
        },
        formatters: { enable: ["goimports"] },
      },
      notes: [],
      at: { file: ".golangci.yml", line: 1 },
    });
  });

  it("refuses a version golangci-lint does not read", () => {
    const result = importGolangci(`run:\n  go: "1.22"\nversion: "3"\n`, ".golangci.yml");
    expect(result.config).toBeUndefined();
    expect(result.notes).toEqual([".golangci.yml:3: version 3 is not a config version golangci-lint reads"]);
  });
});

/** v1's default exclusions, generated files and directories, as v2 writes them out. */
const V1_DEFAULTS = {
  linters: {
    exclusions: {
      generated: "lax",
      presets: ["comments", "common-false-positives", "legacy", "std-error-handling"],
      paths: ["third_party$", "builtin$", "examples$"],
    },
  },
  formatters: { exclusions: { generated: "lax", paths: ["third_party$", "builtin$", "examples$"] } },
};

describe("importGolangci: a v1 config is migrated to v2", () => {
  it("an empty v1 config keeps v1's default exclusions", () => {
    expect(importGolangci("", ".golangci.yml")).toEqual({
      version: 1,
      config: { version: "2", ...V1_DEFAULTS },
      notes: [],
      at: { file: ".golangci.yml", line: 1 },
    });
  });

  it("an enable list: v1's defaults leave it, formatters move, alternative names are renamed", () => {
    const { config, notes } = importGolangci(
      `linters:
  enable:
    - govet
    - revive
    - goimports
    - gomnd
    - vet
  disable:
    - errcheck
linters-settings:
  goimports:
    local-prefixes: github.com/acme/shop,github.com/acme/lib
  revive:
    rules:
      - name: exported
        disabled: true
  gocyclo:
    min-complexity: 15
`,
      ".golangci.yml",
    );
    expect(config).toEqual({
      version: "2",
      linters: {
        enable: ["mnd", "revive"],
        disable: ["errcheck"],
        settings: { revive: { rules: [{ name: "exported", disabled: true }] }, gocyclo: { "min-complexity": 15 } },
        exclusions: V1_DEFAULTS.linters.exclusions,
      },
      formatters: {
        enable: ["goimports"],
        settings: { goimports: { "local-prefixes": ["github.com/acme/shop", "github.com/acme/lib"] } },
        exclusions: V1_DEFAULTS.formatters.exclusions,
      },
    });
    expect(notes).toContain(".golangci.yml:2: goimports: a formatter in v2, moved to formatters.enable");
  });

  it("disable-all: default none, gosimple/stylecheck become staticcheck with their checks, removed linters dropped", () => {
    const { config, notes } = importGolangci(
      `linters:
  disable-all: true
  enable:
    - errcheck
    - gosimple
    - stylecheck
    - typecheck
    - golint
    - gofmt
linters-settings:
  gosimple:
    checks: ["all", "-S1023"]
  stylecheck:
    checks: ["*", "-ST1003"]
    dot-import-whitelist: [github.com/onsi/gomega]
  gofmt:
    simplify: false
  golint:
    min-confidence: 0.8
`,
      ".golangci.yml",
    );
    expect(config).toMatchObject({
      linters: {
        default: "none",
        enable: ["errcheck", "staticcheck"],
        settings: { staticcheck: { checks: ["all", "-S1023", "-ST1003"], "dot-import-whitelist": ["github.com/onsi/gomega"] } },
      },
      formatters: { enable: ["gofmt"], settings: { gofmt: { simplify: false } } },
    });
    expect((config as any).linters.settings.golint).toBeUndefined();
    expect(notes).toEqual([
      ".golangci.yml:1: gosimple, stylecheck: part of staticcheck in v2 (enabling one enables staticcheck; disabling one alone is not carried)",
      ".golangci.yml:3: gofmt: a formatter in v2, moved to formatters.enable",
      ".golangci.yml:7: typecheck is not a linter in golangci-lint v2: dropped",
      ".golangci.yml:8: golint is not a linter in golangci-lint v2: dropped",
      ".golangci.yml:12: linters-settings.gosimple.checks merged into linters.settings.staticcheck.checks: gosimple is part of staticcheck in v2",
      ".golangci.yml:14: linters-settings.stylecheck.checks merged into linters.settings.staticcheck.checks: stylecheck is part of staticcheck in v2",
      ".golangci.yml:18: golint is not a linter in golangci-lint v2: its settings are not carried",
    ]);
  });

  it("enable-all: default all, the v1 formatters not disabled are enabled as formatters", () => {
    const { config } = importGolangci(
      `linters:
  enable-all: true
  disable: [gci, gofumpt, exhaustivestruct, goerr113, dupl, stylecheck]
`,
      ".golangci.yml",
    );
    expect(config).toMatchObject({
      linters: { default: "all", disable: ["dupl", "err113"] },
      formatters: { enable: ["gofmt", "goimports"] },
    });
  });

  it("exclusions: rules, issues.exclude patterns, paths, presets, generated", () => {
    const { config } = importGolangci(
      `issues:
  exclude-use-default: false
  exclude-generated: strict
  exclude-dirs-use-default: false
  exclude-dirs: [internal/gen]
  exclude-files: ['.*\\.pb\\.go$']
  exclude:
    - "should have a package comment"
  exclude-rules:
    - path: _test\\.go
      linters: [errcheck, gosec, megacheck]
    - path: cmd/
      text: "G104:"
    - linters: [typecheck]
      text: "undeclared name"
linters-settings:
  goconst:
    ignore-tests: true
    min-len: 3
  cyclop:
    skip-tests: true
`,
      ".golangci.yml",
    );
    expect(config).toEqual({
      version: "2",
      linters: {
        settings: { goconst: { "min-len": 3 } },
        exclusions: {
          rules: [
            { linters: ["errcheck", "gosec", "staticcheck"], path: "_test\\.go" },
            { path: "cmd/", text: "G104:" },
            { path: "(.+)\\.go$", text: "should have a package comment" },
            { linters: ["cyclop", "goconst"], path: "(.+)_test\\.go" },
          ],
          paths: [".*\\.pb\\.go$", "internal/gen"],
        },
      },
    });
  });

  it("reads YAML anchors and merge keys as golangci-lint does", () => {
    const { config } = importGolangci(
      `issues:\n  exclude-rules:\n    - &tests\n      path: _test\\.go\n      linters: [errcheck]\n    - <<: *tests\n      linters: [dupl]\n`,
      ".golangci.yml",
    );
    expect((config as any).linters.exclusions.rules).toEqual([
      { linters: ["errcheck"], path: "_test\\.go" },
      { linters: ["dupl"], path: "_test\\.go" },
    ]);
  });

  it("issues.include drops the presets holding the re-included exclusions", () => {
    const { config, notes } = importGolangci(`issues:\n  include: [EXC0012, EXC0001]\n`, ".golangci.yml");
    expect((config as any).linters.exclusions.presets).toEqual(["common-false-positives", "legacy"]);
    expect(notes).toEqual([".golangci.yml:2: issues.include: the presets comments, std-error-handling are left out, v2 cannot re-include a single default exclusion"]);
  });

  it("run.skip-dirs and skip-files are carried as exclusion paths, with a note", () => {
    const { config, notes } = importGolangci(`run:\n  skip-dirs: [pkg/generated]\n  skip-files: [zz_generated.go]\n`, ".golangci.yml");
    expect((config as any).linters.exclusions.paths).toEqual(["zz_generated.go", "pkg/generated", "third_party$", "builtin$", "examples$"]);
    expect(notes).toEqual([
      ".golangci.yml:2: run.skip-dirs (deprecated since v1.57, dropped by golangci-lint migrate) carried as issues.exclude-dirs to linters.exclusions.paths",
      ".golangci.yml:3: run.skip-files (deprecated since v1.57, dropped by golangci-lint migrate) carried as issues.exclude-files to linters.exclusions.paths",
    ]);
  });

  it("run: timeout and a zero concurrency go, go and build-tags stay", () => {
    const { config, notes } = importGolangci(
      `run:\n  timeout: 5m\n  concurrency: 0\n  go: "1.22"\n  build-tags: [integration]\n  tests: false\n  relative-path-mode: cfg\n`,
      ".golangci.yml",
    );
    expect((config as any).run).toEqual({ go: "1.22", "build-tags": ["integration"], tests: false });
    expect(notes).toEqual([".golangci.yml:2: run.timeout is not carried: v2 has no timeout by default"]);
  });

  it("output: formats become v2's named formats with the print options on text", () => {
    const { config } = importGolangci(
      `output:
  formats:
    - format: colored-line-number
    - format: checkstyle
      path: report.xml
  print-issued-lines: false
  sort-results: true
  sort-order: [file]
`,
      ".golangci.yml",
    );
    expect((config as any).output).toEqual({
      formats: { text: { path: "stdout", "print-issued-lines": false }, checkstyle: { path: "report.xml" } },
      "sort-order": ["file"],
    });
  });

  it("severity: default-severity is default, rule linters renamed", () => {
    const { config } = importGolangci(
      `severity:\n  default-severity: error\n  rules:\n    - linters: [gomnd, stylecheck]\n      severity: info\n`,
      ".golangci.yml",
    );
    expect((config as any).severity).toEqual({ default: "error", rules: [{ linters: ["mnd", "staticcheck"], severity: "info" }] });
  });

  it("renamed and reshaped options; removed ones noted with their line", () => {
    const { config, notes } = importGolangci(
      `linters-settings:
  misspell:
    ignore-words: [cancelled]
  wrapcheck:
    ignoreSigs: [.Errorf(]
  predeclared:
    ignore: new,len
    q: true
  forbidigo:
    forbid:
      - ^print$
      - p: ^fmt\\.Print
        msg: use the logger
  govet:
    check-shadowing: true
    enable: [nilness]
  errcheck:
    exclude: errcheck.txt
`,
      ".golangci.yml",
    );
    expect((config as any).linters.settings).toEqual({
      misspell: { "ignore-rules": ["cancelled"] },
      wrapcheck: { "ignore-sigs": [".Errorf("] },
      predeclared: { ignore: ["new", "len"], "qualified-name": true },
      forbidigo: { forbid: [{ pattern: "^print$" }, { pattern: "^fmt\\.Print", msg: "use the logger" }] },
      govet: { enable: ["nilness"] },
    });
    expect(notes).toEqual([
      ".golangci.yml:15: linters-settings.govet.check-shadowing is not carried: deprecated since v1.57: add shadow to linters.settings.govet.enable to keep the check",
      ".golangci.yml:18: linters-settings.errcheck.exclude is not carried: deprecated since v1.42: list the functions in exclude-functions",
    ]);
  });

  it("keeps what it does not know where it was, with a note", () => {
    const { config, notes } = importGolangci(`service:\n  golangci-lint-version: 1.55.x\nrun:\n  deadline: 2m\n`, ".golangci.yml");
    expect(config).toMatchObject({ service: { "golangci-lint-version": "1.55.x" }, run: { deadline: "2m" } });
    expect(notes).toEqual([
      ".golangci.yml:1: service is not a golangci-lint v1 section: kept as written",
      ".golangci.yml:4: run.deadline is not a golangci-lint v1 option: kept as written",
    ]);
  });

  it("reads a JSON config, with lines", () => {
    const text = `{
  "linters": {
    "enable": ["gofumpt", "deadcode"]
  }
}
`;
    const { version, config, notes } = importGolangci(text, ".golangci.json");
    expect(version).toBe(1);
    expect(config).toMatchObject({ formatters: { enable: ["gofumpt"] } });
    expect((config as any).linters.enable).toBeUndefined();
    expect(notes).toEqual([
      ".golangci.json:3: deadcode is not a linter in golangci-lint v2: dropped",
      ".golangci.json:3: gofumpt: a formatter in v2, moved to formatters.enable",
    ]);
  });

  it("a TOML config is not read, with a note; its version is still told", () => {
    const v1 = importGolangci(`[linters]\nenable = ["misspell"]\n`, ".golangci.toml");
    expect(v1).toEqual({
      version: 1,
      config: undefined,
      notes: [".golangci.toml:1: a TOML config is not read here: convert it with golangci-lint migrate --format yaml"],
      at: { file: ".golangci.toml", line: 1 },
    });
    expect(importGolangci(`version = "2"\n\n[linters]\ndefault = "none"\n`, ".golangci.toml").version).toBe(2);
  });

  it("a config that does not parse gives no config and says where", () => {
    const result = importGolangci(`linters:\n  enable: [misspell\n`, ".golangci.yml");
    expect(result.config).toBeUndefined();
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/^\.golangci\.yml:\d+: .*: the config could not be parsed$/);
  });
});
