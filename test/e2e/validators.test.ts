import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BaseImage, HealthCheck, LintPreset } from "../../packages/core/src";
import { synth } from "../../packages/core/test/util";
import { mustRun, run } from "../helpers/project";
import { repoRoot, tool } from "../helpers/tools";

// The real tools judge what we generate: every config here must get zero findings.
type Overrides = Parameters<typeof synth>[0];

const dockerfileVariants: [string, Overrides][] = [
  ["distroless static (default)", {}],
  ["distroless base + cgo", { baseImage: BaseImage.DISTROLESS_BASE, cgo: true }],
  ["alpine", { baseImage: BaseImage.ALPINE }],
  ["scratch", { baseImage: BaseImage.SCRATCH }],
  ["upx + copy sources", { upx: true, copySources: true }],
  ["private modules + tags + arm/v7", { goPrivate: ["github.com/acme/*"], buildTags: ["netgo"], platforms: ["linux/amd64", "linux/arm/v7"] }],
  ["no comments, no test stage, digests", { explainComments: false, dockerTestStage: false, imageDigests: { builder: "sha256:" + "a".repeat(64), runtime: "sha256:" + "b".repeat(64) } }],
  ["scratch + upx + custom uid", { baseImage: BaseImage.SCRATCH, upx: true, runtimeUid: 20001 }],
  ["HTTP health check (gosynth's probe built in its own module)", { healthCheck: HealthCheck.http("/healthz") }],
  ["HTTP health check + copied sources", { healthCheck: HealthCheck.http("/healthz"), copySources: true }],
];

