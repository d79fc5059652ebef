import { healthcheckCommand } from "../image/layout";
import { registryHost } from "../image/registry";
import { Tools } from "../tool-versions";
import type { Problems } from "../util/problems";
import { BaseImage, DebianRelease } from "./base-image";
import { HealthCheck, HealthCheckKind } from "./health-check";
import type { GoServiceProjectOptions } from "./options";
import type { Pins } from "./pins";
import type { Platform, ResolvedBinary, ResolvedBinaryImage, ResolvedGo, ResolvedHealthCheck, ResolvedImage, RuntimeImage } from "./resolved-config";
import * as check from "./validators";

/** distroless images ship this user; alpine and scratch get one created with a UID that is neither root nor 1000. */
export const DISTROLESS_NONROOT_UID = 65532;
export const DEFAULT_RUNTIME_UID = 10001;
const DIGEST_EXAMPLE = `"sha256:${"0".repeat(64)}"`;
/** Labels the runtime stage sets from the build args: not for imageLabels (title and source may be replaced). */
const BUILD_LABELS = ["version", "revision", "created"].map((l) => `org.opencontainers.image.${l}`);

/**
 * The linux architectures each base is published for: an image is built only
 * for those (a release still builds binaries for every platform).
 */
const IMAGE_ARCHS: Readonly<Record<BaseImage, readonly string[]>> = {
  [BaseImage.DISTROLESS_STATIC]: ["amd64", "arm64", "arm", "s390x", "ppc64le"],
  [BaseImage.DISTROLESS_BASE]: ["amd64", "arm64", "arm", "s390x", "ppc64le"],
  [BaseImage.ALPINE]: ["amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64"],
  [BaseImage.SCRATCH]: ["amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64", "mips64le", "loong64"],
};

/** Debian's code name of a release, as the golang images tag it. */
const CODENAMES: Readonly<Record<DebianRelease, string>> = { [DebianRelease.BOOKWORM]: "bookworm", [DebianRelease.TRIXIE]: "trixie" };

/**
 * The runtime image reference of a base (tag only): exact tags, so a rebuild
 * gets the same base. distroless follows the Debian release; alpine its own
 * release: the project's pin (moved by upgrade) when it is an x.y.z, else gosynth's table.
 */
export function runtimeTag(kind: BaseImage, release: DebianRelease, pins?: Pins): string {
  switch (kind) {
    case BaseImage.DISTROLESS_STATIC:
      return `gcr.io/distroless/static-${release}:nonroot`;
    case BaseImage.DISTROLESS_BASE:
      return `gcr.io/distroless/base-${release}:nonroot`;
    case BaseImage.ALPINE: {
      const pinned = pins?.baseImages?.alpine;
      return `docker.io/library/alpine:${pinned && /^\d+\.\d+\.\d+$/.test(pinned) ? pinned : Tools.table().baseImages.alpine}`;
    }
    default:
      return "scratch";
  }
}

/**
 * The golang builder tag: `<patch>-<codename>`. Go minors older than a Debian
 * release have no images on it (golang tags trixie from 1.24, bookworm from
 * 1.19): those build on the newest Debian they were published for.
 */
export function builderTag(patch: string, release: DebianRelease): string {
  const minor = Number(patch.split(".")[1]);
  const codename = minor < 19 ? "bullseye" : minor < 24 ? "bookworm" : CODENAMES[release];
  return `docker.io/library/golang:${patch}-${codename}`;
}

function resolveHealthCheck(options: GoServiceProjectOptions, starterCode: boolean, binaryName: string, port: number, problems: Problems): ResolvedHealthCheck {
  const health = options.healthCheck ?? (starterCode ? HealthCheck.subcommand() : HealthCheck.none());
  if (!(health instanceof HealthCheck)) {
    problems.add("healthCheck", health, "must be HealthCheck.subcommand(), HealthCheck.http(path) or HealthCheck.none()", 'HealthCheck.http("/healthz")');
    return { kind: HealthCheckKind.NONE };
  }
  if (health.kind === HealthCheckKind.HTTP) problems.add("healthCheck", health.path, check.checkHttpPath(String(health.path)), '"/healthz"');
  if (health.port !== undefined) problems.add("healthCheck", health.port, check.checkPort(health.port), "HealthCheck.http(\"/healthz\", 8222)");
  for (const arg of health.args ?? []) problems.add("healthCheck", health.args, typeof arg === "string" ? check.checkPlainValue(arg) : "arguments must be strings", 'HealthCheck.subcommand(["-healthcheck"])');
  const command = healthcheckCommand(health, binaryName, port);
  return {
    kind: health.kind,
    ...(health.path ? { path: health.path } : {}),
    ...(health.args ? { args: [...health.args] } : {}),
    ...(health.port !== undefined && health.port !== port ? { port: health.port } : {}),
    ...(command ? { command } : {}),
  };
}

