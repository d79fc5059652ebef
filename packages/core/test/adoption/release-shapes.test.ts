import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planAdoption, type AdoptionPlan } from "../../src/adoption";
import { copyFixture, FIXTURES, GO } from "../adopt/helpers";

// planAdoption on fixtures shaped like real services' releases (test/fixtures/services):
// a nats-server-like goreleaser release, an ardanlabs/service-like vendored module with
// deep mains and a lowercase makefile, a blackbox_exporter-like looser golangci config.
// Expected values are read off the fixtures, never off the planner.

/** The 1-based line of the first line of a fixture file matching pattern. */
function lineOf(fixture: string, file: string, pattern: RegExp): number {
  const index = readFileSync(join(FIXTURES, fixture, file), "utf-8").split("\n").findIndex((l) => pattern.test(l));
  if (index < 0) throw new Error(`${fixture}/${file} has no line matching ${pattern}`);
  return index + 1;
}

/** Every line of the plan as init prints it: what, reason, [from]. */
function planLines(plan: AdoptionPlan): string[] {
  return [...plan.carried, ...plan.changed, ...plan.notCarried].map((i) => `${i.what}${i.reason ? `: ${i.reason}` : ""}  [${i.from ?? ""}]`);
}

/** The goreleaser overrides the plan's statements make, by key, as goreleaser will read them. */
function overrides(plan: AdoptionPlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const project = { goreleaser: { file: { addOverride: (key: string, value: unknown) => (out[key] = value) } }, dockerignore: { exclude: () => undefined } };
  for (const s of plan.statements) new Function("project", s.code)(project);
  return out;
}

function plan(fixture: string, flags: Parameters<typeof planAdoption>[1] = {}): AdoptionPlan {
  return planAdoption(copyFixture(fixture), { ...GO, ...flags }).plan;
}

