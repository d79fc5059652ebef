import { BUILD_ARGS, CREATED_ARG, REVISION_ARG, VERSION_ARG, type BuildArgDefinition } from "../build/build-args";
import type { GoBuild } from "../build/go-build";
import { BaseImage } from "../config/base-image";
import { HealthCheckKind } from "../config/health-check";
import type { Platform, ResolvedHealthCheck, RuntimeImage } from "../config/resolved-config";
import { HEALTHPROBE_DIR } from "../healthprobe/healthprobe";
import { binaryPath, HEALTHPROBE_BINARY } from "../image/layout";
import type { RuntimeSettings } from "./runtime-settings";
import { Instruction } from "./instruction";
import { Mount } from "./mount";
import { DockerfileStage } from "./stage";

// Paths inside the images, shared by the build, test, release and runtime stages.
export const SOURCE_DIR = "/src";
export const OUTPUT_DIR = "/out";
const ZONEINFO = "/usr/share/zoneinfo.zip";
/**
 * Debian's upx by release of the builder image, pinned so image builds are
 * reproducible (bookworm dropped it from main: its backport then).
 */
export const UPX_PACKAGES: Readonly<Record<string, { readonly version: string; readonly suite?: string }>> = {
  bullseye: { version: "upx-ucl=3.96-2" },
  bookworm: { version: "upx-ucl=4.2.2-3~bpo12+1", suite: "bookworm-backports" },
  trixie: { version: "upx-ucl=4.2.4-1.1" },
};

/** The apt lines that install upx on the builder image's Debian release (its tag ends in the code name). */
function upxInstall(builderImage: string): string[] {
  const codename = /-(bullseye|bookworm|trixie)(@|$)/.exec(builderImage)?.[1] ?? "trixie";
  const { version, suite } = UPX_PACKAGES[codename];
  return [
    ...(suite ? [`echo "deb http://deb.debian.org/debian ${suite} main" > /etc/apt/sources.list.d/${suite}.list`, "&& apt-get update"] : ["apt-get update"]),
    `&& apt-get install -y --no-install-recommends ${suite ? `-t ${suite} ` : ""}${version}`,
  ];
}

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
  /** Other binaries with an image of their own, compiled after the service with the same flags. @default [] */
  readonly binaryImages?: GoBuild[];
}

/** Executables in the runtime image: root-owned and read-only, so the user that runs them cannot rewrite them. */
const EXECUTABLE_MODE = "0555";

/**
 * "uid:gid" for USER. Numeric even where the image names the user (distroless
 * "nonroot"): the host and Kubernetes' runAsNonRoot can only check a number.
 */
export function runtimeOwner(runtime: RuntimeImage): string {
  return `${runtime.user.uid}:${runtime.user.gid}`;
}

/** GOPRIVATE for the commands that fetch modules (inline: not an ENV that every later layer keeps). */
function goPrivateEnv(build: GoBuild): { [name: string]: string } {
  return build.goPrivate.length > 0 ? { GOPRIVATE: `'${build.goPrivate.join(",")}'` } : {};
}

