import type { BaseImage, DebianRelease } from "./base-image";
import type { LintPreset } from "./lint-preset";

/** A target platform, split into what GOOS/GOARCH/GOARM and image platforms need. */
export interface Platform {
  /** "linux/amd64" or "linux/arm/v7". */
  readonly id: string;
  readonly os: string;
  readonly arch: string;
  /** ARM version ("7" for linux/arm/v7), when given. */
  readonly arm?: string;
}

/** The user a container runs as. */
export interface RuntimeUser {
  readonly uid: number;
  readonly gid: number;
  /** Name known to the image's /etc/passwd, when it has one for this uid. */
  readonly name?: string;
}

/** The runtime image: what to run on and who runs. */
export interface RuntimeImage {
  readonly kind: BaseImage;
  /** Full reference, e.g. "gcr.io/distroless/static-debian13:nonroot@sha256:...", or "scratch". */
  readonly reference: string;
  /** The reference without a digest (what the pins file keys the digest by). */
  readonly tag: string;
  readonly user: RuntimeUser;
  /** A distroless image (built-in nonroot user, CA certificates, tzdata). */
  readonly isDistroless: boolean;
  /** True when the image lacks CA certificates, tzdata and passwd, so we copy them in (scratch). */
  readonly needsSystemFiles: boolean;
  /** True when the image needs a user created at build time (alpine). */
  readonly createsUser: boolean;
  /** True when the runtime stage takes files from the rootfs stage (alpine, scratch: zoneinfo; scratch: passwd, CA certificates). */
  readonly needsRootfs: boolean;
}

/** The Go the service is built and tested with. */
export interface ResolvedGo {
  /** The minor: "1.27". */
  readonly minor: string;
  /** Exact release for the builder image, the Makefile and CI: "1.27.4". */
  readonly patch: string;
  /** The Go release the pinned tools are built with: the patch, unless the minor is older than golangci-lint v2 builds with (then the newest Go gosynth knows). */
  readonly toolsPatch: string;
  /** go.mod's go line (the language version golangci-lint analyses), or the minor when there is no go.mod yet. */
  readonly languageVersion: string;
  /** The day the minor's support ended (its successor's successor was released), when it has. */
  readonly supportEnded?: string;
}

/** One binary the project builds. */
export interface ResolvedBinary {
  readonly name: string;
  readonly mainPackage: string;
  /** -X target of the version, when the binary declares one. */
  readonly versionVariable?: string;
  /** Other -X targets: symbol to "revision" or "created". */
  readonly stampVariables: { [symbol: string]: string };
  /** Its release platforms. */
  readonly platforms: Platform[];
  /** It also has an image of its own (`docker build --target <name>`). */
  readonly image: boolean;
  /** Ports its image listens on, when not the service's (image only). */
  readonly imagePorts?: number[];
}

/** How the binary is built (shared by Makefile, Dockerfile, goreleaser). */
export interface ResolvedGoBuild {
  readonly binaryName: string;
  readonly mainPackage: string;
  readonly binDir: string;
  readonly cgo: boolean;
  /** Every target platform (cross builds, releases). */
  readonly platforms: Platform[];
  readonly tags: string[];
  /** Every binary built: the service first. */
  readonly binaries: ResolvedBinary[];
  /** The -X symbol the version is injected into, when the code has one. */
  readonly versionVariable?: string;
  /** Other -X symbols: symbol to "revision" or "created". */
  readonly stampVariables: { [symbol: string]: string };
  readonly strip: boolean;
  readonly extraLdflags: string[];
  /** Extra go build flags (-buildmode=pie...). */
  readonly extraFlags: string[];
  /** Build from vendor/. */
  readonly vendor: boolean;
  readonly goPrivate: string[];
}

/** The image's health check, resolved. */
export interface ResolvedHealthCheck {
  /** "subcommand", "http" or "none". */
  readonly kind: string;
  /** HTTP path (kind "http"). */
  readonly path?: string;
  /** Subcommand arguments (kind "subcommand"). */
  readonly args?: string[];
  /** The port an HTTP check GETs, when not the service's. */
  readonly port?: number;
  /** The exec-form command the image, compose and Kubernetes exec probes run; none for kind "none". */
  readonly command?: string[];
}

/** A file of the repository in the runtime image. */
export interface ResolvedRuntimeFile {
  readonly source: string;
  readonly target: string;
}

/** The image of another server binary: a Dockerfile stage named after it. */
export interface ResolvedBinaryImage {
  /** The binary, also the stage name (`docker build --target <binaryName>`). */
  readonly binaryName: string;
  /** Repository the release pushes it to: the service's with "-<binaryName>". */
  readonly repository: string;
  /** Ports it listens on, when not the service's (the first is its PORT). */
  readonly ports?: number[];
}

