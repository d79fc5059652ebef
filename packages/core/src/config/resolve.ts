import { CROSS_COMPILERS } from "../build/cross-compilers";
import { binaryNameFromModule, sanitizeBinaryName } from "../adopt/go-mod";
import { registryHost } from "../image/registry";
import { Tools, type ToolVersions } from "../tool-versions";
import { deepFreeze } from "../util/deep-freeze";
import { BaseImage } from "./base-image";
import { HealthCheck, HealthCheckKind } from "./health-check";
import { ConfigProblem, GoSynthConfigError } from "./errors";
import { KNOWN_PLATFORMS } from "./go-releases";
import type { Pins } from "./pins";
import { resolveGo } from "./resolve-go";
import { LintPreset } from "./lint-preset";
import type { BinaryOptions, GoServiceProjectOptions } from "./options";
import type { Platform, ResolvedBinary, ResolvedGoServiceConfig, RuntimeImage } from "./resolved-config";
import * as check from "./validators";

/** Runtime images gosynth knows: exact tags, so a rebuild gets the same base. */
export const RUNTIME_IMAGES: Readonly<Record<BaseImage, { readonly reference: string; readonly nonrootName?: string }>> = {
  [BaseImage.DISTROLESS_STATIC]: { reference: "gcr.io/distroless/static-debian12:nonroot", nonrootName: "nonroot" },
  [BaseImage.DISTROLESS_BASE]: { reference: "gcr.io/distroless/base-debian12:nonroot", nonrootName: "nonroot" },
  [BaseImage.ALPINE]: { reference: "docker.io/library/alpine:3.22.2" },
  [BaseImage.SCRATCH]: { reference: "scratch" },
};

/** distroless images ship this user; alpine and scratch get one created with a UID that is neither root nor 1000. */
export const DISTROLESS_NONROOT_UID = 65532;
export const DEFAULT_RUNTIME_UID = 10001;
export const DEFAULT_PLATFORMS = ["linux/amd64", "linux/arm64"];
export const VERSION_VARIABLE = "main.version";

/** The tool table, with the project's pins over it and the toolVersions option over those. */
function resolveTools(options: GoServiceProjectOptions, pins: Pins | undefined): ToolVersions {
  const table = structuredClone(Tools.versions()) as { -readonly [K in keyof ToolVersions]: ToolVersions[K] };
  const versions = { ...pins?.tools, ...(options.toolVersions ?? {}) } as Record<string, string | undefined>;
  for (const [tool, version] of Object.entries(versions)) {
    if (version !== undefined && tool in table && typeof (table as Record<string, unknown>)[tool] === "string") (table as Record<string, unknown>)[tool] = version;
  }
  for (const [role, uses] of Object.entries(table.actions)) {
    const name = uses.split("@")[0];
    const pin = pins?.actions?.[name];
    if (pin) {
      table.actions[role] = `${name}@${pin.tag}`;
      table.actionShas[name] = pin.sha;
    }
  }
  return table;
}

/** Collects problems so that every bad option is reported in one go. */
class Problems {
  readonly list: ConfigProblem[] = [];
  add(option: string, value: unknown, problem: string | undefined, example: string): boolean {
    if (problem === undefined) return true;
    this.list.push({ option, value, problem, example });
    return false;
  }
}

/** The one binary-name rule (shared with gosynth init): the project name, else the module's last element (never a /vN suffix). */
function defaultBinaryName(projectName: string, modulePath: string): string {
  return sanitizeBinaryName(projectName.replace(/[^A-Za-z0-9._-]+/g, "-")) || binaryNameFromModule(modulePath);
}

function defaultImageRepository(modulePath: string, binaryName: string): string {
  const [host, owner] = modulePath.toLowerCase().split("/");
  const namespace = (host === "github.com" ? owner : owner ?? host) ?? "example";
  // Any run of other characters becomes one "-": always a valid path component.
  const safe = (s: string) => s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "example";
  return `ghcr.io/${safe(namespace)}/${safe(binaryName.toLowerCase())}`;
}

