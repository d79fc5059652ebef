import type { ProjectOptions } from "projen/lib/project";
import type { BaseImage, DebianRelease } from "./base-image";
import type { HealthCheck } from "./health-check";
import type { LintPreset } from "./lint-preset";

/** CPU, memory and ephemeral storage quantities of a Kubernetes container. */
export interface KubernetesResourceQuantities {
  /**
   * CPU: "250m" or "1".
   * @default - see KubernetesResources
   */
  readonly cpu?: string;
  /**
   * Memory: "128Mi" or "1Gi".
   * @default - see KubernetesResources
   */
  readonly memory?: string;
  /**
   * Ephemeral storage (the writable /tmp and logs): "64Mi".
   * @default - see KubernetesResources
   */
  readonly ephemeralStorage?: string;
}

/** Requests and limits of the Kubernetes container; each quantity defaults on its own. */
export interface KubernetesResources {
  /**
   * What the scheduler reserves.
   * @default { cpu: "100m", memory: "64Mi", ephemeralStorage: "64Mi" }
   */
  readonly requests?: KubernetesResourceQuantities;
  /**
   * The most the container may use (GOMAXPROCS and GOMEMLIMIT follow them).
   * @default { cpu: "1", memory: "128Mi", ephemeralStorage: "128Mi" }
   */
  readonly limits?: KubernetesResourceQuantities;
}

/** A file of the repository copied into the runtime image (read-only, owned by root). */
export interface RuntimeFile {
  /** Path in the repository (the build context), e.g. "blackbox.yml". */
  readonly source: string;
  /** Absolute path in the image, e.g. "/etc/blackbox_exporter/config.yml". */
  readonly target: string;
}

/** Release archives (goreleaser `archives`). */
export interface ReleaseArchiveOptions {
  /**
   * goreleaser name template of each archive.
   * @default "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}"
   */
  readonly nameTemplate?: string;
  /**
   * Put the files in a top directory (true: named like the archive; a string: that template).
   * @default false
   */
  readonly wrapInDirectory?: string;
  /**
   * Archive formats, e.g. ["tar.gz"] (windows gets zip unless formats say otherwise).
   * @default ["tar.gz"]
   */
  readonly formats?: string[];
  /**
   * Extra files of the repository in every archive (globs), e.g. ["LICENSE", "README.md"].
   * @default - goreleaser's default (license, readme and changelog files)
   */
  readonly files?: string[];
}

