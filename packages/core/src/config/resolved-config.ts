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

/**
 * The one resolved, validated configuration. Computed once from the options;
 * every construct reads its facts from here and never re-derives a default.
 */
export interface ResolvedGoServiceConfig {
  readonly projectName: string;
  readonly modulePath: string;
  /** As written to go.mod and golangci-lint's run.go: "1.26" or "1.26.8". */
  readonly goVersion: string;
  /** Exact patch release for the builder image: "1.26.11". */
  readonly goPatchVersion: string;
  readonly port: number;
  readonly binaryName: string;
  readonly mainPackage: string;
  readonly binDir: string;
  readonly cgo: boolean;
  readonly platforms: Platform[];
  /** The linux subset of platforms: what container images are built for. */
  readonly imagePlatforms: Platform[];
  readonly buildTags: string[];
  /** The -X symbol the version is injected into. */
  readonly versionVariable: string;
  readonly stripBinary: boolean;
  readonly extraLdflags: string[];
  /** Full builder image reference with exact tag (and digest when pinned). */
  readonly builderImage: string;
  readonly runtime: RuntimeImage;
  readonly dockerTestStage: boolean;
  readonly upx: boolean;
  readonly goPrivate: string[];
  readonly copySources: boolean;
  readonly explainComments: boolean;
  readonly goreleaser: boolean;
  readonly ci: boolean;
  readonly imageRepository: string;
  readonly pushImages: boolean;
  readonly defaultBranch: string;
  readonly lintPreset: LintPreset;
  readonly actionShas: { [action: string]: string };
  readonly starterCode: boolean;
  readonly tools: ToolVersions;
}
