import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { importGolangci } from "../../packages/core/src/adopt/import/golangci";
import { mustRun } from "../helpers/project";
import { tool } from "../helpers/tools";

// The real `golangci-lint migrate` is the judge of our v1 -> v2 migration: on each v1 config
// below (shaped like real services' configs), both must give the same linters, formatters,
// settings and exclusions. Where we differ on purpose, the test says so and checks the difference.

/** An enable list on top of the defaults, formatters among the linters, settings and test exclusions. */
const ENABLE_LIST = `run:
  timeout: 5m
  modules-download-mode: readonly
linters:
  enable:
    - misspell
    - revive
    - gofumpt
    - goimports
    - govet
    - errorlint
    - gomnd
  disable:
    - errcheck
linters-settings:
  goimports:
    local-prefixes: github.com/acme/shop
  gofumpt:
    extra-rules: true
  revive:
    rules:
      - name: unused-parameter
        severity: warning
        disabled: true
      - name: exported
        arguments: [disableStutteringCheck]
  errcheck:
    exclude-functions:
      - (net/http.ResponseWriter).Write
  misspell:
    locale: US
    ignore-words: [cancelled]
issues:
  exclude-rules:
    - path: _test\\.go
      linters:
        - errcheck
        - gomnd
    - path: internal/legacy/
      text: "exported (.+) should have comment"
      linters: [revive]
  max-same-issues: 0
`;

/** disable-all + enable, gosimple/stylecheck with their checks, govet and gocyclo settings, skip-dirs. */
const DISABLE_ALL = `run:
  go: "1.22"
  build-tags: [integration]
  skip-dirs:
    - pkg/generated
linters:
  disable-all: true
  enable:
    - errcheck
    - gosimple
    - govet
    - ineffassign
    - staticcheck
    - stylecheck
    - typecheck
    - unused
    - gofmt
    - gocyclo
    - golint
    - deadcode
linters-settings:
  govet:
    enable:
      - shadow
    settings:
      printf:
        funcs:
          - (github.com/acme/shop/log.Logger).Infof
  gocyclo:
    min-complexity: 15
  gofmt:
    simplify: true
    rewrite-rules:
      - pattern: "interface{}"
        replacement: "any"
  gosimple:
    checks: ["all", "-S1023"]
  stylecheck:
    checks: ["*", "-ST1000", "-ST1003"]
    initialisms: ["ACL", "API", "HTTP", "ID"]
  staticcheck:
    checks: ["all"]
issues:
  exclude-use-default: false
  exclude-rules:
    - linters: [stylecheck]
      text: "ST1005:"
    - linters: [golint]
      text: "should have comment"
    - path: cmd/
      linters: [gocyclo, gofmt]
  exclude-dirs:
    - third_party/proto
`;

/** enable-all with a long disable list (alternative and removed names among them). */
const ENABLE_ALL = `run:
  skip-files:
    - encode_optype.go
linters-settings:
  govet:
    enable-all: true
    disable:
      - shadow
      - fieldalignment
  lll:
    line-length: 140
  gocritic:
    enabled-tags: [diagnostic, performance]
    disabled-checks: [hugeParam]
linters:
  enable-all: true
  disable:
    - dupl
    - exhaustivestruct
    - exhaustruct
    - gci
    - gochecknoglobals
    - goerr113
    - gofumpt
    - gomnd
    - ifshort
    - interfacer
    - nosnakecase
    - stylecheck
    - varnamelen
    - wsl
    - depguard
issues:
  exclude-rules:
    - path: /*.go
      text: "ST1003: should not use underscores in package names"
      linters:
        - stylecheck
    - path: _test\\.go
      linters: [golint]
    - path: errors.go
      linters: [staticcheck]
  max-issues-per-linter: 0
  max-same-issues: 0
`;

