// The "images" scope of `gosynth upgrade`: the digest of every base the project's Dockerfiles
// name, read from its registry, and alpine moved to its newest release of the same major.
// A registry that cannot be read leaves that FROM as it was (tag only, or the digest read
// before), and the plan says so: never a digest that no registry served.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readGoMod } from "../adopt/go-mod";
import { BaseImage, DebianRelease } from "../config/base-image";
import type { GoServiceProjectOptions } from "../config/options";
import type { Pins } from "../config/pins";
import { resolveConfig } from "../config/resolve";
import type { ResolvedGoServiceConfig } from "../config/resolved-config";
import { compareSemver, parseSemver } from "../util/versions";
import { NotFoundError, SourceUnreachableError } from "./sources/errors.js";
import { RegistryDeniedError, imageDigest, imageTags, parseImageReference, type OciRegistryOptions } from "./sources/oci-registry.js";

export interface ImagePinsQuery {
  /** The project directory (go.mod, the generated Dockerfiles, files the options name). */
  readonly dir: string;
  /** The pins after the other scopes moved: the builder's tag follows goToolchain. */
  readonly pins: Pins;
  /** The project's options (.projenrc.ts); default: what its generated Dockerfiles show (imageOptionsOf). */
  readonly project?: GoServiceProjectOptions;
  readonly registry?: OciRegistryOptions;
}

export interface ImagePinsPlan {
  /** Digests by reference without digest, for the bases the project names now (others dropped). */
  readonly images: { [reference: string]: string };
  readonly baseImages: { [image: string]: string };
  readonly changes: { what: string; from?: string; to: string }[];
  readonly notes: string[];
}

/** The digests (and alpine tag) the registries serve now for the project's bases. */
export async function planImagePins(query: ImagePinsQuery): Promise<ImagePinsPlan> {
  const options = query.project ? baseImageOptions(query.project) : imageOptionsOf(query.dir);
  const baseImages: { [image: string]: string } = { ...query.pins.baseImages };
  const changes: ImagePinsPlan["changes"] = [];
  const notes: string[] = [];
  let config = projectConfig(options, query.dir, { ...query.pins, baseImages });

  if (config.image.runtime.kind === BaseImage.ALPINE) {
    const current = parseImageReference(config.image.runtime.tag).tag!;
    try {
      const newest = newestReleaseTag(await imageTags(config.image.runtime.tag, query.registry), current);
      if (newest !== current) {
        changes.push({ what: "alpine", from: current, to: newest });
        baseImages.alpine = newest;
        config = projectConfig(options, query.dir, { ...query.pins, baseImages });
      }
    } catch (e) {
      notes.push(`alpine stays at ${current}: ${registryFailure(e)}`);
    }
  }

  const images: { [reference: string]: string } = {};
  if (options.pinImageDigests === false) {
    notes.push("pinImageDigests is off: base image digests were not read");
  } else {
    for (const reference of new Set([config.image.builderTag, config.image.runtime.tag])) {
      if (reference === "scratch") continue;
      const before = query.pins.images?.[reference];
      try {
        const digest = await imageDigest(reference, query.registry);
        images[reference] = digest;
        if (digest !== before) changes.push({ what: reference, ...(before ? { from: shortDigest(before) } : {}), to: shortDigest(digest) });
      } catch (e) {
        const why = registryFailure(e);
        if (before) images[reference] = before;
        notes.push(before ? `${reference} keeps the digest read before (${shortDigest(before)}): ${why}` : `${reference} stays tag-only in the Dockerfiles: ${why}`);
      }
    }
  }
  return { images, baseImages, changes, notes };
}

/** The newest x.y.z tag of `current`'s major that is not older than it (the current tag when none is). */
export function newestReleaseTag(tags: readonly string[], current: string): string {
  const pinned = parseSemver(current);
  if (!pinned) return current;
  const newer = tags
    .filter((t) => /^\d+\.\d+\.\d+$/.test(t))
    .map((t) => parseSemver(t)!)
    .filter((v) => v.major === pinned.major && compareSemver(v, pinned) > 0)
    .sort(compareSemver);
  return newer.at(-1)?.raw ?? current;
}

/**
 * The options that decide a project's bases, as its generated files show them, for a caller
 * that does not have .projenrc.ts's options: the module from go.mod, the base image and Debian
 * release from the runtime and build FROM lines of the Dockerfile (else goreleaser.Dockerfile).
 */
/**
 * The options that decide which bases a project names. The others (files, Makefiles,
 * the Go minor: the pins' toolchain is the one the go scope just moved) are left out,
 * so a project's options resolve here even where its files are not (a scratch pins dir).
 */
function baseImageOptions(options: GoServiceProjectOptions): GoServiceProjectOptions {
  const { name, modulePath, baseImage, debianRelease, cgo, pinImageDigests } = options;
  return { name, modulePath, baseImage, debianRelease, cgo, pinImageDigests };
}

export function imageOptionsOf(dir: string): GoServiceProjectOptions {
  const goMod = readIfExists(join(dir, "go.mod"));
  const modulePath = goMod === undefined ? undefined : readGoMod(goMod).modulePath;
  if (!modulePath) throw new Error(`${dir} has no go.mod with a module line: the images scope reads the project's bases from its config`);
  const dockerfile = readIfExists(join(dir, "Dockerfile")) ?? readIfExists(join(dir, "goreleaser.Dockerfile")) ?? "";
  const from = (stage: string) => new RegExp(`^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)\\s+AS\\s+${stage}\\s*$`, "im").exec(dockerfile)?.[1]?.replace(/@sha256:.*$/, "");
  const runtime = from("runtime") ?? "";
  const builder = from("build") ?? from("rootfs") ?? "";
  const distroless = /^gcr\.io\/distroless\/(static|base)-(debian\d+):/.exec(runtime);
  const baseImage = distroless
    ? distroless[1] === "base" ? BaseImage.DISTROLESS_BASE : BaseImage.DISTROLESS_STATIC
    : /^(?:docker\.io\/library\/)?alpine:/.test(runtime) ? BaseImage.ALPINE : runtime === "scratch" ? BaseImage.SCRATCH : undefined;
  const codename = /golang:[^-\s]+-(\w+)$/.exec(builder)?.[1];
  const release = distroless?.[2] ?? (codename === "bookworm" ? DebianRelease.BOOKWORM : codename === "trixie" ? DebianRelease.TRIXIE : undefined);
  const debianRelease = Object.values(DebianRelease).find((r) => r === release);
  // name only names the project: it decides no base.
  return { name: modulePath.split("/").pop()!, modulePath, ...(baseImage ? { baseImage } : {}), ...(debianRelease ? { debianRelease } : {}) };
}

function projectConfig(options: GoServiceProjectOptions, dir: string, pins: Pins): ResolvedGoServiceConfig {
  return resolveConfig(options, { goMod: readIfExists(join(dir, "go.mod")), pins, readFile: (path) => readIfExists(join(dir, path)) });
}

/**
 * Why a registry could not give what was asked. Anything else is thrown on: a bad
 * GOSYNTH_REGISTRY_MIRRORS (SourceConfigError) stops the upgrade rather than unpinning.
 */
function registryFailure(e: unknown): string {
  if (e instanceof SourceUnreachableError || e instanceof NotFoundError || e instanceof RegistryDeniedError) return e.message;
  throw e;
}

/** "sha256:0123456789ab": enough to tell digests apart in a plan. */
function shortDigest(digest: string): string {
  return digest.slice(0, "sha256:".length + 12);
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf-8") : undefined;
}
