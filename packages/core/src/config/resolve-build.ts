import { CROSS_COMPILERS } from "../build/cross-compilers";
import type { Problems } from "../util/problems";
import { BaseImage } from "./base-image";
import { KNOWN_PLATFORMS } from "./go-releases";
import type { BinaryOptions, GoServiceProjectOptions } from "./options";
import type { Platform, ResolvedBinary, ResolvedGoBuild } from "./resolved-config";
import * as check from "./validators";

export const DEFAULT_PLATFORMS = ["linux/amd64", "linux/arm64"];
/** The starter code's version variable. */
export const VERSION_VARIABLE = "main.version";
const PLATFORMS_EXAMPLE = '["linux/amd64", "linux/arm64"]';

/** os/arch[/variant] ids -> platforms, each checked. */
export function resolvePlatforms(option: string, raw: unknown, problems: Problems, requireLinux = true): Platform[] {
  const ids = raw ?? DEFAULT_PLATFORMS;
  if (!Array.isArray(ids)) {
    problems.add(option, raw, "must be a list of os/arch strings", PLATFORMS_EXAMPLE);
    return [];
  }
  if (ids.length === 0) {
    problems.add(option, raw, "must list at least one platform", PLATFORMS_EXAMPLE);
    return [];
  }
  const seen = new Set<string>();
  const platforms: Platform[] = [];
  for (const id of ids) {
    const [os, arch, variant, ...rest] = String(id).split("/");
    if (seen.has(String(id))) {
      problems.add(option, raw, `lists "${id}" twice`, PLATFORMS_EXAMPLE);
      continue;
    }
    seen.add(String(id));
    if (typeof id !== "string" || rest.length > 0 || !KNOWN_PLATFORMS.has(`${os}/${arch}`)) {
      problems.add(option, raw, `"${id}" is not a known os/arch (known: ${[...KNOWN_PLATFORMS].join(", ")})`, PLATFORMS_EXAMPLE);
      continue;
    }
    if (variant !== undefined && !(arch === "arm" && /^v[5-7]$/.test(variant))) {
      problems.add(option, raw, `"${id}": only arm takes a variant (v5, v6 or v7)`, '["linux/arm/v7"]');
      continue;
    }
    platforms.push({ id, os, arch, ...(variant ? { arm: variant.slice(1) } : {}) });
  }
  if (requireLinux && platforms.length > 0 && !platforms.some((p) => p.os === "linux")) {
    problems.add(option, raw, "must include a linux platform: container images are linux only", PLATFORMS_EXAMPLE);
  }
  return platforms;
}

/** The -X targets a binary declares (version, revision, created), checked. */
function binaryVariables(o: { versionVariable?: unknown; revisionVariable?: unknown; createdVariable?: unknown }, problems: Problems, prefix = ""): { versionVariable?: string; stampVariables: Record<string, string> } {
  const stampVariables: Record<string, string> = {};
  let versionVariable: string | undefined;
  for (const [option, value, role] of [
    ["versionVariable", o.versionVariable, "version"],
    ["revisionVariable", o.revisionVariable, "revision"],
    ["createdVariable", o.createdVariable, "created"],
  ] as const) {
    if (value === undefined) continue;
    if (!problems.add(`${prefix}${option}`, value, typeof value === "string" ? check.checkGoSymbol(value) : "must be a string", '"main.version"')) continue;
    if (role === "version") versionVariable = value as string;
    else stampVariables[value as string] = role;
  }
  return { ...(versionVariable ? { versionVariable } : {}), stampVariables };
}

function stringList(option: string, raw: unknown, checker: (s: string) => string | undefined, example: string, problems: Problems): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add(option, raw, "must be a list of strings", example);
    return [];
  }
  return raw.filter((item) => problems.add(option, raw, typeof item === "string" ? checker(item) : "must contain only strings", example)) as string[];
}

/** Stages gosynth's Dockerfiles have: no image target may take their names. */
const RESERVED_STAGE_NAMES = ["build", "test", "compress", "rootfs", "runtime", "scratch"];
/** A Dockerfile stage name that is also a repository path component (the release's `<imageRepository>-<name>`). */
const IMAGE_TARGET_NAME = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;
const IMAGE_EXAMPLE = '{ name: "auth", mainPackage: "./cmd/auth", image: true }';