describe("a nats-server-shaped goreleaser release (goreleaser-many-os)", () => {
  const F = "goreleaser-many-os";
  const GR = ".goreleaser.yml";
  const p = plan(F);
  const o = p.options as Record<string, any>;
  const lines = planLines(p);
  const from = (line: number) => `${GR}:${line}`;

  it("carries every platform of goos x goarch x goarm minus ignore (and minus darwin/arm, which is no Go port)", () => {
    expect([...o.platforms].sort()).toEqual(
      [
        "linux/amd64", "linux/arm/v6", "linux/arm/v7", "linux/arm64", "linux/386",
        "darwin/amd64", "darwin/arm64",
        "windows/amd64", "windows/arm64", "windows/386",
        "freebsd/amd64", "freebsd/arm64",
      ].sort(),
    );
    expect(p.provenance.platforms.join("\n")).toContain(from(lineOf(F, GR, /^ {4}goos:/)));
    expect(lines.some((l) => /darwin\/arm\b/.test(l) && l.includes(GR))).toBe(true);
  });

  it("carries the binary name and both -X symbols of the server package, with their line", () => {
    expect(o.binaryName).toBe("msgbus");
    expect(p.provenance.binaryName.join()).toContain(from(lineOf(F, GR, /^ {4}binary: msgbus/)));
    expect(o.versionVariable).toBe("github.com/example/msgbus/server.serverVersion");
    expect(o.revisionVariable).toBe("github.com/example/msgbus/server.gitCommit");
    const ldflags = from(lineOf(F, GR, /-X 'github.com/));
    expect(p.provenance.versionVariable.join()).toContain(ldflags);
    expect(p.provenance.revisionVariable.join()).toContain(ldflags);
  });

  it("says the stamped templates change ({{.Tag}} -> gosynth's version, {{.ShortCommit}} -> the full commit)", () => {
    const changed = p.changed.map((c) => `${c.what} [${c.from}]`);
    expect(changed.some((c) => c.includes("server.serverVersion") && c.includes("{{.Tag}}"))).toBe(true);
    expect(changed.some((c) => c.includes("server.gitCommit") && c.includes("{{.ShortCommit}}"))).toBe(true);
  });

  it("keeps both archives with their ids, name templates, formats, wrap_in_directory and files", () => {
    const archives = overrides(p).archives as Record<string, unknown>[];
    const template = "{{.ProjectName}}-{{.Tag}}-{{.Os}}-{{.Arch}}{{if .Arm}}v{{.Arm}}{{end}}";
    expect(archives).toEqual([
      { id: "targz-archives", name_template: template, wrap_in_directory: true, formats: ["tar.gz"], files: ["LICENSE", "README.md"] },
      { id: "zip-archives", name_template: template, wrap_in_directory: true, formats: ["zip"], files: [{ src: "README.md", info: { mode: 0o644 } }, { src: "LICENSE", info: { mode: 0o644 } }] },
    ]);
    expect(p.carried.some((c) => c.from === from(lineOf(F, GR, /^archives:/)))).toBe(true);
  });

  it("carries the checksums file SHA256SUMS with sha256", () => {
    expect(o.releaseChecksum.nameTemplate).toBe("SHA256SUMS");
    expect(o.releaseChecksum.algorithm ?? "sha256").toBe("sha256");
    expect(p.provenance.releaseChecksum.join()).toContain(from(lineOf(F, GR, /^ {2}name_template: "SHA256SUMS"/)));
  });

  it("keeps nfpms (deb and rpm), release (draft, prerelease: auto) and changelog as overrides, as written", () => {
    const ov = overrides(p) as Record<string, any>;
    expect(ov.nfpms).toHaveLength(1);
    expect(ov.nfpms[0].formats).toEqual(["deb", "rpm"]);
    expect(ov.nfpms[0].file_name_template).toBe("{{.ProjectName}}-{{.Tag}}-{{.Arch}}{{if .Arm}}{{.Arm}}{{end}}");
    expect(ov.nfpms[0].contents).toEqual([{ src: "/usr/bin/msgbus", dst: "/usr/local/bin/msgbus", type: "symlink" }]);
    expect(ov.release).toEqual({ github: { owner: "example", name: "msgbus" }, name_template: "Release {{.Tag}}", draft: true, prerelease: "auto" });
    expect(ov.changelog).toEqual({ sort: "asc", filters: { exclude: ["^docs:", "^test:"] } });
    for (const key of ["nfpms", "release", "changelog"]) expect(p.carried.map((c) => c.from)).toContain(from(lineOf(F, GR, new RegExp(`^${key}:`))));
  });

  it("drops nothing silently: every top-level section and every setting of the build is in the plan", () => {
    // The lines of .goreleaser.yml the plan points at, in its items and in .projenrc.ts' comments.
    const cited = [...[...p.carried, ...p.changed, ...p.notCarried].map((i) => i.from ?? ""), ...Object.values(p.provenance).flat()]
      .flatMap((t) => [...t.matchAll(/\.goreleaser\.yml:(\d+)/g)].map((m) => Number(m[1])));
    const text = readFileSync(join(FIXTURES, F, GR), "utf-8").split("\n");
    const starts = text.flatMap((l, i) => (/^[a-z_]+:/.test(l) ? [i + 1] : []));
    // version: 2 is the config format gosynth writes too; builds are checked setting by setting below.
    for (const [n, start] of starts.entries()) {
      const key = /^([a-z_]+):/.exec(text[start - 1])![1];
      if (key === "version" || key === "builds") continue;
      const end = starts[n + 1] ?? text.length + 1;
      expect(cited.some((line) => line >= start && line < end), `${key} (${from(start)})`).toBe(true);
    }
    const build = lines.filter((l) => l.includes(`[${from(lineOf(F, GR, /^ {2}- id: msgbus-server/))}]`)).join("\n");
    for (const setting of ["-trimpath", "-s -w", "CGO_ENABLED=0", "mod_timestamp"]) expect(build, setting).toContain(setting);
  });

  it("backs their publishing workflow up and lists its step gosynth's release does not do, with its line", () => {
    expect(p.moves).toContainEqual(expect.objectContaining({ from: ".github/workflows/release.yaml", to: ".pre-gosynth/.github/workflows/release.yaml" }));
    const step = p.notCarried.find((n) => n.what.includes("Check version matches tag"));
    expect(step?.from).toBe(`.github/workflows/release.yaml:${lineOf(F, ".github/workflows/release.yaml", /name: Check version matches tag/)}`);
    // Checkout, setup-go and goreleaser are what gosynth's release does too.
    for (const own of ["Checkout code", "Set up Go", "Create release"]) expect(p.notCarried.some((n) => n.what.includes(own)), own).toBe(false);
    // The test workflow does not publish: it stays.
    expect(p.moves.map((m) => m.from)).not.toContain(".github/workflows/tests.yml");
  });

  it("with --keep-release-workflow keeps it and turns gosynth's release workflow off", () => {
    const kept = plan(F, { keepReleaseWorkflow: true });
    expect(kept.moves.map((m) => m.from)).not.toContain(".github/workflows/release.yaml");
    expect(kept.kept).toContain(".github/workflows/release.yaml");
    expect(kept.options.releaseWorkflow).toBe(false);
  });
});

describe("an ardanlabs-service-shaped vendored module with deep mains (vendored-deep-mains)", () => {
  const F = "vendored-deep-mains";
  const p = plan(F);
  const o = p.options as Record<string, any>;

  it("builds and releases every main under api/, each named after its directory", () => {
    const all = [{ name: o.binaryName, mainPackage: o.mainPackage }, ...o.binaries.map((b: any) => ({ name: b.name, mainPackage: b.mainPackage }))];
    expect(all.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "admin", mainPackage: "./api/tooling/admin" },
      { name: "auth", mainPackage: "./api/services/auth" },
      { name: "sales", mainPackage: "./api/services/sales" },
    ]);
    // The image runs one of the two that listen, never the admin tool.
    expect(["./api/services/sales", "./api/services/auth"]).toContain(o.mainPackage);
  });

  it("builds from vendor/, because vendor/modules.txt matches go.mod", () => {
    expect(o.vendor).toBe(true);
    expect(p.provenance.vendor.join()).toContain("vendor/modules.txt:1");
  });

  it("moves the lowercase makefile to project.mk and carries every one of its targets", () => {
    expect(p.moves).toContainEqual(expect.objectContaining({ from: "makefile", to: "project.mk" }));
    expect(o.projectMakefile).toBe("project.mk");
    const targets = readFileSync(join(FIXTURES, F, "makefile"), "utf-8").split("\n").flatMap((l) => /^([a-z][\w-]*):/.exec(l)?.[1] ?? []);
    expect(targets).toEqual(["dev-up", "dev-down", "dev-status", "migrate", "seed", "tables", "test-r", "test-only", "lint", "vuln-check", "test", "test-race", "tidy", "deps-list", "run", "run-auth", "admin"]);
    const item = p.carried.find((c) => c.option === "projectMakefile");
    expect(item?.from).toBe("makefile:1");
    for (const t of targets) expect(item?.what.split(/[:,]\s*/), t).toContain(t);
  });

  it("says their lint, test, tidy and run win over gosynth's, which become gosynth-<name>", () => {
    const clash = p.changed.find((c) => c.from === "makefile");
    for (const t of ["lint", "test", "tidy", "run"]) {
      expect(clash?.what).toMatch(new RegExp(`\\b${t}\\b`));
      expect(clash?.reason).toContain(`gosynth-${t}`);
    }
    expect(clash?.what).not.toMatch(/\b(migrate|seed|dev-up)\b/);
  });

  it("has no release of its own: gosynth adds one, and moves no workflow", () => {
    expect(p.added.some((a) => a.what.startsWith("releases with goreleaser"))).toBe(true);
    expect(p.moves.map((m) => m.from)).toEqual(["makefile"]);
  });
});