/** issues.exclude, include, exclude-files/dirs, generated, severity, output formats, renamed options. */
const ISSUES_AND_OUTPUT = `run:
  concurrency: 0
  relative-path-mode: wd
  tests: false
output:
  formats:
    - format: colored-line-number
    - format: line-number
    - format: json
      path: lint-report.json
  print-issued-lines: false
  print-linter-name: true
  sort-results: true
linters:
  enable: [forbidigo, predeclared, wrapcheck, cyclop, goconst]
linters-settings:
  forbidigo:
    forbid:
      - ^print(ln)?$
      - p: ^fmt\\.Print.*$
        msg: use the logger
  predeclared:
    ignore: "new,len"
    q: true
  wrapcheck:
    ignoreSigs:
      - .Errorf(
      - errors.New(
    ignorePackageGlobs:
      - github.com/acme/shop/*
  cyclop:
    max-complexity: 12
    skip-tests: true
  goconst:
    min-len: 3
    ignore-tests: true
issues:
  exclude:
    - "Error return value of .((os\\\\.)?std(out|err)\\\\..*|.*Close|.*Flush|os\\\\.Remove(All)?|.*print(f|ln)?|os\\\\.(Un)?Setenv). is not checked"
  include:
    - EXC0012
    - EXC0014
  exclude-files:
    - ".*\\\\.pb\\\\.go$"
  exclude-dirs:
    - vendor-patches
  exclude-dirs-use-default: false
  exclude-generated: strict
  new-from-rev: origin/main
severity:
  default-severity: error
  rules:
    - linters: [gosimple, megacheck]
      severity: info
    - linters: [typecheck]
      severity: warning
`;

/** Options v2 removed or reshaped: each is dropped or converted the way migrate does. */
const REMOVED_OPTIONS = `linters:
  enable: [gocritic, depguard, asasalint, gosmopolitan, copyloopvar, sloglint, usestdlibvars, gci, gofumpt]
linters-settings:
  govet:
    check-shadowing: true
  errcheck:
    check-type-assertions: true
    ignore: fmt:.*
  gocritic:
    enabled-checks: [ruleguard]
    settings:
      ruleguard:
        rules: "\${configDir}/rules/*.go"
  depguard:
    rules:
      main:
        deny:
          - pkg: github.com/pkg/errors
            desc: use the standard errors package
  asasalint:
    ignore-test: true
  gosmopolitan:
    ignore-tests: true
    allow-time-local: true
  copyloopvar:
    ignore-alias: true
  sloglint:
    context-only: true
    no-mixed-args: false
  usestdlibvars:
    os-dev-null: true
    time-layout: true
  unused:
    exported-is-used: true
  staticcheck:
    go: "1.21"
  gci:
    local-prefixes: github.com/acme
  gofumpt:
    lang-version: "1.21"
    module-path: github.com/acme/shop
output:
  sort-order: [linter, file]
  path-prefix: services/shop
issues:
  uniq-by-line: false
  whole-files: true
severity:
  default-severity: warning
  case-sensitive: true
  rules:
    - linters: [dupl, gomnd]
      path: _test\\.go
      severity: info
`;

/** exclude-case-sensitive: v2 matches case-sensitively, but migrate adds (?i) to the patterns. */
const CASE_SENSITIVE = `issues:
  exclude-case-sensitive: true
  exclude-rules:
    - text: "ineffectual assignment to Err"
      linters: [ineffassign]
    - source: "^//go:generate "
      linters: [lll]
`;

/** A JSON config (golangci-lint reads .golangci.json the same way). */
const JSON_CONFIG = JSON.stringify(
  {
    run: { timeout: "3m", "issues-exit-code": 2 },
    linters: { "disable-all": true, enable: ["govet", "goimports", "gci", "vet", "gas"] },
    "linters-settings": {
      gci: { sections: ["standard", "default", "prefix(github.com/acme)"], "skip-generated": true },
      goimports: { "local-prefixes": "github.com/acme,github.com/acme-labs" },
      gosec: { excludes: ["G104"] },
    },
    issues: { "exclude-rules": [{ path: "_test\\.go", linters: ["gosec", "goimports"] }] },
  },
  null,
  2,
);

