import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { Project } from "projen/lib/project";
import { GitHub, GithubWorkflow, workflows } from "projen/lib/github";
import { BUILD_ARGS, SOURCE_DATE_EPOCH_SHELL } from "./build/build-args";
import type { Platform } from "./config/resolved-config";
import { imageRegistry } from "./image/registry";
import { Tools } from "./tool-versions";
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
  /** Name of the release's checksums file (what provenance attests). @default "checksums.txt" */
  readonly checksumFile?: string;
  /** Add codeql.yml: CodeQL code scanning of the Go code. @default false */
  readonly codeql?: boolean;
  /** Build and test from vendor/ (make tidy re-vendors). @default false */
  readonly vendor?: boolean;
  /**
   * Folder of the Kubernetes manifests (a kustomization): the release attaches
   * them rendered, pinned to the released image digest, as kubernetes.yaml.
   * @default - none
   */
  readonly kubernetesManifests?: string;
}

/** `go install <package>@<version>` of a tool of gosynth's table. */
function goInstall(tool: string, version: string | undefined): string {
  return `go install ${Tools.tool(tool).package}@${version}`;
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
  public readonly codeql?: GithubWorkflow;

  public static of(project: Project): GoWorkflows | undefined {
    return project.components.find((c): c is GoWorkflows => c instanceof GoWorkflows);
  }

  public constructor(scope: IConstruct, id: string, props: GoWorkflowsProps) {
    super(scope, id);
    const project = this.project;
    this.github = GitHub.of(project) ?? new GitHub(project, { mergify: false, pullRequestLint: false, workflows: true });
    // Every action runs at a commit SHA: the table's pins, overridden by the user's.
    for (const uses of Object.values(props.actions)) {
      const sha = props.actionShas[Tools.actionRef(uses).repository];
      if (sha) this.github.actions.set(uses, `${uses.split("@")[0]}@${sha}`);
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
      documentPermissions(this.upgrade, { "contents: write": "push the branch of the upgrade pull request (with GITHUB_TOKEN, the fallback)" });
      this.upgrade.addJobs({ upgrade: upgradeJob(props) });
    }

    if (props.codeql) {
      this.codeql = this.github.addWorkflow("codeql");
      this.codeql.on({ push: { branches: [props.defaultBranch] }, pullRequest: {}, schedule: [{ cron: "41 5 * * 2" }] });
      restrictWorkflow(this.codeql, true);
      documentPermissions(this.codeql);
      this.codeql.addJobs({ analyze: codeqlJob(props) });
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
      {
        id: "tidy",
        name: props.vendor ? "go mod tidy and go mod vendor change nothing" : "go mod tidy changes nothing",
        run: `make tidy\ngit diff --exit-code -- go.mod go.sum${props.vendor ? " vendor" : ""}`,
      },
      { id: "vet", name: "go vet", run: "make vet" },
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
  const digestStep: workflows.JobStep = {
    id: "image-digest",
    name: "Image digest",
    // The tag without its "v", as goreleaser tags images; env, not ${{ }} in the script (no injection).
    env: { REF_NAME: "${{ github.ref_name }}", IMAGE: image },
    run: 'echo "digest=$(docker buildx imagetools inspect "$IMAGE:${REF_NAME#v}" --format \'{{ .Manifest.Digest }}\')" >> "$GITHUB_OUTPUT"',
  };
  const kubernetes = props.kubernetesManifests;
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
      ...(props.sign ? [{ id: "cosign", name: "Install cosign", run: goInstall("cosign", props.cosignVersion) }] : []),
      ...(props.syftVersion ? [{ id: "syft", name: "Install syft", run: goInstall("syft", props.syftVersion) }] : []),
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
            { id: "attest-checksums", name: "Attest the checksums (covers every archive and SBOM)", uses: action(props, "attestBuildProvenance"), with: { "subject-path": `dist/${props.checksumFile ?? "checksums.txt"}` } },
            {
              id: "provenance-asset",
              name: "Attach the provenance to the release (*.intoto.jsonl, as OpenSSF Scorecard looks for)",
              // env, not ${{ }} in the script (no injection).
              env: { GH_TOKEN: "${{ secrets.GITHUB_TOKEN }}", BUNDLE: "${{ steps.attest-checksums.outputs.bundle-path }}", TAG: "${{ github.ref_name }}" },
              run: ['cp "$BUNDLE" "dist/provenance.intoto.jsonl"', 'gh release upload "$TAG" dist/provenance.intoto.jsonl --clobber'].join("\n"),
            },
            digestStep,
            {
              id: "attest-image",
              name: "Attest the image",
              uses: action(props, "attestBuildProvenance"),
              with: { "subject-name": image, "subject-digest": "${{ steps.image-digest.outputs.digest }}", "push-to-registry": true },
            },
          ]
        : []),
      ...(kubernetes ? [...(props.provenance ? [] : [digestStep]), kubernetesAssetStep(kubernetes, props.imageRepository, image)] : []),
    ],
  };
}

/**
 * The Kubernetes manifests as a release asset, the image pinned to the released
 * tag and digest: an overlay of the committed kustomization, rendered with
 * kubectl (on GitHub's runners), so `kubectl apply -f <asset URL>` deploys the release.
 */
