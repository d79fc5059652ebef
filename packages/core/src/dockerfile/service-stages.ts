import { BUILD_ARGS, CREATED_ARG, REVISION_ARG, VERSION_ARG, type BuildArgDefinition } from "../build/build-args";
import type { GoBuild } from "../build/go-build";
import { BaseImage } from "../config/base-image";
import { HealthCheckKind } from "../config/health-check";
import type { Platform, ResolvedHealthCheck, RuntimeImage } from "../config/resolved-config";
import { HEALTHPROBE_BINARY, HEALTHPROBE_DIR } from "../healthprobe/healthprobe";
import { Instruction } from "./instruction";
import { Mount } from "./mount";
import { DockerfileStage } from "./stage";

// Paths inside the images, shared by the build, test, release and runtime stages.
export const SOURCE_DIR = "/src";
export const OUTPUT_DIR = "/out";
const ZONEINFO = "/usr/share/zoneinfo.zip";
/** Debian bookworm's upx, pinned so image builds are reproducible. */
export const UPX_PACKAGE = "upx-ucl=4.0.2-2";

/** The cache mounts every go command in the build shares: modules and compiled packages. */
export function goCacheMounts(): Mount[] {
  return [Mount.cache("/go/pkg/mod"), Mount.cache("/root/.cache/go-build")];
}

/** The sources, bind-mounted (never in a layer) unless they were copied in. */
export function sourceMounts(copySources: boolean): Mount[] {
  return copySources ? [] : [Mount.bind(SOURCE_DIR)];
}

/** Props of the build stage. */
export interface BuildStageProps {
  /** The binary's build definition. */
  readonly goBuild: GoBuild;
  /** Builder image with exact tag. */
  readonly builderImage: string;
  /** Image platforms (decides whether GOARM is needed). */
  readonly platforms: Platform[];
  /** COPY the sources instead of bind-mounting them. */
  readonly copySources: boolean;
  /** Also build gosynth's HTTP health probe. */
  readonly healthProbe?: boolean;
}

/** Where the runtime image keeps a binary. */
export function binaryPath(binaryName: string): string {
  return `/usr/local/bin/${binaryName}`;
}

/**
 * "uid:gid" for USER and COPY --chown. Numeric even where the image names the
 * user (distroless "nonroot"): the host and Kubernetes' runAsNonRoot can only
 * check a number.
 */
export function runtimeOwner(runtime: RuntimeImage): string {
  return `${runtime.user.uid}:${runtime.user.gid}`;
}

/** GOPRIVATE for the commands that fetch modules (inline: not an ENV that every later layer keeps). */
function goPrivateEnv(build: GoBuild): { [name: string]: string } {
  return build.goPrivate.length > 0 ? { GOPRIVATE: `'${build.goPrivate.join(",")}'` } : {};
}

/** The commit and time build args the binary's -X variables need. */
function stampArgs(build: GoBuild): BuildArgDefinition[] {
  const roles = new Set(Object.values(build.stampVariables));
  return [...(roles.has("revision") ? [REVISION_ARG] : []), ...(roles.has("created") ? [CREATED_ARG] : [])];
}

/** The builder FROM: cross-compile from the build platform unless cgo needs the target's C toolchain. */
function builderFrom(props: BuildStageProps, stageName: string): Instruction {
  return props.goBuild.cgo
    ? Instruction.from(props.builderImage, stageName, {
        comment: "cgo links against the target's libc: build under emulation for each platform instead of cross-compiling.",
      })
    : Instruction.from(props.builderImage, stageName, {
        platform: "$BUILDPLATFORM",
        comment: "Build on the native platform and cross-compile: fast multi-platform builds, no emulation.\nExact tag: rebuilds get the same toolchain.",
      });
}