interface Case {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  /** Uses options deprecated before v1.64, whose schema (migrate validates against it) refuses them. */
  readonly deprecated?: boolean;
  /** Our text/source patterns that migrate prefixes with (?i) (exclude-case-sensitive: true; v2 is case-sensitive already). */
  readonly unprefixed?: boolean;
  /** run.skip-dirs/skip-files entries: v1 read them as exclude-dirs/files; migrate drops them, we carry them. */
  readonly carriedSkips?: string[];
}

const cases: Case[] = [
  { name: "enable list on top of the defaults", file: ".golangci.yml", text: ENABLE_LIST },
  { name: "disable-all + enable, staticcheck family, skip-dirs", file: ".golangci.yml", text: DISABLE_ALL, deprecated: true, carriedSkips: ["pkg/generated"] },
  { name: "enable-all + disable, skip-files", file: ".golangci.yaml", text: ENABLE_ALL, deprecated: true, carriedSkips: ["encode_optype.go"] },
  { name: "issues, severity and output", file: ".golangci.yml", text: ISSUES_AND_OUTPUT },
  { name: "JSON", file: ".golangci.json", text: JSON_CONFIG },
  { name: "removed and reshaped options", file: ".golangci.yml", text: REMOVED_OPTIONS, deprecated: true },
  { name: "exclude-case-sensitive", file: ".golangci.yml", text: CASE_SENSITIVE, unprefixed: true },
];

/** What golangci-lint migrate writes for text, read back as data. */
function realMigration(golangciLint: string, { file, text, deprecated }: Case): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), "gosynth-golangci-migrate-"));
  writeFileSync(join(dir, file), text);
  // Validated against the v1 schema first, except where deprecated options are the point.
  const validation = deprecated ? ["--skip-validation"] : [];
  mustRun(golangciLint, ["migrate", "--config", file, "--color", "never", ...validation], dir);
  return parse(readFileSync(join(dir, file), "utf-8"));
}

type Data = Record<string, any>;

/** Our rules with migrate's (?i) prefix, after checking ours have none. */
function withCaseInsensitivePrefix(config: Data): Data {
  const copy: Data = structuredClone(config);
  for (const rule of copy.linters.exclusions.rules as Data[]) {
    for (const key of ["text", "source"]) {
      if (rule[key] === undefined) continue;
      expect(rule[key]).not.toMatch(/^\(\?i\)/);
      rule[key] = `(?i)${rule[key]}`;
    }
  }
  return copy;
}

/** Takes the carried skips out of our exclusion paths (linters', and formatters' when formatters are on), after checking they are there. */
function withoutCarriedSkips(config: Data, skips: string[]): Data {
  const copy: Data = structuredClone(config);
  if (skips.length) expect(copy.linters.exclusions.paths).toEqual(expect.arrayContaining(skips));
  for (const section of [copy.linters, copy.formatters]) {
    const paths: string[] | undefined = section?.exclusions?.paths;
    if (paths) section.exclusions.paths = paths.filter((p) => !skips.includes(p));
  }
  return copy;
}

describe("v1 configs: our migration is golangci-lint migrate's", () => {
  const golangciLint = tool("golangci-lint");
  it.skipIf(!golangciLint).each(cases)("$name", (c) => {
    const theirs = realMigration(golangciLint!, c);
    const ours = importGolangci(c.text, c.file);
    expect(ours.version).toBe(1);
    let oursAsMigrate = withoutCarriedSkips(ours.config!, c.carriedSkips ?? []);
    if (c.unprefixed) oursAsMigrate = withCaseInsensitivePrefix(oursAsMigrate);
    expect(oursAsMigrate).toEqual(theirs);
  });

  it.skipIf(!golangciLint).each(cases)("$name: ours passes golangci-lint config verify", (c) => {
    const dir = mkdtempSync(join(tmpdir(), "gosynth-golangci-verify-"));
    writeFileSync(join(dir, ".golangci.yml"), stringify(importGolangci(c.text, c.file).config));
    mustRun(golangciLint!, ["config", "verify", "--color", "never"], dir);
  });
});