function kubernetesAssetStep(manifests: string, imageName: string, image: string): workflows.JobStep {
  return {
    id: "kubernetes",
    name: "Attach the Kubernetes manifests pinned to the released image (kubernetes.yaml)",
    env: {
      GH_TOKEN: "${{ secrets.GITHUB_TOKEN }}",
      TAG: "${{ github.ref_name }}",
      DIGEST: "${{ steps.image-digest.outputs.digest }}",
      NAME: imageName,
      IMAGE: image,
    },
    run: [
      // The overlay sits two folders down the repository: its base is ../../<manifests>.
      "overlay=dist/kubernetes-release",
      'mkdir -p "$overlay"',
      'cat > "$overlay/kustomization.yaml" <<EOF',
      "apiVersion: kustomize.config.k8s.io/v1beta1",
      "kind: Kustomization",
      `resources: [../../${manifests}]`,
      "images:",
      "  - name: $NAME",
      "    newName: $IMAGE",
      '    newTag: "${TAG#v}"',
      "    digest: $DIGEST",
      "EOF",
      'kubectl kustomize "$overlay" > dist/kubernetes.yaml',
      'gh release upload "$TAG" dist/kubernetes.yaml --clobber',
    ].join("\n"),
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
      { id: "govulncheck", name: "govulncheck", run: `go run ${Tools.tool("govulncheck").package}@${props.govulncheckVersion} ./...` },
    ],
  };
}

/** The secrets and variables the upgrade workflow's token comes from (docs/upgrading.md). */
export const UPGRADE_TOKEN = {
  /** A GitHub App (preferred): its id as a repository variable, its private key as a secret. */
  appIdVariable: "GOSYNTH_APP_ID",
  appKeySecret: "GOSYNTH_APP_PRIVATE_KEY",
  /** Else a fine-grained token with contents, pull-requests and workflows write. */
  tokenSecret: "GOSYNTH_UPGRADE_TOKEN",
} as const;

/**
 * The weekly pins refresh: newest Go patch, tools, action commits and projen
 * (npx projen upgrade), synthesis, the checks, then a pull request. It pushes
 * with a token that may change .github/workflows/ (moving action commits does)
 * and whose pull request starts CI: a GitHub App's, else a named secret; only
 * without either, GITHUB_TOKEN, and it says what that cannot do.
 */
function upgradeJob(props: GoWorkflowsProps): workflows.Job {
  const t = UPGRADE_TOKEN;
  return {
    name: "Upgrade pins",
    runsOn: ["ubuntu-latest"],
    permissions: { contents: workflows.JobPermission.WRITE, pullRequests: workflows.JobPermission.WRITE },
    steps: [
      {
        id: "app-token",
        name: "GitHub App token (may change workflows; its pull request runs CI)",
        if: `vars.${t.appIdVariable} != ''`,
        uses: action(props, "createAppToken"),
        with: {
          "app-id": `\${{ vars.${t.appIdVariable} }}`,
          "private-key": `\${{ secrets.${t.appKeySecret} }}`,
          // Only what the job does (push the branch, edit pinned workflows, open the pull request), not the installation's every permission.
          "permission-contents": "write",
          "permission-workflows": "write",
          "permission-pull-requests": "write",
        },
      },
      { id: "checkout", name: "Checkout", uses: action(props, "checkout"), with: CHECKOUT },
      { id: "setup-node", name: "Set up Node", uses: action(props, "setupNode"), with: { "node-version": "20" } },
      { id: "setup-go", name: "Set up Go", uses: action(props, "setupGo"), with: { "go-version": props.goToolchain, cache: false } },
      { id: "install", name: "Install", run: "npm ci" },
      { id: "upgrade", name: "Upgrade the pins and re-synthesize", run: "npx projen upgrade" },
      { id: "checks", name: "Build and test with the new pins", run: "make build test" },
      {
        id: "pull-request",
        name: "Open or update the pull request",
        // git and gh of the runner: no third-party action holds the token.
        env: {
          GH_TOKEN: `\${{ steps.app-token.outputs.token || secrets.${t.tokenSecret} || secrets.GITHUB_TOKEN }}`,
          TOKEN_KIND: `\${{ steps.app-token.outputs.token && 'app' || secrets.${t.tokenSecret} && 'secret' || 'github' }}`,
        },
        run: [
          'if [ -z "$(git status --porcelain)" ]; then echo "pins up to date"; exit 0; fi',
          'if [ "$TOKEN_KIND" = github ]; then',
          `  echo "::warning::neither vars.${t.appIdVariable} (with secrets.${t.appKeySecret}) nor secrets.${t.tokenSecret} is set: pushing with GITHUB_TOKEN, which cannot change .github/workflows/ and whose pull request starts no CI (see docs/upgrading.md)"`,
          "fi",
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

/** CodeQL code scanning (SAST) of the Go code: on pushes, pull requests and weekly; it may only write its findings. */
function codeqlJob(props: GoWorkflowsProps): workflows.Job {
  return {
    name: "CodeQL (Go)",
    runsOn: ["ubuntu-latest"],
    permissions: { contents: workflows.JobPermission.READ, securityEvents: workflows.JobPermission.WRITE, actions: workflows.JobPermission.READ },
    steps: [
      { id: "checkout", name: "Checkout", uses: action(props, "checkout"), with: CHECKOUT },
      { id: "setup-go", name: "Set up Go", uses: action(props, "setupGo"), with: { "go-version": props.goToolchain, cache: false } },
      // build-mode manual: CodeQL analyses the build the Makefile does, with its flags.
      { id: "init", name: "Initialize CodeQL", uses: action(props, "codeqlInit"), with: { languages: "go", "build-mode": "manual" } },
      { id: "build", name: "Build", run: "make build" },
      { id: "analyze", name: "Analyze", uses: action(props, "codeqlAnalyze"), with: { category: "/language:go" } },
    ],
  };
}