function record(option: string, raw: unknown, problems: Problems, example: string): [string, string][] {
  if (raw === undefined) return [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.add(option, raw, "must be an object of names to strings", example);
    return [];
  }
  return Object.entries(raw as Record<string, unknown>).filter(([key, value]) =>
    problems.add(`${option}.${key}`, value, typeof value === "string" ? check.checkPlainValue(value) : "must be a string", example),
  ) as [string, string][];
}

function list<T>(option: string, raw: unknown, problems: Problems, example: string, each: (item: unknown, i: number) => T | undefined): T[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add(option, raw, "must be a list", example);
    return [];
  }
  return raw.map(each).filter((x): x is T => x !== undefined);
}

/** What the image facts depend on besides the options. */
export interface ImageInputs {
  /** The base image, already checked. */
  readonly baseImage: BaseImage;
  readonly go: ResolvedGo;
  readonly modulePath: string;
  readonly binaryName: string;
  readonly platforms: Platform[];
  readonly imageRepository: string;
  readonly starterCode: boolean;
  readonly pins?: Pins;
  /** Every binary, already checked: those with `image: true` get an image of their own. @default - none */
  readonly binaries?: ResolvedBinary[];
}

/** Where another binary's image is pushed: the service's repository with "-<binary>" (one namespace, no clash with another project's). */
export function binaryImageRepository(serviceRepository: string, binaryName: string): string {
  return `${serviceRepository}-${binaryName}`;
}

/** The images of binaries with image: true (their names were checked to be stage names and repository path components). */
function binaryImages(inputs: ImageInputs): ResolvedBinaryImage[] {
  return (inputs.binaries ?? []).filter((b) => b.image).map((b) => ({
    binaryName: b.name,
    repository: binaryImageRepository(inputs.imageRepository, b.name),
    ...(b.imagePorts ? { ports: [...b.imagePorts] } : {}),
  }));
}