/** build: download modules in their own cached step, then compile with cache mounts. */
export function buildStage(props: BuildStageProps): DockerfileStage {
  const { goBuild: build } = props;
  const hasArmVariant = props.platforms.some((p) => p.arm !== undefined);
  const privateModules = build.goPrivate.length > 0;
  const stage = new DockerfileStage("build", builderFrom(props, "build"));
  stage.add(Instruction.workdir(SOURCE_DIR, { id: "build.workdir" }));
  stage.add(
    Instruction.copy(["go.mod", "go.sum*"], "./", {
      id: "build.copy-modules",
      comment: "go.mod and go.sum first: the module download below stays cached until they change.",
    }),
    Instruction.run(["go mod download && go mod verify"], {
      id: "build.download",
      mounts: [Mount.cache("/go/pkg/mod"), ...(privateModules ? [Mount.secret("netrc", { target: "/root/.netrc" })] : [])],
      env: goPrivateEnv(build),
      comment:
        "The module cache mount survives between builds; go mod verify checks downloads against go.sum." +
        (privateModules ? "\nGOPRIVATE: private modules skip the public proxy and checksum database." : "") +
        (privateModules ? "\nCredentials come from a BuildKit secret (--secret id=netrc,src=$HOME/.netrc) and never land in a layer." : ""),
    }),
  );
  if (props.copySources) {
    stage.add(Instruction.copy(["."], ".", { id: "build.copy-sources", comment: "Sources by COPY (copySources: true)." }));
  }
  const targetArgs = ["TARGETOS", "TARGETARCH", ...(hasArmVariant ? ["TARGETVARIANT"] : [])];
  stage.add(
    Instruction.arg(targetArgs.join(" "), undefined, {
      id: "build.target-args",
      comment: "Filled in by the builder for each --platform: one Dockerfile builds every platform.",
    }),
    Instruction.arg(VERSION_ARG.name, VERSION_ARG.fallback, { id: "build.version-arg" }),
    // Commit and time only when the code has variables for them: each ARG used by the step is part of its cache key.
    ...stampArgs(build).map((arg) => Instruction.arg(arg.name, arg.fallback, { id: `build.${arg.name.toLowerCase()}-arg` })),
    Instruction.run([build.command({ version: `\${${VERSION_ARG.name}}`, revision: `\${${REVISION_ARG.name}}`, created: `\${${CREATED_ARG.name}}` }, `${OUTPUT_DIR}/${build.binaryName}`)], {
      id: "build.compile",
      mounts: [...goCacheMounts(), ...sourceMounts(props.copySources)],
      env: {
        CGO_ENABLED: build.cgoEnabled,
        GOOS: "$TARGETOS",
        GOARCH: "$TARGETARCH",
        ...(hasArmVariant ? { GOARM: "${TARGETVARIANT#v}" } : {}),
      },
      comment:
        (props.copySources ? "" : "Sources are bind-mounted, never copied into a layer. ") +
        "The build cache mount makes rebuilds incremental.\n" +
        (build.cgo ? "cgo on: links the C library of the runtime image." : "CGO_ENABLED=0: a static binary, no libc needed at run time.") +
        (build.strip ? " -s -w strips debug symbols (smaller)." : "") +
        " -trimpath drops local paths (reproducible).",
    }),
  );
  if (props.healthProbe) {
    stage.add(
      Instruction.run([`go build -C ${HEALTHPROBE_DIR} -trimpath -ldflags="-s -w" -o ${OUTPUT_DIR}/healthprobe .`], {
        id: "build.healthprobe",
        mounts: [...goCacheMounts(), ...sourceMounts(props.copySources)],
        env: { CGO_ENABLED: "0", GOOS: "$TARGETOS", GOARCH: "$TARGETARCH", ...(hasArmVariant ? { GOARM: "${TARGETVARIANT#v}" } : {}) },
        comment: "The HTTP health probe (standard library only): the image needs no shell or curl.",
      }),
    );
  }
  return stage;
}

/** test: `docker build --target test .` runs the tests with the race detector inside the build. */
export function testStage(copySources: boolean): DockerfileStage {
  return new DockerfileStage(
    "test",
    Instruction.from("build", "test", { comment: "Run the tests in the build: docker build --target test ." }),
  ).add(
    Instruction.run(["go test -race -count=1 ./..."], {
      id: "test.run",
      mounts: [...goCacheMounts(), ...sourceMounts(copySources)],
      env: { CGO_ENABLED: "1" },
      comment: "The race detector needs cgo; it runs on the build platform only.",
    }),
  );
}

/** compress: upx the binary (optional; slows start-up and raises memory use). */
export function compressStage(binaryName: string): DockerfileStage {
  const binary = `${OUTPUT_DIR}/${binaryName}`;
  return new DockerfileStage("compress", Instruction.from("build", "compress")).add(
    Instruction.run(
      ["apt-get update", `&& apt-get install -y --no-install-recommends ${UPX_PACKAGE}`, "&& rm -rf /var/lib/apt/lists/*", `&& upx --best --lzma ${binary}`],
      {
        id: "compress.upx",
        comment: "upx makes the binary smaller but every start slower (it decompresses into memory).",
      },
    ),
  );
}

