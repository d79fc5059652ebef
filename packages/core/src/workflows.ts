import { Component, Project } from "projen";
import { GitHub, GithubWorkflow, workflows } from "projen/lib/github";
import { BUILD_ARGS, SOURCE_DATE_EPOCH_SHELL } from "./build/build-args";
import type { Platform } from "./config/resolved-config";
import { imageRegistry } from "./image/registry";
import { documentPermissions } from "./workflow-comments";

const CHECKOUT = { "persist-credentials": false };
const READ = { contents: workflows.JobPermission.READ };

/** Props of the GitHub workflows. */
export interface GoWorkflowsProps {
  /** Branch whose pushes run CI (and push images). */
  readonly defaultBranch: string;
  /** Image repository CI builds (and pushes) and releases push to. */
  readonly imageRepository: string;
  /** Platforms images are built for. */
  readonly imagePlatforms: Platform[];
  /** Push images on the default branch. @default false */
  readonly pushImages?: boolean;
  /** Add release.yml (goreleaser on v* tags). @default false */
  readonly release?: boolean;
  /** The exact Go release CI builds, tests and lints with (the image's). */
  readonly goToolchain: string;
  /** golangci-lint version CI lints with. */
  readonly golangciLintVersion: string;
  /** goreleaser version of release.yml. @default - required when release is on */
  readonly goreleaserVersion?: string;
  /** Actions by role ("checkout" to "actions/checkout@v5.0.0"). */
  readonly actions: { [role: string]: string };
  /** Commit SHA to pin each action to ("actions/checkout" to SHA). */
  readonly actionShas: { [action: string]: string };
  /** Add upgrade.yml: a weekly pull request that moves the pins. @default false */
  readonly upgradeWorkflow?: boolean;
  /** A CI job that gates on govulncheck. @default false */
  readonly vulnCheck?: boolean;
  /** govulncheck version of the vuln job. @default - required with vulnCheck */
  readonly govulncheckVersion?: string;
  /** Sign releases with cosign, keyless. @default false */
  readonly sign?: boolean;
  /** cosign version the release installs. @default - required with sign */
  readonly cosignVersion?: string;
  /** syft version the release installs for SBOMs. @default - no SBOMs */
  readonly syftVersion?: string;
  /** Attest build provenance of the checksums and the image. @default false */
  readonly provenance?: boolean;
}

/** The `uses:` of an action by role ("actions/checkout@v5"). */
function action(props: GoWorkflowsProps, role: string): string {
  const uses = props.actions[role];
  if (!uses) throw new Error(`no action for "${role}" (known: ${Object.keys(props.actions).join(", ")})`);
  return uses;
}

/**
 * The build facts (VERSION, REVISION, CREATED) computed the way the Makefile
 * computes them, so a CI image carries the same labels a local build does.
 */