function resolveBinaries(raw: unknown, service: ResolvedBinary, problems: Problems): ResolvedBinary[] {
  const example = '[{ name: "fleetd", mainPackage: "./cmd/fleetd" }]';
  if (raw === undefined) return [service];
  if (!Array.isArray(raw)) {
    problems.add("binaries", raw, "must be a list of { name, mainPackage }", example);
    return [service];
  }
  const list: ResolvedBinary[] = [];
  for (const b of raw as BinaryOptions[]) {
    const name = String(b?.name ?? "");
    const main = String(b?.mainPackage ?? "");
    const ok = problems.add("binaries", raw, check.checkBinaryName(name) ?? check.checkMainPackage(main), example);
    if (ok && list.some((x) => x.name === name)) problems.add("binaries", raw, `names "${name}" twice`, example);
    else if (ok) list.push({ name, mainPackage: main, ...binaryVariables(b, problems) });
  }
  const serviceEntry = list.find((b) => b.name === service.name);
  if (serviceEntry && serviceEntry.mainPackage !== service.mainPackage) {
    problems.add("binaries", raw, `"${service.name}" is the service binary with main package ${service.mainPackage}, not ${serviceEntry.mainPackage}`, example);
  }
  // The service is always built, first, with the project's variables.
  return [service, ...list.filter((b) => b.name !== service.name)];
}

/** The -X targets a binary declares (version, revision, created), checked. */
function binaryVariables(o: { versionVariable?: string; revisionVariable?: string; createdVariable?: string }, problems: Problems, optionPrefix = ""): { versionVariable?: string; stampVariables: Record<string, string> } {
  const stampVariables: Record<string, string> = {};
  let versionVariable: string | undefined;
  for (const [option, value, role] of [
    ["versionVariable", o.versionVariable, "version"],
    ["revisionVariable", o.revisionVariable, "revision"],
    ["createdVariable", o.createdVariable, "created"],
  ] as const) {
    if (value === undefined) continue;
    if (!problems.add(`${optionPrefix}${option}`, value, check.checkGoSymbol(String(value)), '"main.version"')) continue;
    if (role === "version") versionVariable = value;
    else stampVariables[value] = role;
  }
  return { ...(versionVariable ? { versionVariable } : {}), stampVariables };
}

/** SBOMs, signatures and provenance ride on goreleaser (and the release workflow): on by default where they can work. */
function resolveReleaseTrust(options: GoServiceProjectOptions, ci: boolean, problems: Problems) {
  const enabled = options.goreleaser ?? true;
  const needs = (option: "sbom" | "sign" | "provenance", value: boolean | undefined, workflow: boolean): boolean => {
    if (value === true && !enabled) problems.add(option, value, "needs goreleaser (it runs in the release)", `${option}: true with goreleaser: true, or ${option}: false`);
    else if (value === true && workflow && !ci) problems.add(option, value, "needs ci (it runs in the release workflow)", `${option}: true with ci: true, or ${option}: false`);
    return (value ?? true) && enabled && (!workflow || ci);
  };
  return {
    enabled,
    sbom: needs("sbom", options.sbom, false),
    sign: needs("sign", options.sign, true),
    provenance: needs("provenance", options.provenance, true),
    vulnCheck: options.vulnCheck ?? true,
  };
}

function resolveHealthCheck(options: GoServiceProjectOptions, starterCode: boolean, problems: Problems): HealthCheck {
  const health = options.healthCheck ?? (starterCode ? HealthCheck.subcommand() : HealthCheck.none());
  if (!(health instanceof HealthCheck)) {
    problems.add("healthCheck", health, "must be HealthCheck.subcommand(), HealthCheck.http(path) or HealthCheck.none()", 'HealthCheck.http("/healthz")');
    return HealthCheck.none();
  }
  if (health.kind === HealthCheckKind.HTTP) problems.add("healthCheck", health.path, check.checkHttpPath(String(health.path)), '"/healthz"');
  return health;
}

