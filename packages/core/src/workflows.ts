import { Component, Project } from "projen";
import { GitHub, GithubWorkflow, workflows } from "projen/lib/github";
import type { ResolvedGoServiceConfig } from "./config/resolved-config";

const CHECKOUT = { "persist-credentials": false };
const READ = { contents: workflows.JobPermission.READ };

/** The `uses:` of an action from the tools table ("actions/checkout@v5"). */
function action(config: ResolvedGoServiceConfig, key: string): string {
  const uses = config.tools.actions[key];
  if (!uses) throw new Error(`tool-versions.json has no action "${key}"`);
  return uses;
}

/**
 * GitHub Actions: ci.yml (Go checks, multi-platform image build, drift check)
 * and release.yml (goreleaser on v* tags). Least privilege everywhere: the
 * workflow default is `contents: read`, jobs widen only what they need.
 * Extend with `ci.addJob`, `ci.appendStep`, `ci.insertStepBefore`...; pin
 * actions by SHA with the `actionShas` option.
 */
export class GoWorkflows extends Component {
  public readonly github: GitHub;
  public readonly ci: GithubWorkflow;
  public readonly release?: GithubWorkflow;

  public constructor(project: Project, config: ResolvedGoServiceConfig) {
    super(project);
    this.github = GitHub.of(project) ?? new GitHub(project, { mergify: false, pullRequestLint: false, workflows: true });
    // Every action runs at a commit SHA: the table's pins, overridden by the user's.
    const shas = { ...config.tools.actionShas, ...config.actionShas };
    for (const uses of Object.values(config.tools.actions)) {
      const [name] = uses.split("@");
      if (shas[name]) this.github.actions.set(uses, `${name}@${shas[name]}`);
    }

    this.ci = this.github.addWorkflow("ci");
    this.ci.on({ push: { branches: [config.defaultBranch] }, pullRequest: {} });
    restrictWorkflow(this.ci, true);
    this.ci.addJobs({
      go: goJob(config),
      container: containerJob(config),
      drift: driftJob(config),
    });

    if (config.goreleaser) {
      this.release = this.github.addWorkflow("release");
      this.release.on({ push: { tags: ["v*"] } });
      restrictWorkflow(this.release, false);
      this.release.addJobs({ release: releaseJob(config) });
    }
  }
}

/** Read-only default token; one run per ref, superseded pull-request runs cancelled. */
function restrictWorkflow(workflow: GithubWorkflow, cancelPullRequests: boolean): void {
  workflow.file?.addOverride("permissions", { contents: "read" });
  workflow.file?.addOverride("concurrency", {
    group: "${{ github.workflow }}-${{ github.ref }}",
    "cancel-in-progress": cancelPullRequests ? "${{ github.event_name == 'pull_request' }}" : false,
  });
}

function goJob(config: ResolvedGoServiceConfig): workflows.Job {
  return {
    name: "Go",
    runsOn: ["ubuntu-latest"],
    permissions: READ,
    steps: [
      { id: "checkout", name: "Checkout", uses: action(config, "checkout"), with: CHECKOUT },
      // go.mod is the one place the Go version lives.
      { id: "setup-go", name: "Set up Go", uses: action(config, "setupGo"), with: { "go-version-file": "go.mod", cache: true } },
      { id: "tidy", name: "go mod tidy changes nothing", run: "go mod tidy\ngit diff --exit-code -- go.mod go.sum" },
      { id: "vet", name: "go vet", run: "go vet ./..." },
      { id: "lint", name: "golangci-lint", uses: action(config, "golangciLint"), with: { version: config.tools.golangciLint } },
      { id: "test", name: "Test", run: "make test" },
      { id: "build", name: "Build", run: "make build" },
    ],
  };
}

function containerJob(config: ResolvedGoServiceConfig): workflows.Job {
  const push = config.pushImages;
  const onPush = "github.event_name == 'push'";
  return {
    name: "Container image",
    runsOn: ["ubuntu-latest"],
    permissions: push ? { contents: workflows.JobPermission.READ, packages: workflows.JobPermission.WRITE } : READ,
    steps: [
      { id: "checkout", name: "Checkout", uses: action(config, "checkout"), with: CHECKOUT },
      // RUN steps of the runtime stage (and cgo builds) execute on the target platform.
      { id: "qemu", name: "Set up QEMU", uses: action(config, "setupQemu") },
      { id: "buildx", name: "Set up Buildx", uses: action(config, "setupBuildx") },
      ...(push
        ? [
            {
              id: "login",
              name: "Log in to the registry",
              if: onPush,
              uses: action(config, "login"),
              with: { registry: config.imageRepository.split("/")[0], username: "${{ github.actor }}", password: "${{ secrets.GITHUB_TOKEN }}" },
            },
          ]
        : []),
      {
        id: "build",
        name: "Build (push on the default branch)",
        uses: action(config, "buildPush"),
        with: {
          context: ".",
          platforms: config.imagePlatforms.map((p) => p.id).join(","),
          push: push ? `\${{ ${onPush} }}` : false,
          tags: `${config.imageRepository}:\${{ github.sha }}`,
          "build-args": "VERSION=${{ github.sha }}\nREVISION=${{ github.sha }}",
          "cache-from": "type=gha",
          "cache-to": "type=gha,mode=max",
        },
      },
    ],
  };
}

function driftJob(config: ResolvedGoServiceConfig): workflows.Job {
  return {
    name: "Files in sync with .projenrc.ts",
    runsOn: ["ubuntu-latest"],
    permissions: READ,
    steps: [
      { id: "checkout", name: "Checkout", uses: action(config, "checkout"), with: CHECKOUT },
      { id: "setup-node", name: "Set up Node", uses: action(config, "setupNode"), with: { "node-version": "20" } },
      { id: "install", name: "Install", run: "npm ci" },
      { id: "synth", name: "Synthesize", run: "npx projen" },
      {
        id: "drift",
        name: "Check for drift",
        run: [
          'if [ -n "$(git status --porcelain)" ]; then',
          '  echo "::error::files are out of sync with .projenrc.ts: run npx projen and commit the result"',
          "  git status --porcelain",
          "  git diff",
          "  exit 1",
          "fi",
        ].join("\n"),
      },
    ],
  };
}

function releaseJob(config: ResolvedGoServiceConfig): workflows.Job {
  const registry = config.imageRepository.split("/")[0];
  return {
    name: "Release",
    runsOn: ["ubuntu-latest"],
    permissions: { contents: workflows.JobPermission.WRITE, packages: workflows.JobPermission.WRITE },
    steps: [
      // goreleaser needs the full history and tags for the changelog.
      { id: "checkout", name: "Checkout", uses: action(config, "checkout"), with: { "fetch-depth": 0, ...CHECKOUT } },
      // No cache in release builds: a poisoned cache must not reach a release.
      { id: "setup-go", name: "Set up Go", uses: action(config, "setupGo"), with: { "go-version-file": "go.mod", cache: false } },
      { id: "qemu", name: "Set up QEMU", uses: action(config, "setupQemu") },
      { id: "buildx", name: "Set up Buildx", uses: action(config, "setupBuildx") },
      {
        id: "login",
        name: "Log in to the registry",
        uses: action(config, "login"),
        with: { registry, username: "${{ github.actor }}", password: "${{ secrets.GITHUB_TOKEN }}" },
      },
      {
        id: "goreleaser",
        name: "goreleaser",
        uses: action(config, "goreleaser"),
        with: { distribution: "goreleaser", version: config.tools.goreleaser, args: "release --clean" },
        env: { GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}" },
      },
    ],
  };
}