/** True when the runtime image takes files from the rootfs stage (alpine, scratch). */
export function needsRootfs(runtime: RuntimeImage): boolean {
  return runtime.kind === BaseImage.ALPINE || runtime.kind === BaseImage.SCRATCH;
}

/** rootfs: zoneinfo (alpine, scratch) plus the passwd/group entry and CA certificates that scratch lacks. */
export function rootfsStage(runtime: RuntimeImage, builderImage: string): DockerfileStage {
  const { uid, gid } = runtime.user;
  const stage = new DockerfileStage(
    "rootfs",
    Instruction.from(builderImage, "rootfs", {
      platform: "$BUILDPLATFORM",
      comment: "Files the runtime image lacks, taken from the builder image (same tag as the build).",
    }),
  );
  if (!runtime.needsSystemFiles) return stage;
  return stage.add(
    Instruction.run(
      ["mkdir -p /rootfs/etc", `&& printf 'app:x:${uid}:${gid}:app:/nonexistent:/sbin/nologin\\n' > /rootfs/etc/passwd`, `&& printf 'app:x:${gid}:\\n' > /rootfs/etc/group`],
      { id: "rootfs.passwd", comment: "scratch has no /etc/passwd: name the non-root user (some libraries look it up)." },
    ),
  );
}

/** Where the runtime stage takes the binary from. */
export interface BinarySource {
  /** Stage to copy from (undefined: the build context). */
  readonly stage?: string;
  /** Path of the binary in that stage or context. */
  readonly path: string;
  /** Instructions the COPY needs first (e.g. ARG TARGETPLATFORM). */
  readonly preamble?: Instruction[];
}

/** Props of the runtime stage: the facts of the image that runs. */
export interface RuntimeStageProps {
  /** Name of the binary the image runs. */
  readonly binaryName: string;
  readonly runtime: RuntimeImage;
  /** The port the service listens on. */
  readonly port: number;
  /** OCI source label. */
  readonly sourceUrl: string;
  /** Where the binary comes from. */
  readonly source: BinarySource;
  /** How the image checks health. */
  readonly healthCheck: ResolvedHealthCheck;
  /** The binary reads PORT: set it in the image. */
  readonly portFromEnv: boolean;
  /** Where the HTTP health probe comes from (healthCheck kind "http"). */
  readonly probeSource?: BinarySource;
}