function resolvePlatforms(raw: string[] | undefined, problems: Problems): Platform[] {
  const ids = raw ?? DEFAULT_PLATFORMS;
  const example = '["linux/amd64", "linux/arm64"]';
  if (!Array.isArray(ids)) {
    problems.add("platforms", raw, "must be a list of os/arch strings", example);
    return [];
  }
  if (ids.length === 0) {
    problems.add("platforms", raw, "must list at least one platform", example);
    return [];
  }
  const seen = new Set<string>();
  const platforms: Platform[] = [];
  for (const id of ids) {
    const [os, arch, variant, ...rest] = String(id).split("/");
    const base = `${os}/${arch}`;
    if (seen.has(String(id))) {
      problems.add("platforms", raw, `lists "${id}" twice`, example);
      continue;
    }
    seen.add(String(id));
    if (typeof id !== "string" || rest.length > 0 || !KNOWN_PLATFORMS.has(base)) {
      problems.add("platforms", raw, `"${id}" is not a known os/arch (known: ${[...KNOWN_PLATFORMS].join(", ")})`, example);
      continue;
    }
    if (variant !== undefined && !(arch === "arm" && /^v[5-7]$/.test(variant))) {
      problems.add("platforms", raw, `"${id}": only linux/arm takes a variant (v5, v6 or v7)`, '["linux/arm/v7"]');
      continue;
    }
    platforms.push({ id, os, arch, ...(variant ? { arm: variant.slice(1) } : {}) });
  }
  if (platforms.length > 0 && !platforms.some((p) => p.os === "linux")) {
    problems.add("platforms", raw, "must include a linux platform: container images are linux only", example);
  }
  return platforms;
}

function resolveRuntime(options: GoServiceProjectOptions, baseImage: BaseImage, problems: Problems): RuntimeImage {
  const known = RUNTIME_IMAGES[baseImage];
  const digest = options.imageDigests?.runtime;
  if (digest !== undefined) {
    problems.add("imageDigests.runtime", digest, check.checkDigest(digest), '"sha256:' + "0".repeat(64) + '"');
    if (baseImage === BaseImage.SCRATCH) problems.add("imageDigests.runtime", digest, "scratch is not an image and has no digest", "leave it unset");
  }
  const reference = digest && baseImage !== BaseImage.SCRATCH ? `${known.reference}@${digest}` : known.reference;
  const isDistroless = baseImage === BaseImage.DISTROLESS_STATIC || baseImage === BaseImage.DISTROLESS_BASE;
  const uid = options.runtimeUid ?? (isDistroless ? DISTROLESS_NONROOT_UID : DEFAULT_RUNTIME_UID);
  problems.add("runtimeUid", options.runtimeUid, check.checkUid(uid), String(DEFAULT_RUNTIME_UID));
  const name = isDistroless && uid === DISTROLESS_NONROOT_UID ? known.nonrootName : undefined;
  return {
    kind: baseImage,
    reference,
    user: { uid, gid: uid, ...(name ? { name } : {}) },
    needsSystemFiles: baseImage === BaseImage.SCRATCH,
    createsUser: baseImage === BaseImage.ALPINE,
  };
}

function stringList(option: string, raw: unknown, checker: (s: string) => string | undefined, example: string, problems: Problems): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add(option, raw, "must be a list of strings", example);
    return [];
  }
  for (const item of raw) {
    problems.add(option, raw, typeof item === "string" ? checker(item) : "must contain only strings", example);
  }
  return raw as string[];
}