/** The checksums file of a release. */
export interface ReleaseChecksumOptions {
  /**
   * File name template, e.g. "SHA256SUMS" or "{{ .ProjectName }}_{{ .Version }}_checksums.txt".
   * @default "checksums.txt"
   */
  readonly nameTemplate?: string;
  /**
   * Hash algorithm.
   * @default "sha256"
   */
  readonly algorithm?: string;
}

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
  /**
   * Its own release platforms (e.g. a CLI also for darwin and windows).
   * @default - the project's platforms
   */
  readonly platforms?: string[];
  /**
   * Also an image of its own (another server): a Dockerfile stage named after
   * the binary (`docker build --target <name> .`, `make docker-build-<name>`),
   * released as `<imageRepository>-<name>`. It runs on the service's base, user,
   * environment, files and (unless `ports` says otherwise) ports, with no CMD, VOLUME or HEALTHCHECK (those are
   * the service's); the service's image stays the default target.
   * @default false
   * @example true
   */
  readonly image?: boolean;
  /**
   * Ports its image listens on (EXPOSE; the first is its PORT when the service
   * reads PORT), when not the service's. Only with `image: true`.
   * @default - the service's port and extraPorts
   * @example [9090]
   */
  readonly ports?: number[];
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
   * The Go minor the service is built and tested with, e.g. "1.27": the
   * builder image, CI and goreleaser use its newest patch (pinned in
   * gosynth.pins.json). go.mod stays the user's: its go and toolchain lines
   * must allow it. `gosynth upgrade --minor` moves it to the newest Go.
   * @default - the pinned toolchain's minor, else go.mod's toolchain line's, else its go line's; the newest Go without go.mod
   * @example "1.26"
   */
  readonly goVersion?: string;

  /**
   * The exact Go release that builds, instead of the newest patch of goVersion:
   * builder image, CI's setup-go, the Go golangci-lint is built with.
   * @default - gosynth.pins.json's goToolchain when it is of goVersion's minor, else the newest known patch of it
   * @example "1.27.3"
   */
  readonly goToolchain?: string;

  /**
   * Tool versions instead of the pinned ones (partial).
   * @default - gosynth.pins.json, then gosynth's table
   * @example { goreleaser: "v2.18.2" }
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
   * @example "fleetd"
   */
  readonly binaryName?: string;

  /**
   * The main package to build.
   * @default "./cmd/<binaryName>"
   * @example "./cmd/api"
   */
  readonly mainPackage?: string;

  /**
   * Every binary the project builds (make build, goreleaser). The service
   * (`binaryName`/`mainPackage`) is the one the image runs and is always built.
   * @default - the service binary only
   * @example [{ name: "fleet", mainPackage: "./cmd/fleet" }]
   */
  readonly binaries?: BinaryOptions[];

  /**
   * How the image checks health. The subcommand only works for binaries that have one (gosynth's starter code).
   * @default HealthCheck.subcommand() with starter code, else HealthCheck.none()
   * @example HealthCheck.http("/status")
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
   * Debian release of the distroless runtime and the golang builder images.
   * @default DebianRelease.TRIXIE (Debian 13, the current stable)
   */
  readonly debianRelease?: DebianRelease;

  /**
   * Pin every FROM by digest (`name:tag@sha256:...`): the digests are read from
   * the registry by `gosynth new`, `init` and `upgrade` into gosynth.pins.json;
   * a base whose digest was never read stays tag-only (gosynth doctor says so).
   * @default true
   */
  readonly pinImageDigests?: boolean;

  /**
   * Environment of the runtime image (ENV), e.g. { LISTEN_ADDR: "0.0.0.0:8080" }.
   * @default {}
   * @example { LISTEN_ADDR: "0.0.0.0:8080" }
   */
  readonly runtimeEnv?: { [name: string]: string };

  /**
   * Files of the repository copied into the runtime image (config files, templates).
   * @default []
   * @example [{ source: "config.yml", target: "/etc/app/config.yml" }]
   */
  readonly runtimeFiles?: RuntimeFile[];

  /**
   * Default arguments of the binary in the image (CMD after the ENTRYPOINT), e.g. ["--config.file=/etc/app/config.yml"].
   * @default []
   * @example ["--config.file=/etc/app/config.yml"]
   */
  readonly runtimeArgs?: string[];

  /**
   * VOLUME paths of the runtime image, e.g. ["/data"].
   * @default []
   * @example ["/data"]
   */
  readonly runtimeVolumes?: string[];

  /**
   * More OCI labels of the image (title, source, version, revision and created are set).
   * @default {}
   * @example { "org.opencontainers.image.vendor": "Acme" }
   */
  readonly imageLabels?: { [key: string]: string };

  /**
   * Other ports the service listens on (EXPOSE only), e.g. a metrics or cluster port.
   * @default []
   * @example [9090]
   */
  readonly extraPorts?: number[];

  /**
   * Build with cgo. Requires BaseImage.DISTROLESS_BASE (a libc at run time).
   * @default false
   * @probe { cgo: true, baseImage: BaseImage.DISTROLESS_BASE, platforms: ["linux/amd64", "linux/arm64"] }
   */
  readonly cgo?: boolean;

  /**
   * Target platforms "os/arch" (or "os/arch/variant" for arm) for images, cross builds and releases.
   * @default ["linux/amd64", "linux/arm64"]
   * @example ["linux/amd64", "linux/arm64", "linux/ppc64le"]
   */
  readonly platforms?: string[];

  /**
   * Go build tags.
   * @default []
   * @example ["netgo"]
   */
  readonly buildTags?: string[];

  /**
   * The string variable the version is injected into with `-X` (the starter code's is main.version).
   * @default "main.version" with starter code, else none
   * @example "main.appVersion"
   */
  readonly versionVariable?: string;

  /**
   * A string variable that gets the commit SHA with `-X`, e.g. "main.commit".
   * @default - none
   * @example "main.commit"
   */
  readonly revisionVariable?: string;

  /**
   * A string variable that gets the commit time (RFC 3339) with `-X`, e.g. "main.buildDate".
   * @default - none
   * @example "main.buildDate"
   */
  readonly createdVariable?: string;

  /**
   * Extra linker flags, appended after "-s -w -X <version>".
   * @default []
   * @example ["-X main.edition=oss"]
   */
  readonly extraLdflags?: string[];

  /**
   * Extra `go build` flags of every build, e.g. ["-buildmode=pie"].
   * @default []
   * @example ["-buildmode=pie"]
   */
  readonly buildFlags?: string[];

  /**
   * Build from vendor/ (-mod=vendor everywhere, no module download in the image, `make tidy` re-vendors).
   * @default false
   */
  readonly vendor?: boolean;

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
   * @example ["github.com/acme/*"]
   */
  readonly goPrivate?: string[];

  /**
   * Copy the sources into the build stage instead of bind-mounting them.
   * Bind mounts keep the sources out of any layer; COPY works with older builders.
   * @default false
   */
  readonly copySources?: boolean;

  /**
   * Digests to pin the base images with, instead of the ones in gosynth.pins.json.
   * @default - the pinned digests (pinImageDigests)
   * @example { builder: "sha256:1111111111111111111111111111111111111111111111111111111111111111" }
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
   * @example "out"
   */
  readonly binDir?: string;

  /**
   * Generate .goreleaser.yaml, its Makefile target and the release workflow.
   * @default true
   */
  readonly goreleaser?: boolean;

  /**
   * Generate .github/workflows/release.yml (goreleaser on v* tags). Off when the
   * repository keeps a release workflow of its own (then signing and provenance,
   * which need it, default to off).
   * @default true with goreleaser and ci
   */
  readonly releaseWorkflow?: boolean;

  /**
   * Release archives: name template, top directory, formats, extra files.
   * @default - one tar.gz (zip on windows) per platform with every binary
   * @example { nameTemplate: "{{ .ProjectName }}-{{ .Version }}-{{ .Os }}-{{ .Arch }}" }
   */
  readonly releaseArchive?: ReleaseArchiveOptions;

  /**
   * The release's checksums file.
   * @default - checksums.txt, sha256
   * @example { nameTemplate: "SHA256SUMS" }
   */
  readonly releaseChecksum?: ReleaseChecksumOptions;

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
   * @probe { kubernetes: true, kubernetesReplicas: 3 }
   */
  readonly kubernetesReplicas?: number;

  /**
   * Resource requests and limits of the Kubernetes container (GOMAXPROCS and GOMEMLIMIT follow the limits).
   * @default - requests 100m CPU / 64Mi, limits 1 CPU / 128Mi
   * @probe { kubernetes: true, kubernetesResources: { limits: { memory: "256Mi" } } }
   */
  readonly kubernetesResources?: KubernetesResources;

  /**
   * Add .github/workflows/upgrade.yml: a weekly pull request that moves the pins (Go, tools, actions, projen).
   * @default true when ci is on
   */
  readonly upgradeWorkflow?: boolean;

  /**
   * Add .github/workflows/codeql.yml: CodeQL code scanning of the Go code (SAST), pinned, least privilege.
   * @default true when ci is on
   */
  readonly codeql?: boolean;

  /**
   * Write SECURITY.md (how to report a vulnerability).
   * @default true
   */
  readonly securityPolicy?: boolean;

  /**
   * Where SECURITY.md sends vulnerability reports: an e-mail address or a URL.
   * @default - GitHub's private vulnerability reporting of the repository
   * @example "security@example.com"
   */
  readonly securityContact?: string;

  /**
   * Add .github/dependabot.yml for Go modules (with a cooldown); what gosynth pins is left to the upgrade workflow.
   * @default true when ci is on
   */
  readonly dependabot?: boolean;

  /**
   * Container image repository that CI and goreleaser push to.
   * @default "ghcr.io/<owner>/<binaryName>", owner = the module path's second element (github.com/<owner>/...)
   * @example "registry.example.com/acme/hello"
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
   * @example "trunk"
   */
  readonly defaultBranch?: string;

  /**
   * golangci-lint preset.
   * @default LintPreset.RECOMMENDED
   */
  readonly lintPreset?: LintPreset;

  /**
   * A golangci-lint v2 configuration of your own (linters, formatters, settings,
   * exclusions) used instead of the preset's; gosynth sets only run.go and
   * run.build-tags when it leaves them out. `gosynth init` carries the
   * repository's config over here.
   * @default - the preset's
   * @example { linters: { default: "standard", enable: ["misspell"] } }
   */
  readonly golangciConfig?: { [key: string]: any };

  /**
   * A hand-written Makefile of the repository (moved there by `gosynth init`):
   * the generated Makefile runs each of its targets (`make x` runs
   * `make -f <file> x`); where both have a target of the same name, it wins and
   * gosynth's is `gosynth-<name>`.
   * @default - none
   * @probe { projectMakefile: "project.mk" }
   * @probeFiles { "project.mk": "seed:\n\tgo run ./cmd/seed\n" }
   */
  readonly projectMakefile?: string;

  /**
   * Pin GitHub Actions to other commits: map of "owner/repo" to a 40-hex commit SHA.
   * Actions missing from the map use the SHA of their pinned tag from gosynth's tools table.
   * @default {}
   * @example { "actions/checkout": "0123456789abcdef0123456789abcdef01234567" }
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
   * @example ["prettier@3.3.3"]
   */
  readonly devDeps?: string[];
}
