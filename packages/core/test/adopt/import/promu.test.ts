import { describe, expect, it } from "vitest";
import { importPromu } from "../../../src/adopt/import/promu";

const at = (line: number) => ({ file: ".promu.yml", line });

describe("importPromu: an exporter's .promu.yml", () => {
  const text = [
    "go:",
    "    # Keep in step with the CI image.",
    "    version: 1.20",
    "repository:",
    "    path: github.com/acme/ping_exporter",
    "build:",
    "    ldflags: |",
    "        -X github.com/prometheus/common/version.Version={{.Version}}",
    "        -X github.com/prometheus/common/version.Revision={{.Revision}}",
    "        -X github.com/prometheus/common/version.Branch={{.Branch}}",
    "        -X github.com/prometheus/common/version.BuildUser={{user}}@{{host}}",
    '        -X github.com/prometheus/common/version.BuildDate={{date "20060102-15:04:05"}}',
    "tarball:",
    "    files:",
    "        - ping.yml",
    "        - LICENSE",
    "        - NOTICE",
    "",
  ].join("\n");
  const promu = importPromu(text, ".promu.yml");

  it("reads go.version from its source text, so 1.20 is not 1.2", () => {
    expect(promu.goVersion).toEqual({ value: "1.20", at: at(3) });
    expect(promu.repositoryPath).toEqual({ value: "github.com/acme/ping_exporter", at: at(5) });
  });

  it("defaults to one binary named after the repository, built from the root", () => {
    expect(promu.binaries).toEqual([{ value: { name: "ping_exporter", path: "." }, at: at(5) }]);
    expect(promu.binariesDefaulted).toBe(true);
  });

  it("classifies each -X by its template, each on the line it is written", () => {
    expect(promu.ldflagsX).toEqual([
      { value: { symbol: "github.com/prometheus/common/version.Version", value: "{{.Version}}", role: "version" }, at: at(8) },
      { value: { symbol: "github.com/prometheus/common/version.Revision", value: "{{.Revision}}", role: "revision" }, at: at(9) },
      { value: { symbol: "github.com/prometheus/common/version.Branch", value: "{{.Branch}}", role: "branch" }, at: at(10) },
      { value: { symbol: "github.com/prometheus/common/version.BuildUser", value: "{{user}}@{{host}}", role: "other" }, at: at(11) },
      {
        value: { symbol: "github.com/prometheus/common/version.BuildDate", value: '{{date "20060102-15:04:05"}}', role: "created" },
        at: at(12),
      },
    ]);
    expect(promu.ldflagsOther).toEqual([]);
  });

  it("reads the tarball files; no crossbuild section means promu's own platforms", () => {
    expect(promu.tarballFiles).toEqual([
      { value: "ping.yml", at: at(15) },
      { value: "LICENSE", at: at(16) },
      { value: "NOTICE", at: at(17) },
    ]);
    expect(promu.crossbuildPlatforms).toBeUndefined();
    expect(promu.notes).toEqual([]);
  });
});

describe("importPromu: a server with several binaries", () => {
  const text = [
    "go:",
    "    version: 1.26",
    "    cgo: false",
    "repository:",
    "    path: github.com/acme/tsdb",
    "build:",
    "    prefix: .",
    "    binaries:",
    "        - name: tsdb",
    "          path: ./cmd/tsdb",
    "        - name: tsdbtool",
    "          path: ./cmd/tsdbtool",
    "    tags:",
    "        all: [netgo, builtinassets]",
    "        windows:",
    "            - builtinassets",
    "    flags: -a -tags netgo",
    "    ldflags: |",
    "        -s",
    "        -extldflags '-static'",
    "        -X {{repoPath}}/version.Version={{.Version}}",
    "        -X {{repoPath}}/version.Revision={{.Revision}}",
    "tarball:",
    "    prefix: .",
    "    files:",
    "        - consoles",
    "        - documentation/examples",
    "crossbuild:",
    "    platforms:",
    "        - linux/amd64",
    "        - darwin",
    "    parallelism: 4",
    "",
  ].join("\n");
  const promu = importPromu(text, ".promu.yml");

  it("reads binaries, flags, tags and cgo", () => {
    expect(promu.goVersion?.value).toBe("1.26");
    expect(promu.cgo).toEqual({ value: false, at: at(3) });
    expect(promu.binaries).toEqual([
      { value: { name: "tsdb", path: "./cmd/tsdb" }, at: at(9) },
      { value: { name: "tsdbtool", path: "./cmd/tsdbtool" }, at: at(11) },
    ]);
    expect(promu.binariesDefaulted).toBe(false);
    expect(promu.flags).toEqual({ value: "-a -tags netgo", at: at(17) });
    expect(promu.tags).toEqual([
      { value: { platform: "all", tags: ["netgo", "builtinassets"] }, at: at(14) },
      { value: { platform: "windows", tags: ["builtinassets"] }, at: at(15) },
    ]);
  });

  it("replaces {{repoPath}} in symbols and keeps the other linker flags", () => {
    expect(promu.ldflagsX.map((x) => [x.value.symbol, x.value.role, x.at.line])).toEqual([
      ["github.com/acme/tsdb/version.Version", "version", 21],
      ["github.com/acme/tsdb/version.Revision", "revision", 22],
    ]);
    expect(promu.ldflagsOther).toEqual([
      { value: "-s", at: at(19) },
      { value: "-extldflags=-static", at: at(20) },
    ]);
  });

  it("reads crossbuild platforms and notes the keys it does not carry over", () => {
    expect(promu.crossbuildPlatforms).toEqual([
      { value: "linux/amd64", at: at(30) },
      { value: "darwin", at: at(31) },
    ]);
    expect(promu.notes.map((n) => [n.at.line, n.value])).toEqual([
      [7, "build.prefix: not carried over (where promu writes the binaries; the generated build chooses its own output directory)"],
      [24, "tarball.prefix: not carried over (where promu writes the tarballs; releases are packaged by the generated release config)"],
      [32, "crossbuild.parallelism: not a promu setting understood here"],
    ]);
  });
});

describe("importPromu: malformed input", () => {
  it("notes values of the wrong shape instead of dropping them", () => {
    const promu = importPromu(["go:", "    version: [1, 26]", "repository: github.com/acme/x", "build:", "    binaries: tsdb", ""].join("\n"), ".promu.yml");
    expect(promu.goVersion).toBeUndefined();
    expect(promu.repositoryPath).toBeUndefined();
    expect(promu.binaries).toEqual([]);
    expect(promu.notes).toEqual([
      { value: "go.version: expected a single value", at: at(2) },
      { value: "repository: expected a mapping", at: at(3) },
      { value: "build.binaries: expected a list", at: at(5) },
    ]);
  });

  it("notes a YAML error with its line", () => {
    const promu = importPromu(["go:", "    version: 1.26", "tarball:", "    files: [LICENSE, NOTICE", ""].join("\n"), ".promu.yml");
    expect(promu.goVersion?.value).toBe("1.26");
    expect(promu.notes.length).toBeGreaterThan(0);
    expect(promu.notes.every((n) => n.at.line >= 4)).toBe(true);
  });
});
