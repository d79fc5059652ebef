import type { ProjectOptions } from "projen";
import type { BaseImage } from "./base-image";
import type { KubernetesResources } from "../kubernetes/manifests";
import type { HealthCheck } from "./health-check";
import type { LintPreset } from "./lint-preset";

/**
 * Image digests to pin base images by content, on top of their exact tags.
 */
export interface ImageDigests {
  /**
   * Digest of the Go builder image, e.g. "sha256:<64 hex>".
   * @default - tag only
   */
  readonly builder?: string;

  /**
   * Digest of the runtime image, e.g. "sha256:<64 hex>".
   * @default - tag only
   */
  readonly runtime?: string;
}

/** One binary the project builds: a name and its main package. */
export interface BinaryOptions {
  /** File name of the binary, e.g. "fleetd". */
  readonly name: string;
  /** Its main package, e.g. "./cmd/fleetd". */
  readonly mainPackage: string;
  /** Its string variable the version is injected into with -X. @default - none */
  readonly versionVariable?: string;
  /** Its variable that gets the commit SHA. @default - none */
  readonly revisionVariable?: string;
  /** Its variable that gets the commit time. @default - none */
  readonly createdVariable?: string;
}

/** Tool versions to use instead of the pinned ones (each optional: the pins file and gosynth's table fill the rest). */
export interface ToolVersionOverrides {
  /** golangci-lint, e.g. "v2.15.0". */
  readonly golangciLint?: string;
  /** goreleaser v2, e.g. "v2.18.2". */
  readonly goreleaser?: string;
  /** govulncheck (golang.org/x/vuln), e.g. "v1.9.0". */
  readonly govulncheck?: string;
  /** syft, e.g. "v1.54.1". */
  readonly syft?: string;
  /** cosign v2, e.g. "v2.6.5". */
  readonly cosign?: string;
}

/**
 * Options of a Go service project.
 *
 * Every option is validated once, before any file is written; see
 * `GoServiceProject.config` for the resolved values every file reads.
 */
export interface GoServiceProjectOptions extends ProjectOptions {
  /**
   * The Go module path, as in `go.mod`.
   * @example "example.com/acme/hello"
   */
  readonly modulePath: string;

  /**
   * Go language version: go.mod's go line, kept in sync by synthesis. Leave it
   * out to let go.mod own the line (adopted repositories: it is never rewritten).
   * The toolchain that builds is `goToolchain`.
   * @default - go.mod's go line; the newest Go minor gosynth knows when there is no go.mod
   */
  readonly goVersion?: string;

  /**
   * The exact Go release that builds: builder image, CI's setup-go, the Go
   * golangci-lint is built with. Must satisfy go.mod's go and toolchain lines.
   * @default - gosynth.pins.json's goToolchain, else the newest known patch (of goVersion's minor when set, else of the newest minor)
   */
  readonly goToolchain?: string;

  /**
   * Tool versions instead of the pinned ones (partial).
   * @default - gosynth.pins.json, then gosynth's table
   */
  readonly toolVersions?: ToolVersionOverrides;

  /**
   * Port the service listens on (EXPOSE, HEALTHCHECK, default of the PORT env variable).
   * @default 8080
   */
  readonly port?: number;

  /**
   * Name of the service binary.
   * @default - the project name, lower-cased, non [a-z0-9._-] characters replaced by "-"
   */
  readonly binaryName?: string;

  /**
   * The main package to build.
   * @default "./cmd/<binaryName>"
   */
  readonly mainPackage?: string;

  /**
   * Every binary the project builds (make build, goreleaser). The service
   * (`binaryName`/`mainPackage`) is the one the image runs and is always built.
   * @default - the service binary only
   */
  readonly binaries?: BinaryOptions[];

  /**
   * How the image checks health. The subcommand only works for binaries that have one (gosynth's starter code).
   * @default HealthCheck.subcommand() with starter code, else HealthCheck.none()
   */
  readonly healthCheck?: HealthCheck;

  /**
   * The binary reads its port from the PORT environment variable: the image sets ENV PORT.
   * @default true with starter code, else false
   */
  readonly portFromEnv?: boolean;

  /**
   * Runtime base image of the container.
   * @default BaseImage.DISTROLESS_STATIC
   */
  readonly baseImage?: BaseImage;

  /**
   * Build with cgo. Requires BaseImage.DISTROLESS_BASE (a libc at run time).
   * @default false
   */
  readonly cgo?: boolean;

  /**
   * Target platforms "os/arch" (or "os/arch/variant" for arm) for images, cross builds and releases.
   * @default ["linux/amd64", "linux/arm64"]
   */
  readonly platforms?: string[];

  /**
   * Go build tags.
   * @default []
   */
  readonly buildTags?: string[];

  /**
   * The string variable the version is injected into with `-X` (the starter code's is main.version).
   * @default "main.version" with starter code, else none
   */
  readonly versionVariable?: string;

  /**
   * A string variable that gets the commit SHA with `-X`, e.g. "main.commit".
   * @default - none
   */
  readonly revisionVariable?: string;

  /**
   * A string variable that gets the commit time (RFC 3339) with `-X`, e.g. "main.buildDate".
   * @default - none
   */
  readonly createdVariable?: string;