function buildFactsStep(): workflows.JobStep {
  return {
    id: "facts",
    name: "Build facts (version, commit, commit time)",
    run: [...BUILD_ARGS.map((arg) => `echo "${arg.name.toLowerCase()}=$(${arg.shell})" >> "$GITHUB_OUTPUT"`), `echo "epoch=$(${SOURCE_DATE_EPOCH_SHELL})" >> "$GITHUB_OUTPUT"`].join("\n"),
  };
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
  public readonly upgrade?: GithubWorkflow;

  public static of(project: Project): GoWorkflows | undefined {
    return project.components.find((c): c is GoWorkflows => c instanceof GoWorkflows);
  }

  public constructor(project: Project, id: string, props: GoWorkflowsProps) {
    super(project, id);
    this.github = GitHub.of(project) ?? new GitHub(project, { mergify: false, pullRequestLint: false, workflows: true });
    // Every action runs at a commit SHA: the table's pins, overridden by the user's.
    for (const uses of Object.values(props.actions)) {
      const [name] = uses.split("@");
      const sha = props.actionShas[name];
      if (sha) this.github.actions.set(uses, `${name}@${sha}`);
    }

    this.ci = this.github.addWorkflow("ci");
    this.ci.on({ push: { branches: [props.defaultBranch] }, pullRequest: {} });
    restrictWorkflow(this.ci, true);
    documentPermissions(this.ci);
    this.ci.addJobs({
      go: goJob(props),
      ...(props.vulnCheck ? { vuln: vulnJob(props) } : {}),
      container: containerJob(props),
      drift: driftJob(props),
    });

    if (props.upgradeWorkflow) {
      this.upgrade = this.github.addWorkflow("upgrade");
      this.upgrade.on({ schedule: [{ cron: "17 4 * * 1" }], workflowDispatch: {} });
      restrictWorkflow(this.upgrade, false);
      documentPermissions(this.upgrade, { "contents: write": "push the branch of the upgrade pull request" });
      this.upgrade.addJobs({ upgrade: upgradeJob(props) });
    }

    if (props.release) {
      this.release = this.github.addWorkflow("release");
      this.release.on({ push: { tags: ["v*"] } });
      restrictWorkflow(this.release, false);
      documentPermissions(this.release);
      this.release.addJobs({ release: releaseJob(props) });
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

function goJob(props: GoWorkflowsProps): workflows.Job {
  return {
    name: "Go",
    runsOn: ["ubuntu-latest"],
    permissions: READ,
    steps: [
      { id: "checkout", name: "Checkout", uses: action(props, "checkout"), with: CHECKOUT },
      // The project's pinned toolchain: the one its image builds with.
      { id: "setup-go", name: "Set up Go", uses: action(props, "setupGo"), with: { "go-version": props.goToolchain, cache: true } },
      { id: "tidy", name: "go mod tidy changes nothing", run: "go mod tidy\ngit diff --exit-code -- go.mod go.sum" },
      { id: "vet", name: "go vet", run: "go vet ./..." },
      // Built with the Go above (goinstall): a new Go release never waits for a golangci-lint release.
      { id: "lint", name: "golangci-lint", uses: action(props, "golangciLint"), with: { version: props.golangciLintVersion, "install-mode": "goinstall" } },
      { id: "test", name: "Test", run: "make test" },
      { id: "build", name: "Build", run: "make build" },
    ],
  };
}

function containerJob(props: GoWorkflowsProps): workflows.Job {
  const push = props.pushImages ?? false;
  const registry = imageRegistry(props.imageRepository);
  const onPush = "github.event_name == 'push'";
  return {
    name: "Container image",
    runsOn: ["ubuntu-latest"],
    permissions: push && registry.usesGithubToken ? { contents: workflows.JobPermission.READ, packages: workflows.JobPermission.WRITE } : READ,
    steps: [
      // Full history: the version is `git describe`, as in the Makefile.
      { id: "checkout", name: "Checkout", uses: action(props, "checkout"), with: { "fetch-depth": 0, ...CHECKOUT } },
      buildFactsStep(),
      // RUN steps of the runtime stage (and cgo builds) execute on the target platform.
      { id: "qemu", name: "Set up QEMU", uses: action(props, "setupQemu") },
      { id: "buildx", name: "Set up Buildx", uses: action(props, "setupBuildx") },
      ...(push
        ? [
            {
              id: "login",
              name: "Log in to the registry",
              if: onPush,
              uses: action(props, "login"),
              with: { registry: registry.host, username: registry.username, password: registry.password },
            },
          ]
        : []),
      {
        id: "build",
        name: "Build (push on the default branch)",
        uses: action(props, "buildPush"),
        // Image times from the commit: rebuilding a commit gives the same image.
        env: { SOURCE_DATE_EPOCH: "${{ steps.facts.outputs.epoch }}" },
        with: {
          context: ".",
          platforms: props.imagePlatforms.map((p) => p.id).join(","),
          // An image output with layer times rewritten to SOURCE_DATE_EPOCH: the same commit gives the same image.
          outputs: `type=image,push=${push ? `\${{ ${onPush} }}` : "false"},rewrite-timestamp=true`,
          tags: `${props.imageRepository}:\${{ github.sha }}`,
          "build-args": BUILD_ARGS.map((arg) => `${arg.name}=\${{ steps.facts.outputs.${arg.name.toLowerCase()} }}`).join("\n"),
          "cache-from": "type=gha",
          "cache-to": "type=gha,mode=max",
        },
      },
    ],
  };
}

function driftJob(props: GoWorkflowsProps): workflows.Job {
  return {
    name: "Files in sync with .projenrc.ts",
    runsOn: ["ubuntu-latest"],
    permissions: READ,
    steps: [
      { id: "checkout", name: "Checkout", uses: action(props, "checkout"), with: CHECKOUT },
      { id: "setup-node", name: "Set up Node", uses: action(props, "setupNode"), with: { "node-version": "20" } },
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

function releaseJob(props: GoWorkflowsProps): workflows.Job {
  const registry = imageRegistry(props.imageRepository);
  const permissions: workflows.JobPermissions = {
    contents: workflows.JobPermission.WRITE,
    ...(registry.usesGithubToken ? { packages: workflows.JobPermission.WRITE } : {}),
    ...(props.sign || props.provenance ? { idToken: workflows.JobPermission.WRITE } : {}),
    ...(props.provenance ? { attestations: workflows.JobPermission.WRITE } : {}),
  };
  const image = registry.host === "docker.io" && !props.imageRepository.startsWith("docker.io/") ? `docker.io/${props.imageRepository}` : props.imageRepository;
  return {
    name: "Release",
    runsOn: ["ubuntu-latest"],
    permissions,
    steps: [
      // goreleaser needs the full history and tags for the changelog.
      { id: "checkout", name: "Checkout", uses: action(props, "checkout"), with: { "fetch-depth": 0, ...CHECKOUT } },
      // No cache in release builds: a poisoned cache must not reach a release.
      { id: "setup-go", name: "Set up Go", uses: action(props, "setupGo"), with: { "go-version": props.goToolchain, cache: false } },
      // Pinned tools from the Go module proxy (checksum database verified), no extra actions.
      ...(props.sign ? [{ id: "cosign", name: "Install cosign", run: `go install github.com/sigstore/cosign/v2/cmd/cosign@${props.cosignVersion}` }] : []),
      ...(props.syftVersion ? [{ id: "syft", name: "Install syft", run: `go install github.com/anchore/syft/cmd/syft@${props.syftVersion}` }] : []),
      { id: "qemu", name: "Set up QEMU", uses: action(props, "setupQemu") },
      { id: "buildx", name: "Set up Buildx", uses: action(props, "setupBuildx") },
      {
        id: "login",
        name: "Log in to the registry",
        uses: action(props, "login"),
        with: { registry: registry.host, username: registry.username, password: registry.password },
      },
      {
        id: "goreleaser",
        name: "goreleaser",
        uses: action(props, "goreleaser"),
        with: { distribution: "goreleaser", version: props.goreleaserVersion, args: "release --clean" },
        env: { GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}" },
      },
      ...(props.provenance
        ? [
            { id: "attest-checksums", name: "Attest the checksums (covers every archive and SBOM)", uses: action(props, "attestBuildProvenance"), with: { "subject-path": "dist/checksums.txt" } },
            {
              id: "image-digest",
              name: "Image digest",
              // The tag without its "v", as goreleaser tags images; env, not ${{ }} in the script (no injection).
              env: { REF_NAME: "${{ github.ref_name }}", IMAGE: image },
              run: 'echo "digest=$(docker buildx imagetools inspect "$IMAGE:${REF_NAME#v}" --format \'{{ .Manifest.Digest }}\')" >> "$GITHUB_OUTPUT"',
            },
            {
              id: "attest-image",
              name: "Attest the image",
              uses: action(props, "attestBuildProvenance"),
              with: { "subject-name": image, "subject-digest": "${{ steps.image-digest.outputs.digest }}", "push-to-registry": true },
            },
          ]
        : []),
    ],
  };
}

/** govulncheck gates CI: known vulnerabilities the code reaches fail the build. */
function vulnJob(props: GoWorkflowsProps): workflows.Job {
  return {
    name: "Vulnerabilities (govulncheck)",
    runsOn: ["ubuntu-latest"],
    permissions: READ,
    steps: [
      { id: "checkout", name: "Checkout", uses: action(props, "checkout"), with: CHECKOUT },
      { id: "setup-go", name: "Set up Go", uses: action(props, "setupGo"), with: { "go-version": props.goToolchain, cache: true } },
      { id: "govulncheck", name: "govulncheck", run: `go run golang.org/x/vuln/cmd/govulncheck@${props.govulncheckVersion} ./...` },
    ],
  };
}

/**
 * The weekly pins refresh: newest Go patch, tools, action commits and projen
 * (npx projen upgrade), synthesis, the checks, then a pull request. Only this
 * job may write, and only contents and pull requests.
 */
function upgradeJob(props: GoWorkflowsProps): workflows.Job {
  return {
    name: "Upgrade pins",
    runsOn: ["ubuntu-latest"],
    permissions: { contents: workflows.JobPermission.WRITE, pullRequests: workflows.JobPermission.WRITE },
    steps: [
      { id: "checkout", name: "Checkout", uses: action(props, "checkout"), with: CHECKOUT },
      { id: "setup-node", name: "Set up Node", uses: action(props, "setupNode"), with: { "node-version": "20" } },
      { id: "setup-go", name: "Set up Go", uses: action(props, "setupGo"), with: { "go-version": props.goToolchain, cache: false } },
      { id: "install", name: "Install", run: "npm ci" },
      { id: "upgrade", name: "Upgrade the pins and re-synthesize", run: "npx projen upgrade" },
      { id: "checks", name: "Build and test with the new pins", run: "make build test" },
      {
        id: "pull-request",
        name: "Open or update the pull request",
        // git and gh of the runner: no third-party action holds the token. (Pull requests opened with
        // GITHUB_TOKEN do not start other workflows: use an app or fine-grained token to run CI on them.)
        env: { GH_TOKEN: "${{ secrets.GITHUB_TOKEN }}" },
        run: [
          'if [ -z "$(git status --porcelain)" ]; then echo "pins up to date"; exit 0; fi',
          "branch=gosynth/upgrade",
          'git config user.name "github-actions[bot]"',
          'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
          'git switch -C "$branch"',
          "git add -A",
          'git commit -m "Upgrade gosynth pins (Go, tools, actions, projen)"',
          'git push --force "https://x-access-token:${GH_TOKEN}@github.com/${GITHUB_REPOSITORY}.git" "$branch"',
          'gh pr view "$branch" >/dev/null 2>&1 || gh pr create --head "$branch" --title "Upgrade gosynth pins" --body "Moves gosynth.pins.json to the newest releases (npx projen upgrade) and re-synthesizes."',
        ].join("\n"),
      },
    ],
  };
}