function oneOf<T extends string>(option: string, raw: unknown, values: Record<string, T>, fallback: T, problems: Problems): T {
  if (raw === undefined) return fallback;
  const allowed = Object.values(values);
  if (allowed.includes(raw as T)) return raw as T;
  problems.add(option, raw, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`, JSON.stringify(fallback));
  return fallback;
}

/** What resolution reads besides the options: the project's own files, read (offline) by the project. */
export interface ResolveContext {
  /** go.mod's text. */
  readonly goMod?: string;
  /** gosynth.pins.json. */
  readonly pins?: Pins;
}

/**
 * Options -> the one resolved config. Throws GoSynthConfigError listing every
 * invalid option before anything is written.
 */
export function resolveConfig(options: GoServiceProjectOptions, context: ResolveContext = {}): ResolvedGoServiceConfig {
  const problems = new Problems();
  const starterCode = options.starterCode ?? true;
  const modulePath = typeof options.modulePath === "string" ? options.modulePath.trim() : "";
  problems.add(
    "modulePath",
    options.modulePath,
    typeof options.modulePath !== "string" ? "is required and must be a string" : check.checkModulePath(modulePath),
    '"example.com/acme/hello"',
  );

  const go = resolveGo(
    { goVersion: options.goVersion, goToolchain: options.goToolchain, goMod: context.goMod, pins: context.pins, starterCode },
    (option, value, problem, example) => problems.add(option, value, problem, example),
  );

  const port = options.port ?? 8080;
  problems.add("port", options.port, typeof port === "number" ? check.checkPort(port) : "must be a number", "8080");

  const binaryName = options.binaryName ?? defaultBinaryName(options.name ?? "", modulePath);
  problems.add("binaryName", binaryName, typeof binaryName === "string" ? check.checkBinaryName(binaryName) : "must be a string", '"hello"');

  const mainPackage = options.mainPackage ?? `./cmd/${binaryName}`;
  problems.add("mainPackage", mainPackage, check.checkMainPackage(String(mainPackage)), `"./cmd/${binaryName}"`);

  const binDir = options.binDir ?? "bin";
  problems.add("binDir", binDir, check.checkRelativeDir(String(binDir)), '"bin"');

  const baseImage = oneOf("baseImage", options.baseImage, BaseImage, BaseImage.DISTROLESS_STATIC, problems);
  const cgo = options.cgo ?? false;
  if (cgo && baseImage !== BaseImage.DISTROLESS_BASE) {
    problems.add(
      "cgo",
      cgo,
      `needs a libc at run time, which baseImage "${baseImage}" lacks (or, for alpine, is musl while the builder links glibc)`,
      'cgo: true with baseImage: BaseImage.DISTROLESS_BASE, or cgo: false',
    );
  }

  const platforms = resolvePlatforms(options.platforms, problems);
  const withoutCompiler = platforms.filter((p) => p.os !== "linux" || CROSS_COMPILERS[p.arch] === undefined);
  if (cgo && withoutCompiler.length > 0) {
    problems.add(
      "platforms",
      options.platforms,
      `cgo builds need a C cross compiler per target, known for ${Object.keys(CROSS_COMPILERS).map((a) => `linux/${a}`).join(", ")} (not ${withoutCompiler.map((p) => p.id).join(", ")})`,
      '["linux/amd64", "linux/arm64"]',
    );
  }
  // -X only for variables the code has: the starter code's main.version, else what the user (or init) names.
  const serviceVariables = binaryVariables(
    { versionVariable: options.versionVariable ?? (starterCode ? VERSION_VARIABLE : undefined), revisionVariable: options.revisionVariable, createdVariable: options.createdVariable },
    problems,
  );
  const binaries = resolveBinaries(options.binaries, { name: String(binaryName), mainPackage: String(mainPackage), ...serviceVariables }, problems);
  const healthCheck = resolveHealthCheck(options, starterCode, problems);
  const buildTags = stringList("buildTags", options.buildTags, check.checkBuildTag, '["netgo", "osusergo"]', problems);
  const extraLdflags = stringList("extraLdflags", options.extraLdflags, check.checkLdflag, '["-X main.commit=abc123"]', problems);
  const goPrivate = stringList("goPrivate", options.goPrivate, check.checkGoPrivatePattern, '["github.com/acme/*"]', problems);

  const builderDigest = options.imageDigests?.builder;
  if (builderDigest !== undefined) {
    problems.add("imageDigests.builder", builderDigest, check.checkDigest(builderDigest), '"sha256:' + "0".repeat(64) + '"');
  }
  const builderTag = `docker.io/library/golang:${go.patch}-bookworm`;
  const builderImage = builderDigest ? `${builderTag}@${builderDigest}` : builderTag;
  const runtime = resolveRuntime(options, baseImage, problems);

  const imageRepository = options.imageRepository ?? defaultImageRepository(modulePath, String(binaryName));
  problems.add("imageRepository", imageRepository, check.checkImageRepository(String(imageRepository)), '"ghcr.io/acme/hello"');

  const defaultBranch = options.defaultBranch ?? "main";
  problems.add("defaultBranch", defaultBranch, check.checkBranch(String(defaultBranch)), '"main"');

  const lintPreset = oneOf("lintPreset", options.lintPreset, LintPreset, LintPreset.RECOMMENDED, problems);

  const actionShas = options.actionShas ?? {};
  for (const [action, sha] of Object.entries(actionShas)) {
    problems.add(`actionShas["${action}"]`, sha, check.checkCommitSha(String(sha)), '"0123456789abcdef0123456789abcdef01234567"');
  }

  for (const option of ["compose", "kubernetes", "upgradeWorkflow", "dependabot", "vulnCheck", "sbom", "sign", "provenance", "portFromEnv"] as const) {
    const value: unknown = options[option];
    if (value !== undefined && typeof value !== "boolean") problems.add(option, value, "must be true or false", `${option}: false`);
  }
  for (const [tool, version] of Object.entries(options.toolVersions ?? {})) {
    const known = ["golangciLint", "goreleaser", "govulncheck", "syft", "cosign"];
    if (!known.includes(tool)) problems.add(`toolVersions.${tool}`, version, `is not a tool gosynth pins (it pins: ${known.join(", ")})`, '{ goreleaser: "v2.18.2" }');
    else problems.add(`toolVersions.${tool}`, version, /^v\d+\.\d+\.\d+$/.test(String(version)) ? undefined : 'must be a release "vX.Y.Z"', '"v2.18.2"');
  }
  const ci = options.ci ?? true;
  const release = resolveReleaseTrust(options, ci, problems);
  if (problems.list.length > 0) throw new GoSynthConfigError(problems.list);
  const tools = resolveTools(options, context.pins);

  // Copies of every user array: the config never shares (and so never sees later changes to) the options.
  return deepFreeze<ResolvedGoServiceConfig>({
    projectName: options.name,
    modulePath,
    go,
    goBuild: {
      binaryName,
      mainPackage,
      binDir,
      cgo,
      platforms,
      tags: [...buildTags],
      binaries,
      ...(serviceVariables.versionVariable ? { versionVariable: serviceVariables.versionVariable } : {}),
      stampVariables: serviceVariables.stampVariables,
      strip: options.stripBinary ?? true,
      extraLdflags: [...extraLdflags],
      goPrivate: [...goPrivate],
    },
    image: {
      repository: imageRepository,
      registry: registryHost(imageRepository),
      builder: builderImage,
      runtime,
      platforms: platforms.filter((p) => p.os === "linux"),
      port,
      portFromEnv: options.portFromEnv ?? starterCode,
      healthCheck: { kind: healthCheck.kind, ...(healthCheck.path ? { path: healthCheck.path } : {}), ...(healthCheck.args ? { args: [...healthCheck.args] } : {}) },
      testStage: options.dockerTestStage ?? true,
      upx: options.upx ?? false,
      copySources: options.copySources ?? false,
      sourceUrl: `https://${modulePath.replace(/\/v\d+$/, "")}`,
    },
    release,
    ci: {
      enabled: ci,
      pushImages: options.pushImages ?? false,
      upgradeWorkflow: ci && (options.upgradeWorkflow ?? true),
      dependabot: ci && (options.dependabot ?? true),
      defaultBranch,
      actionShas: { ...tools.actionShas, ...actionShas },
    },
    deploy: {
      compose: options.compose ?? true,
      kubernetes: options.kubernetes ?? false,
      ...(options.kubernetesReplicas !== undefined ? { kubernetesReplicas: options.kubernetesReplicas } : {}),
      ...(options.kubernetesResources !== undefined ? { kubernetesResources: structuredClone(options.kubernetesResources) } : {}),
    },
    lint: { preset: lintPreset },
    explainComments: options.explainComments ?? true,
    starterCode,
    tools,
  });
}