/** The commit and time build args the binaries' -X variables need. */
function stampArgs(builds: GoBuild[]): BuildArgDefinition[] {
  const roles = new Set(builds.flatMap((b) => Object.values(b.stampVariables)));
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

/** The variables before another image's go build, as the service's build has them. */
function imageBuildEnv(build: GoBuild, targetEnv: { [name: string]: string }): string {
  return Object.entries({ CGO_ENABLED: build.cgoEnabled, ...targetEnv })
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");
}

/** build: download modules in their own cached step, then compile with cache mounts. */
export function buildStage(props: BuildStageProps): DockerfileStage {
  const { goBuild: build } = props;
  const binaryImages = props.binaryImages ?? [];
  const hasArmVariant = props.platforms.some((p) => p.arm !== undefined);
  const targetEnv = { GOOS: "$TARGETOS", GOARCH: "$TARGETARCH", ...(hasArmVariant ? { GOARM: "${TARGETVARIANT#v}" } : {}) };
  const buildValues = { version: `\${${VERSION_ARG.name}}`, revision: `\${${REVISION_ARG.name}}`, created: `\${${CREATED_ARG.name}}` };
  const privateModules = build.goPrivate.length > 0;
  const stage = new DockerfileStage("build", builderFrom(props, "build"));
  stage.add(Instruction.workdir(SOURCE_DIR, { id: "build.workdir" }));
  // vendor/ holds every module: nothing to download (a module that is no longer served cannot break the build).
  if (!build.vendor) {
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
  }
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
    ...stampArgs([build, ...binaryImages]).map((arg) => Instruction.arg(arg.name, arg.fallback, { id: `build.${arg.name.toLowerCase()}-arg` })),
    // Other images' binaries in the same step, not a RUN each: consecutive RUNs with the same mounts are one step to hadolint (DL3059).
    Instruction.run([build.command(buildValues, `${OUTPUT_DIR}/${build.binaryName}`), ...binaryImages.map((b) => `&& ${imageBuildEnv(b, targetEnv)} ${b.command(buildValues, `${OUTPUT_DIR}/${b.binaryName}`)}`)], {
      id: "build.compile",
      mounts: [...goCacheMounts(), ...sourceMounts(props.copySources)],
      env: { CGO_ENABLED: build.cgoEnabled, ...targetEnv },
      comment:
        (props.copySources ? "" : "Sources are bind-mounted, never copied into a layer. ") +
        "The build cache mount makes rebuilds incremental.\n" +
        (build.cgo ? "cgo on: links the C library of the runtime image." : "CGO_ENABLED=0: a static binary, no libc needed at run time.") +
        (build.strip ? " -s -w strips debug symbols (smaller)." : "") +
        " -trimpath drops local paths (reproducible)." +
        (binaryImages.length > 0
          ? `\nThen the binaries of the other images (--target ${binaryImages.map((b) => b.binaryName).join(", ")}) with the same flags, each with its own GOOS/GOARCH (a variable before a command is that command's alone); the packages they share come from the build cache.`
          : ""),
    }),
  );
  if (props.healthProbe) {
    stage.add(
      // WORKDIR, not go build -C (builders older than Go 1.20 build the probe too) nor cd (hadolint DL3003).
      Instruction.workdir(`${SOURCE_DIR}/${HEALTHPROBE_DIR}`, { id: "build.healthprobe-dir", comment: "The HTTP health probe is a module of its own (standard library only): the image needs no shell or curl." }),
      Instruction.run([`go build -trimpath -ldflags="-s -w" -o ${OUTPUT_DIR}/healthprobe .`], {
        id: "build.healthprobe",
        mounts: [...goCacheMounts(), ...sourceMounts(props.copySources)],
        env: { CGO_ENABLED: "0", ...targetEnv },
      }),
      Instruction.workdir(SOURCE_DIR, { id: "build.healthprobe-done" }),
    );
  }
  return stage;
}

/** test: `docker build --target test .` runs the tests with the race detector inside the build. */
export function testStage(copySources: boolean, build: GoBuild): DockerfileStage {
  return new DockerfileStage(
    "test",
    Instruction.from("build", "test", { comment: "Run the tests in the build: docker build --target test ." }),
  ).add(
    Instruction.run([["go test -race -count=1", ...build.checkFlags, "./..."].join(" ")], {
      id: "test.run",
      mounts: [...goCacheMounts(), ...sourceMounts(copySources)],
      env: { CGO_ENABLED: "1" },
      comment: "The race detector needs cgo; it runs on the build platform only.",
    }),
  );
}