describe("hadolint: zero findings on every Dockerfile", () => {
  const hadolint = tool("hadolint");
  it.skipIf(!hadolint).each(dockerfileVariants)("%s", (_name, overrides) => {
    const { dir } = synth(overrides);
    const r = run(hadolint!, ["Dockerfile", "goreleaser.Dockerfile"], dir);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

const workflowVariants: [string, Overrides][] = [
  ["defaults", {}],
  ["push images to a custom registry", { pushImages: true, imageRepository: "registry.example.com/acme/hello" }],
  ["no goreleaser, other branch", { goreleaser: false, defaultBranch: "trunk" }],
  ["actions pinned by SHA", { actionShas: { "actions/checkout": "0123456789abcdef0123456789abcdef01234567" } }],
];

describe("workflows: actionlint, zizmor and the GitHub workflow schema", () => {
  const actionlint = tool("actionlint");
  const zizmor = tool("zizmor");
  const checkJsonschema = tool("check-jsonschema");
  it.skipIf(!actionlint || !zizmor || !checkJsonschema).each(workflowVariants)("%s", (_name, overrides) => {
    const { dir } = synth(overrides);
    const workflows = readdirSync(join(dir, ".github/workflows")).map((f) => join(".github/workflows", f));
    const al = run(actionlint!, ["-no-color", ...workflows], dir);
    expect(al.stdout + al.stderr).toBe("");
    expect(al.status).toBe(0);
    // The pedantic persona: every permission documented, no superfluous action.
    const zz = run(zizmor!, ["--offline", "--no-progress", "--persona", "pedantic", ".github/workflows"], dir);
    expect(zz.status, zz.stdout + zz.stderr).toBe(0);
    expect(zz.stdout).toMatch(/No findings/);
    const schema = run(checkJsonschema!, ["--builtin-schema", "vendor.github-workflows", ...workflows], dir);
    expect(schema.status, schema.stdout + schema.stderr).toBe(0);
    const dependabot = run(checkJsonschema!, ["--builtin-schema", "vendor.dependabot", ".github/dependabot.yml"], dir);
    expect(dependabot.status, dependabot.stdout + dependabot.stderr).toBe(0);
  });
});

describe("checkov (offline): 0 failed on the Dockerfiles and workflows", () => {
  const checkov = tool("checkov");
  it.skipIf(!checkov).each([dockerfileVariants[0], dockerfileVariants[3], workflowVariants[1]])("%s", (_name, overrides) => {
    const { dir } = synth(overrides);
    const r = run(checkov!, ["--skip-download", "-d", ".", "--framework", "dockerfile", "github_actions", "--compact", "--quiet", "-o", "json"], dir);
    const reports = [JSON.parse(r.stdout)].flat() as { check_type: string; summary: { failed: number; passed: number } }[];
    expect(reports.map((x) => x.check_type).sort()).toEqual(["dockerfile", "github_actions"]);
    for (const report of reports) {
      expect(report.summary.failed, `${report.check_type}: ${r.stdout.slice(0, 3000)}`).toBe(0);
      expect(report.summary.passed).toBeGreaterThan(10);
    }
  });
});

describe("compose.yaml and Kubernetes manifests: the compose-spec schema, kubernetes-validate --strict, checkov", () => {
  const checkJsonschema = tool("check-jsonschema");
  const kubernetesValidate = tool("kubernetes-validate");
  const checkov = tool("checkov");
  it.skipIf(!checkJsonschema || !kubernetesValidate || !checkov).each([
    ["defaults", {}],
    ["scratch, HTTP health check, one replica, own resources", { baseImage: BaseImage.SCRATCH, kubernetesReplicas: 1, kubernetesResources: { limits: { cpu: "2", memory: "512Mi" } } }],
  ] as [string, Overrides][])("%s", (_name, overrides) => {
    const { dir } = synth({ ...overrides, kubernetes: true });
    const compose = run(checkJsonschema!, ["--builtin-schema", "vendor.compose-spec", "compose.yaml"], dir);
    expect(compose.status, compose.stdout + compose.stderr).toBe(0);
    const manifests = readdirSync(join(dir, "deploy/kubernetes")).filter((f) => f !== "kustomization.yaml").map((f) => join("deploy/kubernetes", f));
    const kv = run(kubernetesValidate!, ["--strict", ...manifests], dir);
    expect(kv.status, kv.stdout + kv.stderr).toBe(0);
    const ck = run(checkov!, ["--skip-download", "-d", "deploy/kubernetes", "--framework", "kubernetes", "--compact", "--quiet", "-o", "json"], dir);
    const report = JSON.parse(ck.stdout);
    expect(report.summary.failed, ck.stdout.slice(0, 3000)).toBe(0);
  });
});

/** Makes the directory a git repository with one commit (goreleaser and `git describe` need one). */
function gitInit(dir: string): void {
  mustRun("git", ["init", "-q", "-b", "main"], dir);
  // goreleaser derives the release repository from the remote, as in any real clone.
  mustRun("git", ["remote", "add", "origin", "https://github.com/acme/hello.git"], dir);
  mustRun("git", ["add", "-A"], dir);
  mustRun("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "init"], dir);
  mustRun("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "tag", "v0.1.0"], dir);
}

const goVariants: [string, Overrides][] = [
  ["recommended, cgo off", { lintPreset: LintPreset.RECOMMENDED }],
  ["strict, cgo on", { lintPreset: LintPreset.STRICT, cgo: true, baseImage: BaseImage.DISTROLESS_BASE }],
  ["standard, three platforms", { lintPreset: LintPreset.STANDARD, platforms: ["linux/amd64", "linux/arm64", "darwin/arm64"] }],
];

describe("Makefile, golangci-lint and goreleaser on generated projects", () => {
  const golangci = tool("golangci-lint");
  const goreleaser = tool("goreleaser");
  it.skipIf(!golangci || !goreleaser).each(goVariants)("%s", (_name, overrides) => {
    const { dir, project } = synth(overrides);
    const c = { ...project.config.goBuild, binaryName: project.config.goBuild.binaryName };
    // The project's Go (1.27 for a new project) from the module proxy: this machine's go env says GOTOOLCHAIN=local.
    const goEnv = { GOTOOLCHAIN: `go${project.config.go.patch}` };
    gitInit(dir);
    const make = (...args: string[]) => mustRun("make", [...args, `GOLANGCI_LINT=${golangci}`, `GORELEASER=${goreleaser}`], dir);
    expect(make()).toContain("build-all");
    make("build");
    make("vet");
    make("test");
    make("lint");
    make("build-all");
    for (const p of c.platforms) {
      expect(readdirSync(join(dir, c.binDir))).toContain(`${c.binaryName}-${p.os}-${p.arch}${p.arm ? `v${p.arm}` : ""}${p.os === "windows" ? ".exe" : ""}`);
    }
    // golangci-lint v2.15 verifies against its embedded schema (offline); the
    // schema file from its module source is a second, independent judge.
    mustRun(golangci!, ["config", "verify"], dir, goEnv);
    const schema = mustRun("bash", [join(repoRoot, "scripts/install-tools.sh"), "--golangci-schema"], repoRoot).trim();
    mustRun(tool("check-jsonschema")!, ["--schemafile", schema, ".golangci.yml"], dir);
    const lint = run(golangci!, ["run"], dir, goEnv);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout).toMatch(/^0 issues\.?\s*$/m);

    const check = run(goreleaser!, ["check"], dir, goEnv);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout + check.stderr).not.toMatch(/deprecat/i);
    mustRun(goreleaser!, ["build", "--snapshot", "--clean"], dir, goEnv);
    const built = readdirSync(join(dir, "dist"), { recursive: true }).map(String);
    for (const p of c.platforms) {
      expect(built.some((f) => f.includes(`${p.os}_${p.arch}`) && f.endsWith(c.binaryName)), `${p.id}: ${built.join(", ")}`).toBe(true);
    }
  });
});