/** The container image: bases (pinned by digest where read), user, port, health, runtime files and settings. */
export function resolveImage(options: GoServiceProjectOptions, inputs: ImageInputs, problems: Problems): ResolvedImage {
  const kind = inputs.baseImage;
  let release = options.debianRelease ?? DebianRelease.TRIXIE;
  if (!Object.values(DebianRelease).includes(release)) {
    problems.add("debianRelease", options.debianRelease, `must be one of ${Object.values(DebianRelease).map((v) => JSON.stringify(v)).join(", ")}`, "DebianRelease.TRIXIE");
    release = DebianRelease.TRIXIE;
  }
  const pin = options.pinImageDigests ?? true;
  const digests = { builder: options.imageDigests?.builder, runtime: options.imageDigests?.runtime };
  for (const [role, digest] of Object.entries(digests)) {
    if (digest !== undefined) problems.add(`imageDigests.${role}`, digest, check.checkDigest(String(digest)), DIGEST_EXAMPLE);
  }
  if (digests.runtime !== undefined && kind === BaseImage.SCRATCH) problems.add("imageDigests.runtime", digests.runtime, "scratch is not an image and has no digest", "leave it unset");
  // A digest gosynth read from the registry (pins) or the user gave; never one made up.
  const unpinned: string[] = [];
  const pinned = (tag: string, given: string | undefined) => {
    if (tag === "scratch") return tag;
    const digest = given ?? (pin ? inputs.pins?.images?.[tag] : undefined);
    if (digest && check.checkDigest(digest) === undefined) return `${tag}@${digest}`;
    if (pin) unpinned.push(tag);
    return tag;
  };
  const builderRef = builderTag(inputs.go.patch, release);
  const runtimeRef = runtimeTag(kind, release, inputs.pins);
  const isDistroless = kind === BaseImage.DISTROLESS_STATIC || kind === BaseImage.DISTROLESS_BASE;
  const uid = options.runtimeUid ?? (isDistroless ? DISTROLESS_NONROOT_UID : DEFAULT_RUNTIME_UID);
  problems.add("runtimeUid", options.runtimeUid, check.checkUid(uid), String(DEFAULT_RUNTIME_UID));
  const runtime: RuntimeImage = {
    kind,
    tag: runtimeRef,
    reference: pinned(runtimeRef, digests.runtime),
    user: { uid, gid: uid, ...(isDistroless && uid === DISTROLESS_NONROOT_UID ? { name: "nonroot" } : {}) },
    isDistroless,
    needsSystemFiles: kind === BaseImage.SCRATCH,
    createsUser: kind === BaseImage.ALPINE,
    needsRootfs: kind === BaseImage.ALPINE || kind === BaseImage.SCRATCH,
  };
  const builder = pinned(builderRef, digests.builder);

  const port = options.port ?? 8080;
  problems.add("port", options.port, typeof port === "number" ? check.checkPort(port) : "must be a number", "8080");
  const extraPorts = list("extraPorts", options.extraPorts, problems, "[9090]", (p) =>
    problems.add("extraPorts", options.extraPorts, check.checkPortInList(p) ?? (p === port ? `lists the service port ${port}` : undefined), "[9090]") ? (p as number) : undefined,
  );
  const portFromEnv = options.portFromEnv ?? inputs.starterCode;
  const env = record("runtimeEnv", options.runtimeEnv, problems, '{ LISTEN_ADDR: "0.0.0.0:8080" }');
  for (const [name] of env) {
    problems.add(`runtimeEnv.${name}`, name, check.checkEnvName(name) ?? (portFromEnv && name === "PORT" ? "is set from port (portFromEnv)" : undefined), '"LOG_LEVEL"');
  }
  const labels = record("imageLabels", options.imageLabels, problems, '{ "org.opencontainers.image.vendor": "Acme" }');
  for (const [key] of labels) problems.add(`imageLabels.${key}`, key, BUILD_LABELS.includes(key) ? "is set from the build (VERSION, REVISION, CREATED)" : key === "" ? "must not be empty" : undefined, '"org.opencontainers.image.vendor"');
  const files = list("runtimeFiles", options.runtimeFiles, problems, '[{ source: "config.yml", target: "/etc/app/config.yml" }]', (f) => {
    const file = f as { source?: unknown; target?: unknown };
    const ok =
      problems.add("runtimeFiles", f, typeof file?.source === "string" ? check.checkRepositoryPath(file.source) : "each needs a source path", '{ source: "config.yml", target: "/etc/app/config.yml" }') &&
      problems.add("runtimeFiles", f, typeof file?.target === "string" ? check.checkImagePath(file.target) : "each needs an absolute target path", '{ source: "config.yml", target: "/etc/app/config.yml" }');
    return ok ? { source: String(file.source), target: String(file.target) } : undefined;
  });
  const args = list("runtimeArgs", options.runtimeArgs, problems, '["--config.file=/etc/app/config.yml"]', (a) =>
    problems.add("runtimeArgs", options.runtimeArgs, typeof a === "string" ? check.checkPlainValue(a) : "must contain only strings", '["--config.file=/etc/app/config.yml"]') ? (a as string) : undefined,
  );
  const volumes = list("runtimeVolumes", options.runtimeVolumes, problems, '["/data"]', (v) =>
    problems.add("runtimeVolumes", options.runtimeVolumes, typeof v === "string" ? check.checkImagePath(v) : "must contain only strings", '["/data"]') ? (v as string) : undefined,
  );
  const healthCheck = resolveHealthCheck(options, inputs.starterCode, inputs.binaryName, port, problems);
  const linux = inputs.platforms.filter((p) => p.os === "linux");
  const imagePlatforms = linux.filter((p) => IMAGE_ARCHS[kind].includes(p.arch));
  if (linux.length > 0 && imagePlatforms.length === 0) {
    problems.add("platforms", options.platforms, `names no linux platform ${kind} images are published for (${IMAGE_ARCHS[kind].map((a) => `linux/${a}`).join(", ")})`, '["linux/amd64", "linux/arm64"]');
  }
  return {
    repository: inputs.imageRepository,
    registry: registryHost(inputs.imageRepository),
    builder,
    builderTag: builderRef,
    debianRelease: release,
    runtime,
    unpinned,
    platforms: imagePlatforms,
    port,
    extraPorts,
    portFromEnv,
    healthCheck,
    healthProbe: healthCheck.kind === HealthCheckKind.HTTP,
    env: Object.fromEntries(env),
    files,
    args,
    volumes,
    labels: Object.fromEntries(labels),
    testStage: options.dockerTestStage ?? true,
    upx: options.upx ?? false,
    copySources: options.copySources ?? false,
    sourceUrl: `https://${inputs.modulePath.replace(/\/v\d+$/, "")}`,
    binaryImages: binaryImages(inputs),
  };
}