describe("a blackbox_exporter-shaped service with a looser v1 golangci config (lint-looser)", () => {
  const F = "lint-looser";
  const p = plan(F);
  const o = p.options as Record<string, any>;

  it("migrates its config to v2: its three linters only, its settings and exclusions", () => {
    const linters = o.golangciConfig.linters;
    expect(linters.default).toBe("none");
    expect([...linters.enable].sort()).toEqual(["govet", "misspell", "staticcheck"]);
    expect(linters.settings).toEqual({ misspell: { locale: "US" }, govet: { enable: ["nilness"] } });
    expect(linters.exclusions.rules).toEqual([{ linters: ["govet"], path: "_test\\.go", text: "copylocks" }]);
    expect(linters.exclusions.paths).toContain("third_party");
    expect(o.golangciConfig.run).toEqual({ "modules-download-mode": "readonly" });
    expect(o.lintPreset).toBeUndefined();
  });

  it("says it migrated, and what v2 cannot carry, with the line", () => {
    expect(p.changed).toContainEqual(expect.objectContaining({ option: "golangciConfig", from: ".golangci.yml:1" }));
    const timeout = p.notCarried.find((n) => n.reason.includes("run.timeout"));
    expect(timeout?.reason).toContain(`.golangci.yml:${lineOf(F, ".golangci.yml", /^ {2}timeout:/)}`);
  });
});
