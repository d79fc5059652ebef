import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureBuilt, gosynth } from "../../packages/cli/test/helpers";
import { fixtureRepo, FIXTURES } from "../helpers/fixtures";
import { mustRun, run } from "../helpers/project";
import { systemTool, tool, toolsBin } from "../helpers/tools";

// `gosynth init --backup` on fixtures shaped like real services' releases, lint and
// Makefiles (test/fixtures/services: our own code), then what they did must still work:
// their goreleaser archives, checksums and packages; one workflow publishing on tags;
// their lint verdict; every target of their makefile; a vendored build of every main.

const withTools = { PATH: `${toolsBin}:${process.env.PATH}`, GOTOOLCHAIN: "local", NO_COLOR: "1" };

function adopt(name: string, prepare: (dir: string) => void = () => undefined): string {
  const dir = fixtureRepo(name);
  prepare(dir);
  const r = gosynth(["init", "--backup"], dir, withTools);
  expect(r.code, r.out + r.err).toBe(0);
  return dir;
}

/** Workflows GitHub runs (.yml/.yaml directly in .github/workflows) that publish on a tag or a release. */
function tagPublishers(dir: string): string[] {
  const wfDir = join(dir, ".github/workflows");
  return readdirSync(wfDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .filter((f) => {
      const on = parse(readFileSync(join(wfDir, f), "utf-8"))?.on;
      const events = typeof on === "string" ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {});
      return events.includes("release") || (on && typeof on === "object" && !Array.isArray(on) && on.push?.tags !== undefined);
    });
}