/** Why a binary name cannot be an image target (a stage of gosynth's Dockerfile), or undefined. */
export function checkImageTargetName(name: string): string | undefined {
  if (!IMAGE_TARGET_NAME.test(name)) return "must be a lower-case Dockerfile stage name to have an image (a letter, then letters and digits with single '.', '_' or '-' between them)";
  if (RESERVED_STAGE_NAMES.includes(name)) return `names a stage gosynth's Dockerfile has already (${RESERVED_STAGE_NAMES.join(", ")})`;
  return undefined;
}

/** Whether a binary also gets an image of its own (image: true), checked against what an image target must be. */
function imageSwitch(b: BinaryOptions, at: string, service: ResolvedBinary, platforms: Platform[], problems: Problems): boolean {
  if (b.image === undefined) return false;
  if (!problems.add(`${at}image`, b.image, typeof b.image === "boolean" ? undefined : "must be true or false", "true") || !b.image) return false;
  if (b.name === service.name) {
    problems.add(`${at}image`, b.image, `"${b.name}" is the service binary: its image is the Dockerfile's default target already`, IMAGE_EXAMPLE);
    return false;
  }
  // The release makes the image from this binary's own builds: each linux platform of the project needs one.
  const own = new Set(platforms.map((p) => p.id));
  const missing = service.platforms.filter((p) => p.os === "linux" && !own.has(p.id)).map((p) => p.id);
  const platformProblem = missing.length > 0 ? `must include the project's linux platforms for image: true (missing ${missing.join(", ")})` : undefined;
  const named = problems.add(`${at}name`, b.name, checkImageTargetName(b.name), '"auth"');
  return problems.add(`${at}platforms`, b.platforms, platformProblem, JSON.stringify(service.platforms.filter((p) => p.os === "linux").map((p) => p.id))) && named;
}

/** The ports of a binary's own image: whole port numbers, each once, and only on a binary with image: true. */
function binaryImagePorts(b: BinaryOptions, at: string, image: boolean, problems: Problems): number[] | undefined {
  const raw: unknown = b.ports;
  if (raw === undefined) return undefined;
  const example = "[9090]";
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add(`${at}ports`, raw, "must be a non-empty list of port numbers", example);
    return undefined;
  }
  if (!image) {
    problems.add(`${at}ports`, raw, "are the ports of the binary's own image: set image: true too (or leave ports out)", `{ name: "${b.name}", mainPackage: "${b.mainPackage}", image: true, ports: ${example} }`);
    return undefined;
  }
  const problem = raw
    .map((p, i) => check.checkPortInList(p) ?? (raw.indexOf(p) !== i ? `lists ${p} twice` : undefined))
    .find((x) => x !== undefined);
  return problems.add(`${at}ports`, raw, problem, example) ? (raw as number[]) : undefined;
}

function resolveBinaries(raw: unknown, service: ResolvedBinary, problems: Problems): ResolvedBinary[] {
  const example = '[{ name: "fleetd", mainPackage: "./cmd/fleetd" }]';
  if (raw === undefined) return [service];
  if (!Array.isArray(raw)) {
    problems.add("binaries", raw, "must be a list of { name, mainPackage }", example);
    return [service];
  }
  const list: ResolvedBinary[] = [];
  (raw as BinaryOptions[]).forEach((b, i) => {
    const at = `binaries[${i}].`;
    const name = typeof b?.name === "string" ? b.name : "";
    const main = typeof b?.mainPackage === "string" ? b.mainPackage : "";
    const ok = problems.add(`${at}name`, b?.name, check.checkBinaryName(name), '"fleetd"') && problems.add(`${at}mainPackage`, b?.mainPackage, check.checkMainPackage(main), '"./cmd/fleetd"');
    if (!ok) return;
    if (list.some((x) => x.name === name)) {
      problems.add(`${at}name`, name, `names "${name}" twice`, example);
      return;
    }
    const platforms = b.platforms === undefined ? service.platforms : resolvePlatforms(`${at}platforms`, b.platforms, problems, false);
    const image = imageSwitch(b, at, service, platforms, problems);
    const imagePorts = binaryImagePorts(b, at, image, problems);
    list.push({ name, mainPackage: main, ...binaryVariables(b, problems, at), platforms, image, ...(imagePorts ? { imagePorts } : {}) });
  });
  const serviceEntry = list.find((b) => b.name === service.name);
  if (serviceEntry && serviceEntry.mainPackage !== service.mainPackage) {
    problems.add("binaries", raw, `"${service.name}" is the service binary with main package ${service.mainPackage}, not ${serviceEntry.mainPackage}`, example);
  }
  // The service is always built, first, with the project's variables.
  return [service, ...list.filter((b) => b.name !== service.name)];
}

