import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { synth } from "./util";

function workflows(overrides: Parameters<typeof synth>[0] = {}) {
  const { files, project } = synth(overrides);
  return {
    files,
    project,
    ci: parse(files[".github/workflows/ci.yml"]),
    release: files[".github/workflows/release.yml"] ? parse(files[".github/workflows/release.yml"]) : undefined,
  };
}

type Step = { uses?: string; with?: Record<string, unknown>; run?: string; id?: string };
const allSteps = (wf: { jobs: Record<string, { steps: Step[] }> }) => Object.values(wf.jobs).flatMap((j) => j.steps);

describe("ci.yml", () => {
  const { ci, files } = workflows();
  // What the project pins, as written to its own pins file: the workflows must use exactly that.
  const pins = JSON.parse(files["gosynth.pins.json"]) as { goToolchain: string; tools: Record<string, string>; actions: Record<string, { tag: string; sha: string }> };
  it("runs on pushes to the default branch and on pull requests", () => {
    expect(ci.on.push.branches).toEqual(["main"]);
    expect(ci.on).toHaveProperty("pull_request");
  });
  it("is least privilege: read-only by default and on every job", () => {
    expect(ci.permissions).toEqual({ contents: "read" });
    for (const job of Object.values(ci.jobs) as { permissions: Record<string, string> }[]) {
      expect(job.permissions).toEqual({ contents: "read" });
    }
  });
  it("cancels superseded pull-request runs", () => {
    expect(ci.concurrency.group).toBe("${{ github.workflow }}-${{ github.ref }}");
    expect(ci.concurrency["cancel-in-progress"]).toBe("${{ github.event_name == 'pull_request' }}");
  });
  it("checks out without persisting credentials", () => {
    const checkouts = allSteps(ci).filter((s) => s.uses?.startsWith("actions/checkout"));
    expect(checkouts.length).toBe(Object.keys(ci.jobs).length);
    for (const step of checkouts) expect(step.with?.["persist-credentials"]).toBe(false);
  });
  it("runs every action at the commit gosynth.pins.json pins it to, and the golangci-lint version it pins", () => {
    const uses = allSteps(ci).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(5);
    for (const u of uses) {
      const [path, sha] = u.split("@");
      expect(sha, u).toBe(pins.actions[path.split("/").slice(0, 2).join("/")]?.sha);
      expect(sha).toMatch(/^[0-9a-f]{40}$/);
    }
    const lint = allSteps(ci).find((s) => s.uses?.startsWith("golangci/golangci-lint-action"));
    expect(lint?.with?.version).toBe(pins.tools.golangciLint);
    expect(files.Makefile).toContain(`GOLANGCI_LINT_VERSION := ${pins.tools.golangciLint}`);
  });
  it("builds with the image's exact toolchain, lints with golangci-lint built by it, checks tidy, vet, test and build through the Makefile", () => {
    const go = ci.jobs.go.steps as Step[];
    const builder = /golang:(\d+\.\d+\.\d+)-/.exec(files.Dockerfile)![1];
    expect(go.find((s) => s.uses?.startsWith("actions/setup-go"))?.with?.["go-version"]).toBe(builder);
    expect(builder).toBe(pins.goToolchain);
    expect(go.find((s) => s.uses?.startsWith("golangci/golangci-lint-action"))?.with?.["install-mode"]).toBe("goinstall");
    const runs = go.map((s) => s.run ?? "").join("\n");
    for (const cmd of ["make tidy", "git diff --exit-code -- go.mod go.sum", "make vet", "make test", "make build"]) expect(runs).toContain(cmd);
    for (const target of ["tidy", "vet", "test", "build"]) expect(files.Makefile).toMatch(new RegExp(`^${target}:`, "m"));
  });
  it("builds every image platform with the GitHub Actions cache and does not push by default", () => {
    const build = (ci.jobs.container.steps as Step[]).find((s) => s.uses?.startsWith("docker/build-push-action"))!;
    expect(build.with?.platforms).toBe("linux/amd64,linux/arm64");
    // Not pushed; layer times rewritten to SOURCE_DATE_EPOCH (the commit's).
    expect(build.with?.outputs).toBe("type=image,push=false,rewrite-timestamp=true");
    expect((build as { env?: Record<string, string> }).env?.SOURCE_DATE_EPOCH).toBe("${{ steps.facts.outputs.epoch }}");
    expect(build.with?.["cache-from"]).toBe("type=gha");
  });
  it("has a drift job that fails with a clear message", () => {
    const runs = (ci.jobs.drift.steps as Step[]).map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("npm ci");
    expect(runs).toContain("npx projen");
    expect(runs).toContain("files are out of sync with .projenrc.ts");
  });
});