/** runtime: the one definition of the final image, used by Dockerfile and the goreleaser Dockerfile. */
export function runtimeStage(props: RuntimeStageProps): DockerfileStage {
  const { runtime, binaryName, port, source } = props;
  const isDistroless = runtime.kind === BaseImage.DISTROLESS_STATIC || runtime.kind === BaseImage.DISTROLESS_BASE;
  const stage = new DockerfileStage(
    "runtime",
    Instruction.from(runtime.reference, "runtime", {
      comment: {
        [BaseImage.DISTROLESS_STATIC]: "distroless static: no shell or package manager, CA certificates and tzdata included.",
        [BaseImage.DISTROLESS_BASE]: "distroless base: distroless plus glibc, for cgo binaries.",
        [BaseImage.ALPINE]: "alpine: a shell for debugging at some cost in size; exact tag for reproducible images.",
        [BaseImage.SCRATCH]: "scratch: an empty image; we copy in only what the binary needs.",
      }[runtime.kind],
    }),
  );
  const owner = runtimeOwner(runtime);
  if (runtime.createsUser) {
    stage.add(
      Instruction.run([`addgroup -S -g ${runtime.user.gid} app && adduser -S -D -H -u ${runtime.user.uid} -G app app`], {
        id: "runtime.user",
        comment: "A non-root user whose UID is not 1000 (the first host user, often with sudo).",
      }),
    );
  }
  if (runtime.needsSystemFiles) {
    stage.add(
      Instruction.copy(["/rootfs/etc/passwd", "/rootfs/etc/group"], "/etc/", { from: "rootfs", id: "runtime.passwd" }),
      Instruction.copy(["/etc/ssl/certs/ca-certificates.crt"], "/etc/ssl/certs/", {
        from: "rootfs",
        id: "runtime.ca-certificates",
        comment: "CA certificates for outgoing TLS.",
      }),
    );
  }
  if (!isDistroless) {
    stage.add(
      Instruction.copy(["/usr/local/go/lib/time/zoneinfo.zip"], ZONEINFO, {
        from: "rootfs",
        id: "runtime.zoneinfo",
        comment: "Time zone data from the Go toolchain, without an unpinned package install.",
      }),
      Instruction.env({ ZONEINFO }, { id: "runtime.zoneinfo-env" }),
    );
  }
  stage.add(...(source.preamble ?? []));
  const binary = binaryPath(binaryName);
  stage.add(
    Instruction.copy([source.path], binary, {
      ...(source.stage ? { from: source.stage } : {}),
      chown: owner,
      id: "runtime.binary",
      comment: "Stable steps above, the binary last: a code change only rebuilds this layer.",
    }),
    Instruction.user(owner, {
      id: "runtime.nonroot",
      comment: isDistroless && runtime.user.name ? "distroless's built-in nonroot user, by number, stated explicitly." : "Never run as root.",
    }),
    ...(props.portFromEnv
      ? [
          Instruction.env(
            { PORT: String(port) },
            { id: "runtime.port", comment: "The port the binary listens on and its healthcheck probes; EXPOSE documents it." },
          ),
          Instruction.expose(port, { id: "runtime.expose" }),
        ]
      : [Instruction.expose(port, { id: "runtime.expose", comment: "The port the binary listens on (it does not read PORT, so no ENV PORT): documentation for docker run -P." })]),
    ...healthcheckInstructions(props, owner),
    ...BUILD_ARGS.map((arg, i) =>
      Instruction.arg(arg.name, arg.fallback, {
        id: `runtime.${arg.name.toLowerCase()}-arg`,
        ...(i === 0 ? { comment: "OCI labels, last: they change with every build." } : {}),
      }),
    ),
    Instruction.label(
      {
        "org.opencontainers.image.title": binaryName,
        "org.opencontainers.image.source": props.sourceUrl,
        ...Object.fromEntries(BUILD_ARGS.map((arg) => [arg.label, `\${${arg.name}}`])),
      },
      { id: "runtime.labels" },
    ),
    Instruction.entrypoint([binary], {
      id: "runtime.entrypoint",
      comment: "Exec form: the binary is PID 1 and receives SIGTERM for a graceful shutdown.",
    }),
  );
  return stage;
}

/**
 * The image's health check as an exec-form command (the HEALTHCHECK's, compose's,
 * a Kubernetes exec probe's), or undefined when it has none.
 */
export function healthcheckCommand(healthCheck: ResolvedHealthCheck, binaryName: string, port: number): string[] | undefined {
  switch (healthCheck.kind) {
    case HealthCheckKind.SUBCOMMAND:
      return [binaryPath(binaryName), ...(healthCheck.args ?? ["healthcheck"])];
    case HealthCheckKind.HTTP:
      return [HEALTHPROBE_BINARY, `http://127.0.0.1:${port}${healthCheck.path}`];
    default:
      return undefined;
  }
}

/** HEALTHCHECK as the binary supports it: its own subcommand, gosynth's HTTP probe, or none. */
function healthcheckInstructions(props: RuntimeStageProps, owner: string): Instruction[] {
  const timing = { interval: "30s", timeout: "3s", startPeriod: "5s", retries: 3 };
  const command = healthcheckCommand(props.healthCheck, props.binaryName, props.port);
  switch (props.healthCheck.kind) {
    case HealthCheckKind.SUBCOMMAND:
      return [
        Instruction.healthcheck(command!, {
          id: "runtime.healthcheck",
          ...timing,
          comment: "The binary probes its own /healthz: works without a shell or curl in the image.",
        }),
      ];
    case HealthCheckKind.HTTP: {
      const probe = props.probeSource!;
      return [
        ...(probe.preamble ?? []),
        Instruction.copy([probe.path], HEALTHPROBE_BINARY, { ...(probe.stage ? { from: probe.stage } : {}), chown: owner, id: "runtime.healthprobe" }),
        Instruction.healthcheck(command!, {
          id: "runtime.healthcheck",
          ...timing,
          comment: `gosynth's probe GETs ${props.healthCheck.path}: no shell or curl needed in the image.`,
        }),
      ];
    }
    default:
      return [];
  }
}