/** The container image. */
export interface ResolvedImage {
  /** Repository CI and goreleaser push to, e.g. "ghcr.io/acme/hello". */
  readonly repository: string;
  /** Registry host of the repository ("docker.io" for a bare "owner/name"). */
  readonly registry: string;
  /** Full builder image reference with exact tag (and digest when pinned). */
  readonly builder: string;
  /** The builder reference without a digest. */
  readonly builderTag: string;
  readonly debianRelease: DebianRelease;
  readonly runtime: RuntimeImage;
  /** Base image references (tag only) whose digest is not pinned although pinning is on. */
  readonly unpinned: string[];
  /** The linux subset of the build platforms: what images are built for. */
  readonly platforms: Platform[];
  /** The port the service listens on. */
  readonly port: number;
  /** Other ports it listens on (EXPOSE). */
  readonly extraPorts: number[];
  /** The binary reads PORT: the image sets it. */
  readonly portFromEnv: boolean;
  /** The image's health check. */
  readonly healthCheck: ResolvedHealthCheck;
  /** gosynth's HTTP probe binary is in the image. */
  readonly healthProbe: boolean;
  /** ENV of the runtime stage, in order. */
  readonly env: { [name: string]: string };
  /** Repository files copied into the image. */
  readonly files: ResolvedRuntimeFile[];
  /** CMD: default arguments of the binary. */
  readonly args: string[];
  readonly volumes: string[];
  /** Extra OCI labels. */
  readonly labels: { [key: string]: string };
  readonly testStage: boolean;
  readonly upx: boolean;
  readonly copySources: boolean;
  /** Where the sources live, for the OCI source label. */
  readonly sourceUrl: string;
  /** Images of the other binaries with `image: true`, in the order of `binaries`. */
  readonly binaryImages: ResolvedBinaryImage[];
}

/** goreleaser archives. */
export interface ResolvedArchive {
  readonly nameTemplate: string;
  readonly wrapInDirectory?: string;
  readonly formats: string[];
  readonly files?: string[];
}

/** Releases with goreleaser, and what makes them trustworthy. */
export interface ResolvedRelease {
  readonly enabled: boolean;
  /** gosynth's release workflow (release.yml). */
  readonly workflow: boolean;
  /** SBOMs of archives and images. */
  readonly sbom: boolean;
  /** cosign keyless signatures of the checksums and images. */
  readonly sign: boolean;
  /** GitHub artifact attestations. */
  readonly provenance: boolean;
  /** govulncheck in make vuln and CI. */
  readonly vulnCheck: boolean;
  readonly archive: ResolvedArchive;
  /** Checksums file name template. */
  readonly checksumName: string;
  readonly checksumAlgorithm: string;
}

/** GitHub Actions. */
export interface ResolvedCi {
  readonly enabled: boolean;
  readonly pushImages: boolean;
  /** The weekly pins refresh workflow. */
  readonly upgradeWorkflow: boolean;
  /** Dependabot for Go modules. */
  readonly dependabot: boolean;
  /** CodeQL code scanning. */
  readonly codeql: boolean;
  readonly defaultBranch: string;
  /** Commit SHA of every action the workflows use ("owner/repo" to SHA): the tools table's pins with the user's on top. */
  readonly actionShas: { [action: string]: string };
}

/** compose.yaml. */
export interface ResolvedCompose {
  /** The service's name in compose.yaml (the binary name in compose's rules). */
  readonly serviceName: string;
}

/** A Kubernetes probe, resolved. */
export interface ResolvedProbe {
  /** "httpGet", "exec" or "none". */
  readonly kind: string;
  readonly path?: string;
  /** The port of an httpGet probe, when not the container's. */
  readonly port?: number;
  readonly command?: string[];
}

/** Kubernetes quantities, every one set. */
export interface ResolvedQuantities {
  readonly cpu: string;
  readonly memory: string;
  readonly ephemeralStorage: string;
}

/** The Kubernetes manifests. */
export interface ResolvedKubernetes {
  /** Object name (a DNS label) derived from the binary name. */
  readonly name: string;
  readonly replicas: number;
  readonly requests: ResolvedQuantities;
  readonly limits: ResolvedQuantities;
  readonly liveness: ResolvedProbe;
  readonly readiness: ResolvedProbe;
}

/** Where the image runs besides a release: compose.yaml, Kubernetes manifests. */
export interface ResolvedDeploy {
  readonly compose?: ResolvedCompose;
  readonly kubernetes?: ResolvedKubernetes;
}

/** golangci-lint. */
export interface ResolvedLint {
  readonly preset: LintPreset;
  /** The user's own v2 config, instead of the preset. */
  readonly config?: { [key: string]: any };
}

/** The Makefile. */
export interface ResolvedMake {
  /** The repository's own Makefile, delegated to. */
  readonly projectMakefile?: string;
  /** Its targets (read from it, offline). */
  readonly projectTargets: string[];
  /** The goal `make` alone ran with it. */
  readonly projectDefaultGoal?: string;
}

/** SECURITY.md. */
export interface ResolvedSecurity {
  readonly policy: boolean;
  /** E-mail or URL; none: GitHub's private vulnerability reporting. */
  readonly contact?: string;
}

/** The pinned tool versions the generated files use. */
export interface ResolvedTools {
  readonly golangciLint: string;
  readonly goreleaser: string;
  readonly govulncheck: string;
  readonly syft: string;
  readonly cosign: string;
  /** Actions by role ("checkout" to "actions/checkout@v5.0.0"). */
  readonly actions: { [role: string]: string };
}

/**
 * The one resolved, validated configuration, grouped by concern and deeply
 * frozen. Computed once from the options; the project hands each construct
 * the facts it needs as props, and no construct re-derives a default.
 */
export interface ResolvedGoServiceConfig {
  readonly projectName: string;
  readonly modulePath: string;
  readonly go: ResolvedGo;
  readonly goBuild: ResolvedGoBuild;
  readonly image: ResolvedImage;
  readonly release: ResolvedRelease;
  readonly ci: ResolvedCi;
  readonly deploy: ResolvedDeploy;
  readonly lint: ResolvedLint;
  readonly make: ResolvedMake;
  readonly security: ResolvedSecurity;
  readonly explainComments: boolean;
  readonly starterCode: boolean;
  readonly tools: ResolvedTools;
}