const loginOf = (wf: { jobs: Record<string, { steps: Step[] }> }) => allSteps(wf).find((s) => s.uses?.startsWith("docker/login-action"))?.with;

describe("pushing images", () => {
  it("to GitHub's registry: packages: write on the container job only, the workflow token, push only on push events", () => {
    const { ci } = workflows({ pushImages: true, imageRepository: "ghcr.io/acme/hello" });
    expect(ci.jobs.container.permissions).toEqual({ contents: "read", packages: "write" });
    expect(ci.jobs.go.permissions).toEqual({ contents: "read" });
    expect(loginOf(ci)).toEqual({ registry: "ghcr.io", username: "${{ github.actor }}", password: "${{ secrets.GITHUB_TOKEN }}" });
    const steps = ci.jobs.container.steps as (Step & { if?: string })[];
    expect(steps.find((s) => s.uses?.startsWith("docker/build-push-action"))?.with?.outputs).toBe("type=image,push=${{ github.event_name == 'push' }},rewrite-timestamp=true");
  });
  it("to another registry: its own secrets, no packages scope", () => {
    const { ci } = workflows({ pushImages: true, imageRepository: "registry.example.com/acme/hello" });
    expect(ci.jobs.container.permissions).toEqual({ contents: "read" });
    expect(loginOf(ci)).toEqual({ registry: "registry.example.com", username: "${{ secrets.REGISTRY_USERNAME }}", password: "${{ secrets.REGISTRY_PASSWORD }}" });
  });
  // Regression: the registry was the first path element, so "acme/hello" logged in to a registry named "acme".
  it("to Docker Hub for a bare owner/name: logs in to docker.io with Docker Hub secrets, in CI and in releases", () => {
    const { ci, release } = workflows({ pushImages: true, imageRepository: "acme/hello" });
    for (const login of [loginOf(ci), loginOf(release)]) {
      expect(login).toEqual({ registry: "docker.io", username: "${{ secrets.DOCKERHUB_USERNAME }}", password: "${{ secrets.DOCKERHUB_TOKEN }}" });
    }
    expect(release.jobs.release.permissions).toEqual({ contents: "write", "id-token": "write", attestations: "write" });
  });
});