  /**
   * Extra linker flags, appended after "-s -w -X <version>".
   * @default []
   */
  readonly extraLdflags?: string[];

  /**
   * Strip the symbol table and DWARF (-s -w): smaller binaries, no debugger symbols.
   * @default true
   */
  readonly stripBinary?: boolean;

  /**
   * Numeric UID (and GID) the container runs as, for alpine and scratch
   * (distroless images run as their built-in nonroot user 65532 unless set).
   * Not 0 and not 1000 (the first host user, often with sudo).
   * @default 10001 (alpine, scratch), 65532 (distroless)
   */
  readonly runtimeUid?: number;

  /**
   * Add a `test` stage to the Dockerfile that runs `go test` (build it with `--target test`).
   * @default true
   */
  readonly dockerTestStage?: boolean;

  /**
   * Compress the binary with upx in the image. Smaller, but slower start-up and more memory.
   * @default false
   */
  readonly upx?: boolean;

  /**
   * Private module patterns (GOPRIVATE). Turns on a BuildKit secret mount
   * (`--secret id=netrc`) used by `go mod download`, never stored in a layer.
   * @default []
   */
  readonly goPrivate?: string[];

  /**
   * Copy the sources into the build stage instead of bind-mounting them.
   * Bind mounts keep the sources out of any layer; COPY works with older builders.
   * @default false
   */
  readonly copySources?: boolean;

  /**
   * Pin base images by digest.
   * @default - tags only
   */
  readonly imageDigests?: ImageDigests;

  /**
   * Explain each practice with a short comment in the generated files.
   * @default true
   */
  readonly explainComments?: boolean;

  /**
   * Directory for local build outputs (`make build`).
   * @default "bin"
   */
  readonly binDir?: string;

  /**
   * Generate .goreleaser.yaml, its Makefile target and the release workflow.
   * @default true
   */
  readonly goreleaser?: boolean;

  /**
   * Generate GitHub Actions workflows.
   * @default true
   */
  readonly ci?: boolean;

  /**
   * Gate on known vulnerabilities: `make vuln` and a CI job run govulncheck (pinned).
   * @default true
   */
  readonly vulnCheck?: boolean;

  /**
   * SBOMs of release archives (syft) and images (buildx attestations). Needs goreleaser.
   * @default true with goreleaser
   */
  readonly sbom?: boolean;

  /**
   * Sign the release checksums and images with cosign, keyless (GitHub's OIDC token). Needs goreleaser and ci.
   * @default true with goreleaser and ci
   */
  readonly sign?: boolean;

  /**
   * GitHub artifact attestations (build provenance) of the checksums and the image digest. Needs goreleaser and ci.
   * @default true with goreleaser and ci
   */
  readonly provenance?: boolean;

  /**
   * Generate compose.yaml (the service built from the Dockerfile, hardened, healthy) and `make up`/`make down`.
   * @default true
   */
  readonly compose?: boolean;

  /**
   * Generate Kubernetes manifests (Deployment, Service, NetworkPolicy, PodDisruptionBudget, kustomization) in deploy/kubernetes/.
   * @default false
   */
  readonly kubernetes?: boolean;

  /**
   * Replicas of the Kubernetes Deployment (a PodDisruptionBudget is added when more than 1).
   * @default 2
   */
  readonly kubernetesReplicas?: number;

  /**
   * Resource requests and limits of the Kubernetes container (GOMAXPROCS and GOMEMLIMIT follow the limits).
   * @default - requests 100m CPU / 64Mi, limits 1 CPU / 128Mi
   */
  readonly kubernetesResources?: KubernetesResources;

  /**
   * Add .github/workflows/upgrade.yml: a weekly pull request that moves the pins (Go, tools, actions, projen).
   * @default true when ci is on
   */
  readonly upgradeWorkflow?: boolean;

  /**
   * Add .github/dependabot.yml for Go modules (with a cooldown); what gosynth pins is left to the upgrade workflow.
   * @default true when ci is on
   */
  readonly dependabot?: boolean;

  /**
   * Container image repository that CI and goreleaser push to.
   * @default "ghcr.io/<owner>/<binaryName>", owner = the module path's second element (github.com/<owner>/...)
   */
  readonly imageRepository?: string;

  /**
   * Push images from CI on the default branch.
   * @default false
   */
  readonly pushImages?: boolean;

  /**
   * Default git branch (CI triggers, drift check).
   * @default "main"
   */
  readonly defaultBranch?: string;

  /**
   * golangci-lint preset.
   * @default LintPreset.RECOMMENDED
   */
  readonly lintPreset?: LintPreset;

  /**
   * Pin GitHub Actions to other commits: map of "owner/repo" to a 40-hex commit SHA.
   * Actions missing from the map use the SHA of their pinned tag from gosynth's tools table.
   * @default {}
   */
  readonly actionShas?: { [action: string]: string };

  /**
   * Write the starter Go code (main package, internal packages with tests) when
   * missing. Off when adopting an existing repository (`gosynth init`).
   * @default true
   */
  readonly starterCode?: boolean;

  /**
   * Extra devDependencies of the generated package.json ("name@version").
   * A local path or tarball (as `projen new --from` passes it) becomes the spec of the core package.
   * @default []
   */
  readonly devDeps?: string[];
}
