import { BaseImage } from "../config/base-image";
import type { ResolvedGoServiceConfig } from "../config/resolved-config";
import { cgoEnabled, goBuildCommand } from "../go-build";
import { Instruction } from "./instruction";
import { DockerfileStage } from "./stage";

// Paths inside the images, shared by the build, test, release and runtime stages.
export const SOURCE_DIR = "/src";
export const OUTPUT_DIR = "/out";
const MODULE_CACHE = "type=cache,target=/go/pkg/mod";
const BUILD_CACHE = "type=cache,target=/root/.cache/go-build";
const SOURCE_BIND = `type=bind,target=${SOURCE_DIR}`;
const NETRC_SECRET = "type=secret,id=netrc,target=/root/.netrc";
const ZONEINFO = "/usr/share/zoneinfo.zip";
/** Debian bookworm's upx, pinned so image builds are reproducible. */
export const UPX_PACKAGE = "upx-ucl=4.0.2-2";

/** Where the binary lives in the runtime image. */
export function binaryPath(config: ResolvedGoServiceConfig): string {
  return `/usr/local/bin/${config.binaryName}`;
}

/**
 * "uid:gid" for USER and COPY --chown. Numeric even where the image names the
 * user (distroless "nonroot"): the host and Kubernetes' runAsNonRoot can only
 * check a number.
 */
export function runtimeOwner(config: ResolvedGoServiceConfig): string {
  const { uid, gid } = config.runtime.user;
  return `${uid}:${gid}`;
}

/** GOPRIVATE for the commands that fetch modules (inline: not an ENV that every later layer keeps). */
function goPrivatePrefix(config: ResolvedGoServiceConfig): string {
  return config.goPrivate.length > 0 ? `GOPRIVATE='${config.goPrivate.join(",")}' ` : "";
}

function sourceMounts(config: ResolvedGoServiceConfig): string[] {
  return config.copySources ? [] : [SOURCE_BIND];
}

function hasArmVariant(config: ResolvedGoServiceConfig): boolean {
  return config.imagePlatforms.some((p) => p.arm !== undefined);
}

/** The builder FROM: cross-compile from the build platform unless cgo needs the target's C toolchain. */
function builderFrom(config: ResolvedGoServiceConfig, stageName: string): Instruction {
  return config.cgo
    ? Instruction.from(config.builderImage, stageName, {
        comment: "cgo links against the target's libc: build under emulation for each platform instead of cross-compiling.",
      })
    : Instruction.from(config.builderImage, stageName, {
        platform: "$BUILDPLATFORM",
        comment: "Build on the native platform and cross-compile: fast multi-platform builds, no emulation.\nExact tag: rebuilds get the same toolchain.",
      });
}

/** build: download modules in their own cached step, then compile with cache mounts. */
export function buildStage(config: ResolvedGoServiceConfig): DockerfileStage {
  const stage = new DockerfileStage("build", builderFrom(config, "build"));
  stage.add(Instruction.workdir(SOURCE_DIR, { id: "build.workdir" }));
  stage.add(
    Instruction.copy(["go.mod", "go.sum*"], "./", {
      id: "build.copy-modules",
      comment: "go.mod and go.sum first: the module download below stays cached until they change.",
    }),
    Instruction.run([`${goPrivatePrefix(config)}go mod download && ${goPrivatePrefix(config)}go mod verify`], {
      id: "build.download",
      mounts: [MODULE_CACHE, ...(config.goPrivate.length > 0 ? [NETRC_SECRET] : [])],
      comment:
        "The module cache mount survives between builds; go mod verify checks downloads against go.sum." +
        (config.goPrivate.length > 0 ? "\nGOPRIVATE: private modules skip the public proxy and checksum database." : "") +
        (config.goPrivate.length > 0 ? "\nCredentials come from a BuildKit secret (--secret id=netrc,src=$HOME/.netrc) and never land in a layer." : ""),
    }),
  );
  if (config.copySources) {
    stage.add(Instruction.copy(["."], ".", { id: "build.copy-sources", comment: "Sources by COPY (copySources: true)." }));
  }
  const targetArgs = ["TARGETOS", "TARGETARCH", ...(hasArmVariant(config) ? ["TARGETVARIANT"] : [])];
  const env = [`CGO_ENABLED=${cgoEnabled(config)}`, "GOOS=$TARGETOS", "GOARCH=$TARGETARCH", ...(hasArmVariant(config) ? ["GOARM=${TARGETVARIANT#v}"] : [])];
  stage.add(
    Instruction.arg(targetArgs.join(" "), undefined, {
      id: "build.target-args",
      comment: "Filled in by the builder for each --platform: one Dockerfile builds every platform.",
    }),
    Instruction.arg("VERSION", "dev", { id: "build.version-arg" }),
    Instruction.run([env.join(" "), goBuildCommand(config, "${VERSION}", `${OUTPUT_DIR}/${config.binaryName}`)], {
      id: "build.compile",
      mounts: [MODULE_CACHE, BUILD_CACHE, ...sourceMounts(config)],
      comment:
        (config.copySources ? "" : "Sources are bind-mounted, never copied into a layer. ") +
        "The build cache mount makes rebuilds incremental.\n" +
        (config.cgo ? "cgo on: links the C library of the runtime image." : "CGO_ENABLED=0: a static binary, no libc needed at run time.") +
        (config.stripBinary ? " -s -w strips debug symbols (smaller)." : "") +
        " -trimpath drops local paths (reproducible).",
    }),
  );
  return stage;
}