describe("release trust", () => {
  const { release, files } = workflows();
  const steps = release.jobs.release.steps as Step[];
  it("signs keyless and attests provenance: id-token and attestations only on the release job, each permission with its reason", () => {
    expect(release.permissions).toEqual({ contents: "read" });
    for (const [scope, line] of [["id-token", "id-token: write #"], ["attestations", "attestations: write #"], ["contents", "contents: write #"]]) {
      expect(files[".github/workflows/release.yml"], scope).toContain(line);
    }
    expect(steps.map((s) => s.id)).toEqual(expect.arrayContaining(["cosign", "syft", "goreleaser", "attest-checksums", "image-digest", "attest-image"]));
    const attest = steps.filter((s) => s.uses?.startsWith("actions/attest-build-provenance@"));
    expect(attest.map((s) => s.with?.["subject-path"] ?? s.with?.["subject-name"])).toEqual(["dist/checksums.txt", "ghcr.io/acme/hello"]);
    const permissionLines = Object.entries(files)
      .filter(([p]) => p.startsWith(".github/workflows/"))
      .flatMap(([name, contents]) => contents.split("\n").filter((l) => /^\s+[a-z-]+: (read|write)/.test(l) && !/^\s+permission-/.test(l)).map((line) => [name, line]));
    // ci, release, upgrade, codeql: each names its scopes.
    expect(new Set(permissionLines.map(([name]) => name)).size).toBe(4);
    for (const [name, line] of permissionLines) expect(line, `${name}: ${line}`).toMatch(/ # \S/);
    // The upgrade job's GitHub App token asks for exactly what the job does, not the installation's every permission.
    const upgrade = parse(files[".github/workflows/upgrade.yml"]);
    const appToken = (Object.values(upgrade.jobs as Record<string, { steps: Step[] }>).flatMap((j) => j.steps)).find((s) => s.uses?.startsWith("actions/create-github-app-token@"));
    expect(Object.entries(appToken?.with ?? {}).filter(([k]) => k.startsWith("permission-"))).toEqual([
      ["permission-contents", "write"],
      ["permission-workflows", "write"],
      ["permission-pull-requests", "write"],
    ]);
  });
  it("gates CI on govulncheck (pinned, read-only)", () => {
    const ci = parse(files[".github/workflows/ci.yml"]);
    expect(ci.jobs.vuln.permissions).toEqual({ contents: "read" });
    expect(JSON.stringify(ci.jobs.vuln.steps)).toContain(`golang.org/x/vuln/cmd/govulncheck@${JSON.parse(files["gosynth.pins.json"]).tools.govulncheck} ./...`);
  });
  it("turns off with the options; sign without goreleaser is refused before anything is written", () => {
    const { files: plain } = synth({ sign: false, provenance: false, sbom: false, vulnCheck: false });
    const r = parse(plain[".github/workflows/release.yml"]);
    expect(r.jobs.release.permissions).toEqual({ contents: "write", packages: "write" });
    expect(parse(plain[".github/workflows/ci.yml"]).jobs.vuln).toBeUndefined();
    expect(plain.Makefile).not.toMatch(/^vuln:/m);
    expect(() => synth({ goreleaser: false, sign: true })).toThrow(/sign: needs goreleaser .*got true; example: sign: true with goreleaser: true, or sign: false/);
  });
});

describe("build facts", () => {
  it("CI passes VERSION, REVISION and CREATED computed like the Makefile (git describe, commit, commit time)", () => {
    const { ci, files } = workflows();
    const steps = ci.jobs.container.steps as Step[];
    const facts = steps.find((s) => s.id === "facts")!.run!;
    const build = steps.find((s) => s.uses?.startsWith("docker/build-push-action"))!;
    expect(String(build.with?.["build-args"]).split("\n")).toEqual([
      "VERSION=${{ steps.facts.outputs.version }}",
      "REVISION=${{ steps.facts.outputs.revision }}",
      "CREATED=${{ steps.facts.outputs.created }}",
    ]);
    // The same shell command per fact as the Makefile's $(shell ...).
    for (const name of ["VERSION", "REVISION", "CREATED"]) {
      const make = new RegExp(`^${name} \\?= \\$\\(shell (.*)\\)$`, "m").exec(files.Makefile)![1];
      expect(facts).toContain(`${name.toLowerCase()}=$(${make})`);
    }
    expect(files.Makefile).not.toMatch(/date -u/);
    expect(steps.find((s) => s.uses?.startsWith("actions/checkout"))?.with?.["fetch-depth"]).toBe(0);
  });
});

describe("release.yml", () => {
  const { release, files } = workflows();
  it("runs goreleaser on v* tags with full history, pinned, write scopes on the job only", () => {
    expect(release.on.push.tags).toEqual(["v*"]);
    expect(release.permissions).toEqual({ contents: "read" });
    expect(release.jobs.release.permissions).toEqual({ contents: "write", packages: "write", "id-token": "write", attestations: "write" });
    const steps = release.jobs.release.steps as Step[];
    expect(steps[0].with).toEqual({ "fetch-depth": 0, "persist-credentials": false });
    const gr = steps.find((s) => s.uses?.startsWith("goreleaser/goreleaser-action"));
    expect(gr?.with?.version).toBe(JSON.parse(files["gosynth.pins.json"]).tools.goreleaser);
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-go"))?.with?.cache).toBe(false);
  });
  it("is not generated without goreleaser; nothing is generated without ci", () => {
    expect(workflows({ goreleaser: false }).files[".github/workflows/release.yml"]).toBeUndefined();
    const { files } = synth({ ci: false });
    expect(Object.keys(files).filter((f) => f.startsWith(".github/"))).toEqual([]);
  });
});

describe("actionShas", () => {
  it("pins every action by SHA, the user's map over the table's", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const { ci, project } = workflows({ actionShas: { "actions/checkout": sha, "docker/build-push-action": sha } });
    const uses = allSteps(ci).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.filter((u) => u.startsWith("actions/checkout@"))).toEqual(Array(Object.keys(ci.jobs).length).fill(`actions/checkout@${sha}`));
    expect(uses).toContain(`docker/build-push-action@${sha}`);
    const setupGo = uses.find((u) => u.startsWith("actions/setup-go@"))!;
    expect(setupGo).toMatch(/@[0-9a-f]{40}$/);
    expect(setupGo).not.toContain(sha);
    void project;
  });
});

describe("extension", () => {
  it("adds a job and a step; addOverride works on the workflow file", () => {
    process.env.PROJEN_DISABLE_POST = "true";
    const { project } = synth();
    const ci = project.workflows!.ci;
    ci.addJob("migrate", { runsOn: ["ubuntu-latest"], permissions: { contents: "read" as never }, steps: [{ run: "make migrate" }] });
    ci.insertStepAfter("go", "vet", { id: "generate", run: "go generate ./..." });
    ci.file?.addOverride("env.GOFLAGS", "-mod=readonly");
    project.synth();
    const wf = parse(require("node:fs").readFileSync(`${project.outdir}/.github/workflows/ci.yml`, "utf-8"));
    expect(Object.keys(wf.jobs)).toContain("migrate");
    const ids = (wf.jobs.go.steps as Step[]).map((s) => s.id);
    expect(ids.indexOf("generate")).toBe(ids.indexOf("vet") + 1);
    expect(wf.env.GOFLAGS).toBe("-mod=readonly");
  });
});