/** How the binaries are built: names, packages, platforms, cgo, flags and -X variables. */
export function resolveGoBuild(options: GoServiceProjectOptions, binaryName: string, baseImage: BaseImage, starterCode: boolean, problems: Problems): ResolvedGoBuild {
  const mainPackage = options.mainPackage ?? `./cmd/${binaryName}`;
  problems.add("mainPackage", mainPackage, typeof mainPackage === "string" ? check.checkMainPackage(mainPackage) : "must be a string", `"./cmd/${binaryName}"`);
  const binDir = options.binDir ?? "bin";
  problems.add("binDir", binDir, typeof binDir === "string" ? check.checkRelativeDir(binDir) : "must be a string", '"bin"');
  const cgo = options.cgo ?? false;
  if (cgo && baseImage !== BaseImage.DISTROLESS_BASE) {
    problems.add(
      "cgo",
      cgo,
      `needs a libc at run time, which baseImage "${baseImage}" lacks (or, for alpine, is musl while the builder links glibc)`,
      "cgo: true with baseImage: BaseImage.DISTROLESS_BASE, or cgo: false",
    );
  }
  const platforms = resolvePlatforms("platforms", options.platforms, problems);
  const withoutCompiler = platforms.filter((p) => p.os !== "linux" || CROSS_COMPILERS[p.arch] === undefined);
  if (cgo && withoutCompiler.length > 0) {
    problems.add(
      "platforms",
      options.platforms,
      `cgo builds need a C cross compiler per target, known for ${Object.keys(CROSS_COMPILERS).map((a) => `linux/${a}`).join(", ")} (not ${withoutCompiler.map((p) => p.id).join(", ")})`,
      PLATFORMS_EXAMPLE,
    );
  }
  // -X only for variables the code has: the starter code's main.version, else what the user (or init) names.
  const serviceVariables = binaryVariables(
    { versionVariable: options.versionVariable ?? (starterCode ? VERSION_VARIABLE : undefined), revisionVariable: options.revisionVariable, createdVariable: options.createdVariable },
    problems,
  );
  const binaries = resolveBinaries(options.binaries, { name: binaryName, mainPackage: String(mainPackage), ...serviceVariables, platforms, image: false }, problems);
  if (cgo) {
    for (const b of binaries.slice(1)) {
      const foreign = b.platforms.filter((p) => p.os !== "linux" || CROSS_COMPILERS[p.arch] === undefined);
      if (foreign.length > 0) problems.add(`binaries (${b.name}).platforms`, b.platforms.map((p) => p.id), "cgo builds need a C cross compiler per target", PLATFORMS_EXAMPLE);
    }
  }
  return {
    binaryName,
    mainPackage: String(mainPackage),
    binDir: String(binDir),
    cgo,
    platforms,
    tags: stringList("buildTags", options.buildTags, check.checkBuildTag, '["netgo", "osusergo"]', problems),
    binaries,
    ...(serviceVariables.versionVariable ? { versionVariable: serviceVariables.versionVariable } : {}),
    stampVariables: serviceVariables.stampVariables,
    strip: options.stripBinary ?? true,
    extraLdflags: stringList("extraLdflags", options.extraLdflags, check.checkLdflag, '["-X main.commit=abc123"]', problems),
    extraFlags: stringList("buildFlags", options.buildFlags, check.checkGoBuildFlag, '["-buildmode=pie"]', problems),
    vendor: options.vendor ?? false,
    goPrivate: stringList("goPrivate", options.goPrivate, check.checkGoPrivatePattern, '["github.com/acme/*"]', problems),
  };
}