/** test: `docker build --target test .` runs the tests with the race detector inside the build. */
export function testStage(config: ResolvedGoServiceConfig): DockerfileStage {
  return new DockerfileStage(
    "test",
    Instruction.from("build", "test", { comment: "Run the tests in the build: docker build --target test ." }),
  ).add(
    Instruction.run(["CGO_ENABLED=1 go test -race -count=1 ./..."], {
      id: "test.run",
      mounts: [MODULE_CACHE, BUILD_CACHE, ...sourceMounts(config)],
      comment: "The race detector needs cgo; it runs on the build platform only.",
    }),
  );
}

/** compress: upx the binary (optional; slows start-up and raises memory use). */
export function compressStage(config: ResolvedGoServiceConfig): DockerfileStage {
  const binary = `${OUTPUT_DIR}/${config.binaryName}`;
  return new DockerfileStage("compress", Instruction.from("build", "compress")).add(
    Instruction.run(
      [
        "apt-get update",
        `&& apt-get install -y --no-install-recommends ${UPX_PACKAGE}`,
        "&& rm -rf /var/lib/apt/lists/*",
        `&& upx --best --lzma ${binary}`,
      ],
      {
        id: "compress.upx",
        comment: "upx makes the binary smaller but every start slower (it decompresses into memory).",
      },
    ),
  );
}

/** True when the runtime image takes files from the rootfs stage (alpine, scratch). */
export function needsRootfs(config: ResolvedGoServiceConfig): boolean {
  return config.runtime.kind === BaseImage.ALPINE || config.runtime.kind === BaseImage.SCRATCH;
}

/** rootfs: zoneinfo (alpine, scratch) plus the passwd/group entry and CA certificates that scratch lacks. */
export function rootfsStage(config: ResolvedGoServiceConfig): DockerfileStage {
  const { uid, gid } = config.runtime.user;
  const stage = new DockerfileStage(
    "rootfs",
    Instruction.from(config.builderImage, "rootfs", {
      platform: "$BUILDPLATFORM",
      comment: "Files the runtime image lacks, taken from the builder image (same tag as the build).",
    }),
  );
  if (!config.runtime.needsSystemFiles) return stage;
  return stage.add(
    Instruction.run(
      [
        "mkdir -p /rootfs/etc",
        `&& printf 'app:x:${uid}:${gid}:app:/nonexistent:/sbin/nologin\\n' > /rootfs/etc/passwd`,
        `&& printf 'app:x:${gid}:\\n' > /rootfs/etc/group`,
      ],
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

/** runtime: the one definition of the final image, used by Dockerfile and the goreleaser Dockerfile. */
export function runtimeStage(config: ResolvedGoServiceConfig, source: BinarySource): DockerfileStage {
  const runtime = config.runtime;
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
  const owner = runtimeOwner(config);
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
  stage.add(
    Instruction.copy([source.path], binaryPath(config), {
      ...(source.stage ? { from: source.stage } : {}),
      chown: owner,
      id: "runtime.binary",
      comment: "Stable steps above, the binary last: a code change only rebuilds this layer.",
    }),
    Instruction.user(owner, {
      id: "runtime.nonroot",
      comment: isDistroless && runtime.user.name
        ? "distroless's built-in nonroot user, by number, stated explicitly."
        : "Never run as root.",
    }),
    Instruction.env(
      { PORT: String(config.port) },
      { id: "runtime.port", comment: "The port the binary listens on and its healthcheck probes; EXPOSE documents it." },
    ),
    Instruction.expose(config.port, { id: "runtime.expose" }),
    Instruction.healthcheck([binaryPath(config), "healthcheck"], {
      id: "runtime.healthcheck",
      interval: "30s",
      timeout: "3s",
      startPeriod: "5s",
      retries: 3,
      comment: "The binary probes its own /healthz: works without a shell or curl in the image.",
    }),
    Instruction.arg("VERSION", "dev", { id: "runtime.version-arg", comment: "OCI labels, last: they change with every build." }),
    Instruction.arg("REVISION", "unknown", { id: "runtime.revision-arg" }),
    Instruction.arg("CREATED", "unknown", { id: "runtime.created-arg" }),
    Instruction.label(
      {
        "org.opencontainers.image.title": config.binaryName,
        "org.opencontainers.image.source": `https://${config.modulePath}`,
        "org.opencontainers.image.version": "${VERSION}",
        "org.opencontainers.image.revision": "${REVISION}",
        "org.opencontainers.image.created": "${CREATED}",
      },
      { id: "runtime.labels" },
    ),
    Instruction.entrypoint([binaryPath(config)], {
      id: "runtime.entrypoint",
      comment: "Exec form: the binary is PID 1 and receives SIGTERM for a graceful shutdown.",
    }),
  );
  return stage;
}