/** compress: upx the binary, and those of the other images (optional; slows start-up and raises memory use). */
export function compressStage(binaryName: string, builderImage: string, moreBinaries: string[] = []): DockerfileStage {
  const binaries = [binaryName, ...moreBinaries].map((b) => `${OUTPUT_DIR}/${b}`);
  return new DockerfileStage("compress", Instruction.from("build", "compress")).add(
    Instruction.run(
      [...upxInstall(builderImage), "&& rm -rf /var/lib/apt/lists/*", `&& upx --best --lzma ${binaries.join(" ")}`],
      {
        id: "compress.upx",
        comment: "upx makes the binary smaller but every start slower (it decompresses into memory).",
      },
    ),
  );
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
export interface RuntimeStageProps extends RuntimeSettings {
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
  /** Where repository files come from: the build context (undefined) or a folder of it (goreleaser's). @default - the context root */
  readonly filesFrom?: string;
  /** Name of the stage, and the prefix of its instruction ids. @default "runtime" */
  readonly stageName?: string;
}

const BASE_COMMENTS: Readonly<Record<BaseImage, string>> = {
  [BaseImage.DISTROLESS_STATIC]: "distroless static: no shell or package manager, CA certificates and tzdata included.",
  [BaseImage.DISTROLESS_BASE]: "distroless base: distroless plus glibc, for cgo binaries.",
  [BaseImage.ALPINE]: "alpine: a shell for debugging at some cost in size; exact tag for reproducible images.",
  [BaseImage.SCRATCH]: "scratch: an empty image; we copy in only what the binary needs.",
};

/** runtime: the one definition of the final image, used by Dockerfile and the goreleaser Dockerfile. */
export function runtimeStage(props: RuntimeStageProps): DockerfileStage {
  const { runtime, binaryName, port, source } = props;
  const name = props.stageName ?? "runtime";
  const pinned = runtime.reference.includes("@sha256:") ? "\nPinned by digest (gosynth.pins.json): a moved tag cannot change the image." : "";
  const stage = new DockerfileStage(name, Instruction.from(runtime.reference, name, { comment: BASE_COMMENTS[runtime.kind] + pinned }));
  const owner = runtimeOwner(runtime);
  if (runtime.createsUser) {
    stage.add(
      Instruction.run([`addgroup -S -g ${runtime.user.gid} app && adduser -S -D -H -u ${runtime.user.uid} -G app app`], {
        id: `${name}.user`,
        comment: "A non-root user whose UID is not 1000 (the first host user, often with sudo).",
      }),
    );
  }
  if (runtime.needsSystemFiles) {
    stage.add(
      Instruction.copy(["/rootfs/etc/passwd", "/rootfs/etc/group"], "/etc/", { from: "rootfs", id: `${name}.passwd` }),
      Instruction.copy(["/etc/ssl/certs/ca-certificates.crt"], "/etc/ssl/certs/", {
        from: "rootfs",
        id: `${name}.ca-certificates`,
        comment: "CA certificates for outgoing TLS.",
      }),
    );
  }
  if (!runtime.isDistroless) {
    stage.add(
      Instruction.copy(["/usr/local/go/lib/time/zoneinfo.zip"], ZONEINFO, {
        from: "rootfs",
        id: `${name}.zoneinfo`,
        comment: "Time zone data from the Go toolchain, without an unpinned package install.",
      }),
      Instruction.env({ ZONEINFO }, { id: `${name}.zoneinfo-env` }),
    );
  }
  (props.files ?? []).forEach((f, i) => {
    stage.add(
      Instruction.copy([props.filesFrom ? `${props.filesFrom}/${f.source}` : f.source], f.target, {
        id: `${name}.file-${i + 1}`,
        ...(i === 0 ? { comment: "The service's own files, owned by root: it reads them and cannot change them." } : {}),
      }),
    );
  });
  stage.add(...(source.preamble ?? []));
  const binary = binaryPath(binaryName);
  stage.add(
    Instruction.copy([source.path], binary, {
      ...(source.stage ? { from: source.stage } : {}),
      chmod: EXECUTABLE_MODE,
      id: `${name}.binary`,
      comment: "The binary last (a code change rebuilds this layer only), owned by root and read-only: the user that runs it cannot rewrite it.",
    }),
    Instruction.user(owner, {
      id: `${name}.nonroot`,
      comment: runtime.isDistroless && runtime.user.name ? "distroless's built-in nonroot user, by number, stated explicitly." : "Never run as root.",
    }),
  );
  const env = Object.entries(props.env ?? {});
  if (props.portFromEnv) {
    stage.add(Instruction.env({ PORT: String(port) }, { id: `${name}.port`, comment: "The port the binary listens on and its healthcheck probes; EXPOSE documents it." }));
  }
  if (env.length > 0) stage.add(Instruction.env(Object.fromEntries(env), { id: `${name}.env`, comment: "The service's own environment." }));
  const morePorts = props.extraPorts ?? [];
  stage.add(
    props.portFromEnv
      ? Instruction.expose(port, { id: `${name}.expose`, morePorts })
      : Instruction.expose(port, { id: `${name}.expose`, morePorts, comment: "The ports the binary listens on (it does not read PORT, so no ENV PORT): documentation for docker run -P." }),
  );
  if ((props.volumes ?? []).length > 0) stage.add(Instruction.volume([...props.volumes!], { id: `${name}.volumes`, comment: "Where the service keeps its data." }));
  stage.add(
    ...healthcheckInstructions(props),
    ...BUILD_ARGS.map((arg, i) =>
      Instruction.arg(arg.name, arg.fallback, {
        id: `${name}.${arg.name.toLowerCase()}-arg`,
        ...(i === 0 ? { comment: "OCI labels, last: they change with every build." } : {}),
      }),
    ),
    Instruction.label(
      {
        "org.opencontainers.image.title": binaryName,
        "org.opencontainers.image.source": props.sourceUrl,
        ...(props.labels ?? {}),
        ...Object.fromEntries(BUILD_ARGS.map((arg) => [arg.label, `\${${arg.name}}`])),
      },
      { id: `${name}.labels` },
    ),
    Instruction.entrypoint([binary], {
      id: `${name}.entrypoint`,
      comment: "Exec form: the binary is PID 1 and receives SIGTERM for a graceful shutdown.",
    }),
  );
  if ((props.args ?? []).length > 0) stage.add(Instruction.cmd([...props.args!], { id: `${name}.args`, comment: "The binary's default arguments (docker run <image> <args> replaces them)." }));
  return stage;
}

/**
 * <binary>: the image of another server binary, `docker build --target <binary>`.
 * The service's runtime settings (base, user, env, files, labels; its own ports
 * when `binaryImagePorts` names them, else the service's) around
 * its own binary and ENTRYPOINT; CMD, VOLUME and HEALTHCHECK are the service's
 * and left out. Placed before the runtime stage, which stays the default target.
 */
export function binaryImageStage(props: RuntimeStageProps): DockerfileStage {
  const { binaryName, runtime } = props;
  const ownPorts = props.binaryImagePorts?.[binaryName];
  const port = ownPorts?.[0] ?? props.port;
  const ports = ownPorts ? { port, extraPorts: ownPorts.slice(1) } : {};
  const stage = runtimeStage({ ...props, ...ports, stageName: binaryName, args: [], volumes: [], healthCheck: { kind: HealthCheckKind.NONE } });
  stage.replaceFrom(
    Instruction.from(runtime.reference, binaryName, {
      comment:
        `The image of ${binaryName}: docker build --target ${binaryName} . (the service's image, last, stays the default).\n` +
        `The service's base, user, files and ${ownPorts ? "its own ports" : "ports"}; no HEALTHCHECK: gosynth does not know what ${binaryName} answers.`,
    }),
  );
  if (props.portFromEnv) {
    const whose = ownPorts ? "Its own PORT" : "The service's PORT";
    stage.replace(`${binaryName}.port`, Instruction.env({ PORT: String(port) }, { id: `${binaryName}.port`, comment: `${whose}, for a binary that reads it too; EXPOSE documents it.` }));
  }
  return stage;
}

/** HEALTHCHECK as the binary supports it: its own subcommand, gosynth's HTTP probe, or none. */
function healthcheckInstructions(props: RuntimeStageProps): Instruction[] {
  const name = props.stageName ?? "runtime";
  const timing = { interval: "30s", timeout: "3s", startPeriod: "5s", retries: 3 };
  const command = props.healthCheck.command;
  switch (props.healthCheck.kind) {
    case HealthCheckKind.SUBCOMMAND:
      return [
        Instruction.healthcheck(command!, {
          id: `${name}.healthcheck`,
          ...timing,
          comment: "The binary checks its own health: works without a shell or curl in the image.",
        }),
      ];
    case HealthCheckKind.HTTP: {
      const probe = props.probeSource!;
      return [
        ...(probe.preamble ?? []),
        Instruction.copy([probe.path], HEALTHPROBE_BINARY, { ...(probe.stage ? { from: probe.stage } : {}), chmod: EXECUTABLE_MODE, id: `${name}.healthprobe` }),
        Instruction.healthcheck(command!, {
          id: `${name}.healthcheck`,
          ...timing,
          comment: `gosynth's probe GETs ${props.healthCheck.path}: no shell or curl needed in the image.`,
        }),
      ];
    }
    default:
      return [];
  }
}
