import type { KubernetesResources } from "../kubernetes/manifests";
import type { ToolVersions } from "../tool-versions";
import type { BaseImage } from "./base-image";
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
  /** Full reference, e.g. "gcr.io/distroless/static-debian12:nonroot", or "scratch". */
  readonly reference: string;
  readonly user: RuntimeUser;
  /** True when the image lacks CA certificates, tzdata and passwd, so we copy them in (scratch). */
  readonly needsSystemFiles: boolean;
  /** True when the image needs a user created at build time (alpine). */
  readonly createsUser: boolean;
}

/** The Go toolchain: the language version (go.mod's go line) and the exact release that builds. */
export interface ResolvedGo {
  /** As written to go.mod and golangci-lint's run.go: "1.27" or "1.27.4". */
  readonly version: string;
  /** Exact release for the builder image and CI: "1.27.4". */
  readonly patch: string;
  /** True when .projenrc.ts owns go.mod's go line (synthesis keeps it equal to version). */
  readonly syncGoMod: boolean;
}

/** One binary the project builds. */
export interface ResolvedBinary {
  readonly name: string;
  readonly mainPackage: string;
  /** -X target of the version, when the binary declares one. */
  readonly versionVariable?: string;
  /** Other -X targets: symbol to "revision" or "created". */
  readonly stampVariables: { [symbol: string]: string };
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
}

/** The container image. */
export interface ResolvedImage {
  /** Repository CI and goreleaser push to, e.g. "ghcr.io/acme/hello". */
  readonly repository: string;
  /** Registry host of the repository ("docker.io" for a bare "owner/name"). */
  readonly registry: string;
  /** Full builder image reference with exact tag (and digest when pinned). */
  readonly builder: string;
  readonly runtime: RuntimeImage;
  /** The linux subset of the build platforms: what images are built for. */
  readonly platforms: Platform[];
  /** The port the service listens on. */
  readonly port: number;
  /** The binary reads PORT: the image sets it. */
  readonly portFromEnv: boolean;
  /** The image's health check. */
  readonly healthCheck: ResolvedHealthCheck;
  readonly testStage: boolean;
  readonly upx: boolean;
  readonly copySources: boolean;
  /** Where the sources live, for the OCI source label. */
  readonly sourceUrl: string;
}

/** Releases with goreleaser, and what makes them trustworthy. */
export interface ResolvedRelease {
  readonly enabled: boolean;
  /** SBOMs of archives and images. */
  readonly sbom: boolean;
  /** cosign keyless signatures of the checksums and images. */
  readonly sign: boolean;
  /** GitHub artifact attestations. */
  readonly provenance: boolean;
  /** govulncheck in make vuln and CI. */
  readonly vulnCheck: boolean;
}

/** GitHub Actions. */
export interface ResolvedCi {
  readonly enabled: boolean;
  readonly pushImages: boolean;
  /** The weekly pins refresh workflow. */
  readonly upgradeWorkflow: boolean;
  /** Dependabot for Go modules. */
  readonly dependabot: boolean;
  readonly defaultBranch: string;
  /** Commit SHA of every action the workflows use ("owner/repo" to SHA): the tools table's pins with the user's on top. */
  readonly actionShas: { [action: string]: string };
}

/** Where the image runs besides a release: compose.yaml, Kubernetes manifests. */
export interface ResolvedDeploy {
  readonly compose: boolean;
  readonly kubernetes: boolean;
  /** Deployment replicas (the manifests' default when unset). */
  readonly kubernetesReplicas?: number;
  /** Container requests and limits (the manifests' defaults when unset). */
  readonly kubernetesResources?: KubernetesResources;
}

/** golangci-lint. */
export interface ResolvedLint {
  readonly preset: LintPreset;
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
  readonly explainComments: boolean;
  readonly starterCode: boolean;
  readonly tools: ToolVersions;
}
