import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readFacts } from "../../packages/core/test/facts";
import { ensureBuilt, gosynth } from "../../packages/cli/test/helpers";
import { newProject, snapshot } from "../helpers/project";

// `gosynth upgrade` end to end, from local sources only: a file:// Go module
// proxy (golang.org/toolchain and the tools' version lists) and local bare git
// repositories standing in for the actions (GOSYNTH_ACTIONS_BASE_URL).

/** A file:// module proxy serving these version lists. */
function fakeProxy(lists: Record<string, string[]>): string {
  const root = mkdtempSync(join(tmpdir(), "gosynth-proxy-"));
  for (const [module, versions] of Object.entries(lists)) {
    mkdirSync(join(root, module, "@v"), { recursive: true });
    writeFileSync(join(root, module, "@v", "list"), versions.join("\n") + "\n");
  }
  return `file://${root}`;
}

/** Bare repositories <base>/<owner>/<repo> with the pinned tag and one newer patch in the same major, each on its own commit. */
function fakeActions(pins: Record<string, { tag: string }>): { base: string; newer: Record<string, { tag: string; sha: string }> } {
  const base = mkdtempSync(join(tmpdir(), "gosynth-actions-"));
  const newer: Record<string, { tag: string; sha: string }> = {};
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf-8" }).trim();
  for (const [name, pin] of Object.entries(pins)) {
    const work = mkdtempSync(join(tmpdir(), "gosynth-action-src-"));
    git(work, "init", "-q", "-b", "main");
    git(work, "commit", "-q", "--allow-empty", "-m", "pinned");
    git(work, "tag", pin.tag);
    git(work, "commit", "-q", "--allow-empty", "-m", "newer");
    const major = pin.tag.split(".")[0];
    const tag = `${major}.99.1`;
    git(work, "tag", "-a", tag, "-m", tag); // annotated: upgrade must pin the commit, not the tag object
    git(work, "commit", "-q", "--allow-empty", "-m", "next major");
    git(work, "tag", `v${Number(major.slice(1)) + 1}.0.0`);
    newer[name] = { tag, sha: git(work, "rev-parse", `${tag}^{commit}`) };
    const [owner, repo] = name.split("/");
    mkdirSync(join(base, owner), { recursive: true });
    execFileSync("git", ["clone", "-q", "--bare", work, join(base, owner, repo)]);
  }
  return { base: `file://${base}`, newer };
}

const toolchains = ["v0.0.1-go1.27.4.linux-amd64", "v0.0.1-go1.27.9.linux-amd64", "v0.0.1-go1.27.9.darwin-arm64", "v0.0.1-go1.28rc1.linux-amd64", "v0.0.1-go1.28.1.linux-amd64", "v0.0.1-go1.26.11.linux-amd64"];

describe("gosynth upgrade", () => {
  let dir = "";
  let env: Record<string, string> = {};
  let newer: Record<string, { tag: string; sha: string }> = {};
  beforeAll(() => {
    ensureBuilt();
    dir = newProject("upgrading", ["--module-path", "example.com/acme/upgrading"]);
    const pins = JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8"));
    const actions = fakeActions(pins.actions);
    newer = actions.newer;
    const proxy = fakeProxy({
      "golang.org/toolchain": toolchains,
      "github.com/golangci/golangci-lint/v2": ["v2.14.0", pins.tools.golangciLint, "v2.16.1", "v2.17.0-rc.1"],
      "github.com/goreleaser/goreleaser/v2": [pins.tools.goreleaser, "v2.19.0"],
      "golang.org/x/vuln": [pins.tools.govulncheck, "v1.99.0", "v2.0.0"],
      "github.com/anchore/syft": [pins.tools.syft, "v1.99.2"],
      "github.com/sigstore/cosign/v2": [pins.tools.cosign, "v2.99.3"],
    });
    env = { GOPROXY: proxy, GOSYNTH_ACTIONS_BASE_URL: actions.base };
  }, 600_000);

  it("moves every pin from the sources, re-synthesizes, and prints old -> new", () => {
    const r = gosynth(["upgrade", "--only", "go,tools,actions"], dir, env);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/Go toolchain 1\.27\.\d+ -> 1\.27\.9/);
    expect(r.out).toMatch(/golangciLint v\S+ -> v2\.16\.1/);
    expect(r.out).toMatch(/goreleaser v\S+ -> v2\.19\.0/);
    // The supply-chain tools move too, within their major.
    expect(r.out).toMatch(/govulncheck v\S+ -> v1\.99\.0/);
    expect(r.out).toMatch(/syft v\S+ -> v1\.99\.2/);
    expect(r.out).toMatch(/cosign v\S+ -> v2\.99\.3/);
    expect(r.out).toMatch(/actions\/checkout v\d+\.\d+\.\d+ \(\w+\) -> v\d+\.99\.1/);
    const pins = JSON.parse(readFileSync(join(dir, "gosynth.pins.json"), "utf-8"));
    expect(pins.goToolchain).toBe("1.27.9");
    expect(pins.actions["actions/checkout"]).toEqual(newer["actions/checkout"]);
    const files = Object.fromEntries([...snapshot(dir).keys()].map((p) => [p, readFileSync(join(dir, p), "utf-8")]));
    const facts = readFacts(files);
    expect(new Set(Object.values(facts.goToolchain))).toEqual(new Set(["1.27.9"]));
    expect(facts.tools.makefileGolangci).toBe("v2.16.1");
    expect(facts.tools.ciGolangci).toBe("v2.16.1");
    expect(facts.tools.makefileGoreleaser).toBe("v2.19.0");
    expect([facts.tools.makefileGovulncheck, facts.tools.ciGovulncheck]).toEqual(["v1.99.0", "v1.99.0"]);
    expect([facts.tools.makefileSyft, facts.tools.releaseSyft]).toEqual(["v1.99.2", "v1.99.2"]);
    expect(facts.tools.releaseCosign).toBe("v2.99.3");
    for (const uses of facts.actionUses) {
      const name = uses.split("@")[0];
      expect(uses, name).toBe(`${name}@${newer[name].sha}`);
    }
    expect(gosynth(["check"], dir).code).toBe(0);
  }, 300_000);

  it("a second run changes nothing and says so", () => {
    const before = snapshot(dir);
    const r = gosynth(["upgrade", "--only", "go,tools,actions"], dir, env);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain("up to date");
    expect(snapshot(dir)).toEqual(before);
  }, 300_000);

  it("--minor moves Go to the newest release (never a release candidate)", () => {
    const r = gosynth(["upgrade", "--only", "go", "--minor"], dir, env);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain("Go toolchain 1.27.9 -> 1.28.1");
    expect(readFileSync(join(dir, "Dockerfile"), "utf-8")).toContain("golang:1.28.1-trixie");
  }, 300_000);

  it("an unreachable source: a clear error naming it, and the tree byte-identical", () => {
    const before = snapshot(dir);
    const r = gosynth(["upgrade"], dir, { ...env, GOPROXY: "http://127.0.0.1:9" });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/could not reach the Go module proxy at http:\/\/127\.0\.0\.1:9/);
    expect(r.err).toContain("nothing was changed");
    expect(snapshot(dir)).toEqual(before);
  }, 300_000);

  it("refuses an unknown --only scope", () => {
    const r = gosynth(["upgrade", "--only", "go,kernel"], dir, env);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--only takes go,tools,actions,npm,images");
  });
});