describe("gosynth init on goreleaser-many-os (a nats-server-shaped release)", () => {
  const goreleaser = tool("goreleaser");
  let dir = "";
  let init = "";
  beforeAll(() => {
    ensureBuilt();
    dir = fixtureRepo("goreleaser-many-os");
    const r = gosynth(["init", "--backup"], dir, withTools);
    init = r.out + r.err;
    expect(r.code, init).toBe(0);
    // A released checkout: a remote, a commit, a tag (goreleaser reads all three).
    mustRun("git", ["remote", "add", "origin", "https://github.com/example/msgbus.git"], dir);
    mustRun("git", ["add", "-A"], dir);
    mustRun("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "-qm", "adopt"], dir);
    mustRun("git", ["-c", "tag.gpgsign=false", "tag", "v1.2.3"], dir);
  }, 600_000);

  // Their platforms: goos x goarch x goarm minus their ignore list (darwin/arm is no Go port).
  const PLATFORMS: [string, string, string?][] = [
    ["linux", "amd64"], ["linux", "arm", "6"], ["linux", "arm", "7"], ["linux", "arm64"], ["linux", "386"],
    ["darwin", "amd64"], ["darwin", "arm64"],
    ["windows", "amd64"], ["windows", "arm64"], ["windows", "386"],
    ["freebsd", "amd64"], ["freebsd", "arm64"],
  ];
  // Their name templates with .Tag = v1.2.3.
  const archiveBase = ([os, arch, arm]: [string, string, string?]) => `msgbus-v1.2.3-${os}-${arch}${arm ? `v${arm}` : ""}`;
  const ARCHIVES = PLATFORMS.flatMap((p) => [`${archiveBase(p)}.tar.gz`, `${archiveBase(p)}.zip`]);
  const PACKAGES = PLATFORMS.filter(([os]) => os === "linux").flatMap(([, arch, arm]) => ["deb", "rpm"].map((f) => `msgbus-v1.2.3-${arch}${arm ?? ""}.${f}`));

  it("goreleaser check passes on the generated config", (ctx) => {
    if (!goreleaser) return ctx.skip();
    mustRun(goreleaser, ["check"], dir, withTools);
  });

  describe("a snapshot release", () => {
    let dist = "";
    beforeAll(() => {
      if (!goreleaser) return;
      mustRun(goreleaser, ["release", "--snapshot", "--clean", "--skip=publish,sign,sbom,docker"], dir, withTools);
      dist = join(dir, "dist");
    }, 900_000);

    it("makes their archives and deb/rpm packages, with their names, for their platforms, and nothing else", (ctx) => {
      if (!goreleaser) return ctx.skip();
      const made = readdirSync(dist).filter((f) => /\.(tar\.gz|zip|deb|rpm)$/.test(f)).sort();
      expect(made).toEqual([...ARCHIVES, ...PACKAGES].sort());
    });

    it("wraps each archive in its directory with their LICENSE and README.md", (ctx) => {
      if (!goreleaser) return ctx.skip();
      const base = archiveBase(["linux", "arm", "7"]);
      const tar = mustRun("tar", ["-tzf", join(dist, `${base}.tar.gz`)], dir).split("\n").filter(Boolean).sort();
      expect(tar).toEqual([`${base}/LICENSE`, `${base}/README.md`, `${base}/msgbus`]);
      const zip = mustRun("python3", ["-c", "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", join(dist, `${archiveBase(["windows", "amd64"])}.zip`)], dir);
      expect(zip.split("\n").filter(Boolean).sort()).toEqual([`${archiveBase(["windows", "amd64"])}/LICENSE`, `${archiveBase(["windows", "amd64"])}/README.md`, `${archiveBase(["windows", "amd64"])}/msgbus.exe`]);
    });

    it("writes SHA256SUMS with the sha256 of every archive and package", (ctx) => {
      if (!goreleaser) return ctx.skip();
      const sums = new Map(readFileSync(join(dist, "SHA256SUMS"), "utf-8").trim().split("\n").map((l) => l.split(/\s+/).reverse() as [string, string]));
      for (const file of [...ARCHIVES, ...PACKAGES]) {
        expect(sums.get(file), file).toBe(createHash("sha256").update(readFileSync(join(dist, file))).digest("hex"));
      }
    });

    it("packages the deb with their symlink", (ctx) => {
      const dpkg = systemTool("dpkg-deb");
      if (!goreleaser || !dpkg) return ctx.skip();
      const listing = mustRun(dpkg, ["-c", join(dist, "msgbus-v1.2.3-amd64.deb")], dir);
      expect(listing).toMatch(/\.\/usr\/local\/bin\/msgbus -> \/usr\/bin\/msgbus/);
      const fields = mustRun(dpkg, ["-f", join(dist, "msgbus-v1.2.3-amd64.deb")], dir);
      expect(fields).toMatch(/^Homepage: https:\/\/example\.com\/msgbus$/m);
      expect(fields).toMatch(/^Maintainer: Example Maintainers <maintainers@example\.com>$/m);
    });

    it("stamps the version and commit into the server package (the plan says the templates are gosynth's)", (ctx) => {
      if (!goreleaser) return ctx.skip();
      const { version } = JSON.parse(readFileSync(join(dist, "metadata.json"), "utf-8")) as { version: string };
      const commit = mustRun("git", ["rev-parse", "HEAD"], dir).trim();
      const binary = readdirSync(dist).find((d) => d.startsWith("msgbus_linux_amd64"))!;
      expect(mustRun(join(dist, binary, "msgbus"), ["-version"], dir).trim()).toBe(`msgbus version ${version} (${commit})`);
      expect(version).toMatch(/^1\.2\.\d+-snapshot$/);
      expect(init).toMatch(/server\.serverVersion is stamped with \{\{ \.Version \}\}, not \{\{\.Tag\}\}/);
    });
  });

  it("exactly one workflow publishes on tags: gosynth's release.yml; theirs is kept beside it, unchanged", () => {
    expect(tagPublishers(dir)).toEqual(["release.yml"]);
    expect(readFileSync(join(dir, ".github/workflows/release.yml"), "utf-8")).toMatch(/goreleaser/);
    // Theirs was release.yaml (as nats-server's is): left in place, it would publish next to gosynth's release.yml.
    expect(existsSync(join(dir, ".github/workflows/release.yaml"))).toBe(false);
    expect(readFileSync(join(dir, ".pre-gosynth/.github/workflows/release.yaml"), "utf-8")).toBe(readFileSync(join(FIXTURES, "goreleaser-many-os/.github/workflows/release.yaml"), "utf-8"));
    expect(init).toMatch(/Not carried over:[\s\S]*"Check version matches tag"[\s\S]*\[\.github\/workflows\/release\.yaml:\d+\]/);
  });
});

describe("gosynth init on vendored-deep-mains (an ardanlabs/service-shaped module)", () => {
  let dir = "";
  let original = "";
  beforeAll(() => {
    ensureBuilt();
    original = fixtureRepo("vendored-deep-mains");
    dir = adopt("vendored-deep-mains");
  }, 600_000);

  const TARGETS = ["dev-up", "dev-down", "dev-status", "migrate", "seed", "tables", "test-r", "test-only", "lint", "vuln-check", "test", "test-race", "tidy", "deps-list", "run", "run-auth", "admin"];
  /** make in the untouched fixture and in the adopted one, each with a database dir of its own. */
  const both = (args: string[]) => {
    const db = (side: string) => `DB_DIR=${mkdtempSync(join(tmpdir(), `sales-db-${side}-`))}`;
    return { before: run("make", [...args, db("before")], original), after: run("make", [...args, db("after")], dir) };
  };
  /** Output with what differs by run alone (test timings, each side's database dir) blanked. */
  const normal = (s: string) => s.replace(/\t\d+\.\d+s/g, "\tTIME").replace(/sales-db-(before|after)-\w+/g, "DB");

  it("make build builds every deep main into bin/ from vendor/ alone (no module cache, no proxy)", () => {
    expect(readFileSync(join(dir, "Makefile"), "utf-8")).toMatch(/^GO_BUILD_FLAGS :=.*-mod=vendor/m);
    // An empty module cache and no proxy: only vendor/ has github.com/google/uuid. (The machine's
    // go builds: toolchains live in the module cache too.)
    const empty = mkdtempSync(join(tmpdir(), "gomodcache-"));
    mustRun("make", ["build"], dir, { GOPROXY: "off", GOMODCACHE: empty, GOFLAGS: "", GOTOOLCHAIN: "local" });
    for (const binary of ["sales", "auth", "admin"]) expect(existsSync(join(dir, "bin", binary)), binary).toBe(true);
    // A module built from vendor/ is recorded without its go.sum hash.
    for (const binary of ["auth", "admin"]) {
      expect(mustRun("go", ["version", "-m", join(dir, "bin", binary)], dir)).toMatch(/^\s*dep\s+github\.com\/google\/uuid\s+v1\.6\.0\s*$/m);
    }
    rmSync(empty, { recursive: true, force: true });
  }, 600_000);

  it("every target of their makefile still does what it did: make -n prints every command it printed", () => {
    for (const target of TARGETS) {
      const { before, after } = both(["-n", target]);
      expect(before.status, target).toBe(0);
      expect(after.status, `${target}: ${after.stderr}`).toBe(0);
      const lines = (s: string) => normal(s).split("\n").filter(Boolean);
      const afterLines = lines(after.stdout);
      for (const line of lines(before.stdout)) expect(afterLines, `${target}: ${line}`).toContain(line);
    }
  });

  it.each(["migrate", "seed", "tables", "test-only", "test-r", "admin"])("make %s runs as it did (it needs nothing outside the repository)", (target) => {
    const { before, after } = both([target]);
    expect(after.status, after.stderr).toBe(before.status);
    expect(normal(after.stdout)).toBe(normal(before.stdout));
  }, 600_000);

  // Known bug (makefile/model.ts): each delegated goal is its own `make -f project.mk <goal>`, so
  // seed needs migrate: one make run of both goals runs migrate once, as their makefile did.
  it("make migrate seed, two goals in one make, runs each recipe once as it did", () => {
    const { before, after } = both(["migrate", "seed"]);
    expect(after.status).toBe(before.status);
    expect(normal(after.stdout)).toBe(normal(before.stdout));
  }, 600_000);

  it("make seed then make tables: their admin tool filled the database", () => {
    const db = `DB_DIR=${mkdtempSync(join(tmpdir(), "sales-db-"))}`;
    mustRun("make", ["seed", db], dir);
    expect(mustRun("make", ["tables", db], dir).trim().split("\n")).toEqual(["products", "users"]);
  }, 600_000);

  it.for([
    ["dev-up", "kind"],
    ["dev-down", "kind"],
    ["dev-status", "kubectl"],
    ["lint", "staticcheck"],
    ["vuln-check", "govulncheck"],
    ["test", "staticcheck"],
    ["test-race", "staticcheck"],
  ])("make %s fails as it did where %s is missing", ([target, command], ctx) => {
    if (run("sh", ["-c", `command -v ${command}`], dir).status === 0) return ctx.skip();
    const { before, after } = both([target]);
    expect(before.status).not.toBe(0);
    expect(after.status).not.toBe(0);
    const missing = before.stderr.split("\n").find((l) => l.includes(`${command}: command not found`) || l.includes(`${command}: not found`));
    expect(missing, before.stderr).toBeDefined();
    expect(after.stderr).toContain(missing!);
  }, 600_000);
});

describe("gosynth init on lint-looser (a looser v1 golangci-lint config)", () => {
  const golangci = tool("golangci-lint");
  let dir = "";
  beforeAll(() => {
    ensureBuilt();
    dir = adopt("lint-looser");
  }, 600_000);

  it("their own config (migrated by golangci-lint itself) reports 0 issues on their code", (ctx) => {
    if (!golangci) return ctx.skip();
    const theirs = join(mkdtempSync(join(tmpdir(), "lint-looser-theirs-")), "lint-looser");
    cpSync(join(FIXTURES, "lint-looser"), theirs, { recursive: true });
    mustRun(golangci, ["migrate", "--skip-validation"], theirs, withTools);
    const r = run(golangci, ["run", "./..."], theirs, withTools);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("0 issues.");
  });

  it("make lint with the generated config reports what theirs did: 0 issues", (ctx) => {
    if (!golangci) return ctx.skip();
    const r = run("make", ["lint", `GOLANGCI_LINT=${golangci}`], dir, withTools);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("0 issues.");
  });

  it("gosynth's preset, where the repository has no config, would not pass the same code", (ctx) => {
    if (!golangci) return ctx.skip();
    const preset = adopt("lint-looser", (d) => mustRun("git", ["rm", "-qf", ".golangci.yml"], d));
    const r = run("make", ["lint", `GOLANGCI_LINT=${golangci}`], preset, withTools);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/\(errcheck\)/);
    expect(r.stdout).toMatch(/func formatTarget is unused \(unused\)/);
  }, 600_000);
});
