import { Tools } from "../tool-versions";
import { deepFreeze } from "../util/deep-freeze";
import { Problems } from "../util/problems";
import { BaseImage } from "./base-image";
import { LintPreset } from "./lint-preset";
import { makefileTargets } from "./makefile-targets";
import { defaultBinaryName, defaultImageRepository } from "./names";
import type { GoServiceProjectOptions } from "./options";
import type { Pins } from "./pins";
import { resolveGoBuild } from "./resolve-build";
import { resolveDeploy } from "./resolve-deploy";
import { resolveGo } from "./resolve-go";
import { resolveImage } from "./resolve-image";
import { resolveRelease } from "./resolve-release";
import type { ResolvedGoServiceConfig, ResolvedMake, ResolvedTools } from "./resolved-config";
import * as check from "./validators";

/** Switches: every one must be a boolean when given. */
const BOOLEAN_OPTIONS = [
  "compose", "kubernetes", "upgradeWorkflow", "dependabot", "codeql", "vulnCheck", "sbom", "sign", "provenance", "portFromEnv",
  "goreleaser", "releaseWorkflow", "ci", "pushImages", "starterCode", "cgo", "stripBinary", "dockerTestStage", "upx", "copySources",
  "explainComments", "pinImageDigests", "vendor", "securityPolicy",
] as const;
/** Names GNU make reads by itself: the project's Makefile cannot keep them (the generated one is "Makefile"). */
const MAKE_DEFAULT_NAMES = ["Makefile", "makefile", "GNUmakefile"];

/** What resolution reads besides the options: the project's own files, read (offline) by the project. */
export interface ResolveContext {
  /** go.mod's text. */
  readonly goMod?: string;
  /** gosynth.pins.json. */
  readonly pins?: Pins;
  /** Reads a file of the project (undefined when it does not exist): the projectMakefile's targets. */
  readonly readFile?: (path: string) => string | undefined;
}

function oneOf<T extends string>(option: string, raw: unknown, values: Record<string, T>, fallback: T, problems: Problems): T {
  if (raw === undefined) return fallback;
  const allowed = Object.values(values);
  if (allowed.includes(raw as T)) return raw as T;
  problems.add(option, raw, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`, JSON.stringify(fallback));
  return fallback;
}

/** The pinned tools: gosynth's table, the project's pins over it and the toolVersions option over those. */
function resolveTools(options: GoServiceProjectOptions, pins: Pins | undefined, problems: Problems): { tools: ResolvedTools; actionShas: Record<string, string> } {
  const table = Tools.table();
  const pinned = Tools.pinnedTools();
  for (const [tool, version] of Object.entries(options.toolVersions ?? {})) {
    if (!pinned.includes(tool)) problems.add(`toolVersions.${tool}`, version, `is not a tool gosynth pins (it pins: ${pinned.join(", ")})`, '{ goreleaser: "v2.18.2" }');
    else problems.add(`toolVersions.${tool}`, version, /^v\d+\.\d+\.\d+$/.test(String(version)) ? undefined : 'must be a release "vX.Y.Z"', '"v2.18.2"');
  }
  const versions: Record<string, string> = {};
  for (const tool of pinned) {
    const fromPins = pins?.tools?.[tool];
    const fromOption = (options.toolVersions as Record<string, string | undefined> | undefined)?.[tool];
    versions[tool] = fromOption ?? (fromPins && /^v\d+\.\d+\.\d+$/.test(fromPins) ? fromPins : table.tools[tool].version);
  }
  const actions: Record<string, string> = {};
  const actionShas: Record<string, string> = { ...table.actionShas };
  for (const [role, uses] of Object.entries(table.actions)) {
    const { repository } = Tools.actionRef(uses);
    const pin = pins?.actions?.[repository];
    actions[role] = pin ? `${uses.split("@")[0]}@${pin.tag}` : uses;
    if (pin) actionShas[repository] = pin.sha;
  }
  for (const [action, sha] of Object.entries(options.actionShas ?? {})) {
    if (problems.add(`actionShas["${action}"]`, sha, check.checkCommitSha(String(sha)), '"0123456789abcdef0123456789abcdef01234567"')) actionShas[action] = sha;
  }
  return { tools: { ...(versions as unknown as Omit<ResolvedTools, "actions">), actions }, actionShas };
}

function resolveMake(options: GoServiceProjectOptions, context: ResolveContext, problems: Problems): ResolvedMake {
  const path = options.projectMakefile;
  if (path === undefined) return { projectTargets: [] };
  const example = '"project.mk"';
  if (!problems.add("projectMakefile", path, typeof path === "string" ? (check.checkRepositoryPath(path) ?? (MAKE_DEFAULT_NAMES.includes(path) ? "is a name make reads by itself; gosynth writes Makefile" : undefined)) : "must be a string", example)) {
    return { projectTargets: [] };
  }
  const text = context.readFile?.(path);
  if (text === undefined) {
    problems.add("projectMakefile", path, "no such file in the project", example);
    return { projectTargets: [] };
  }
  // Read at synthesis from the file itself (offline): a target added there is delegated on the next run.
  const { targets, defaultGoal: goal } = makefileTargets(path, text, (f) => context.readFile?.(f));
  return { projectMakefile: path, projectTargets: targets, ...(goal ? { projectDefaultGoal: goal } : {}) };
}

/**
 * Options -> the one resolved config. Every option is checked in this one
 * pass, before any construct exists; throws GoSynthConfigError listing every
 * invalid option. A config that resolves synthesizes.
 */
export function resolveConfig(options: GoServiceProjectOptions, context: ResolveContext = {}): ResolvedGoServiceConfig {
  const problems = new Problems();
  for (const option of BOOLEAN_OPTIONS) {
    const value: unknown = options[option];
    if (value !== undefined && typeof value !== "boolean") problems.add(option, value, "must be true or false", `${option}: false`);
  }
  const starterCode = options.starterCode ?? true;
  const modulePath = typeof options.modulePath === "string" ? options.modulePath.trim() : "";
  problems.add("modulePath", options.modulePath, typeof options.modulePath !== "string" ? "is required and must be a string" : check.checkModulePath(modulePath), '"example.com/acme/hello"');

  const go = resolveGo({ goVersion: options.goVersion, goToolchain: options.goToolchain, goMod: context.goMod, pins: context.pins, starterCode }, problems);
  const binaryName = options.binaryName ?? defaultBinaryName(options.name ?? "", modulePath);
  problems.add("binaryName", binaryName, typeof binaryName === "string" ? check.checkBinaryName(binaryName) : "must be a string", '"hello"');
  const baseImage = oneOf("baseImage", options.baseImage, BaseImage, BaseImage.DISTROLESS_STATIC, problems);
  const goBuild = resolveGoBuild(options, String(binaryName), baseImage, starterCode, problems);

  const imageRepository = options.imageRepository ?? defaultImageRepository(modulePath, String(binaryName));
  problems.add("imageRepository", imageRepository, typeof imageRepository === "string" ? check.checkImageRepository(imageRepository) : "must be a string", '"ghcr.io/acme/hello"');
  const image = resolveImage(
    options,
    { baseImage, go, modulePath, binaryName: String(binaryName), platforms: goBuild.platforms, imageRepository: String(imageRepository), starterCode, pins: context.pins, binaries: goBuild.binaries },
    problems,
  );
  const deploy = resolveDeploy(options, String(binaryName), image.healthCheck, starterCode, problems);

  const defaultBranch = options.defaultBranch ?? "main";
  problems.add("defaultBranch", defaultBranch, check.checkBranch(String(defaultBranch)), '"main"');
  const lintPreset = oneOf("lintPreset", options.lintPreset, LintPreset, LintPreset.RECOMMENDED, problems);
  const golangciConfig = options.golangciConfig;
  if (golangciConfig !== undefined && (typeof golangciConfig !== "object" || golangciConfig === null || Array.isArray(golangciConfig))) {
    problems.add("golangciConfig", golangciConfig, "must be a golangci-lint v2 configuration object", '{ linters: { default: "standard", enable: ["misspell"] } }');
  } else if (golangciConfig?.version !== undefined && String(golangciConfig.version) !== "2") {
    problems.add("golangciConfig.version", golangciConfig.version, 'must be "2" (a v1 config is migrated by gosynth init, or golangci-lint migrate)', '"2"');
  }
  const securityContact = options.securityContact;
  if (securityContact !== undefined) problems.add("securityContact", securityContact, typeof securityContact === "string" ? check.checkContact(securityContact) : "must be a string", '"security@example.com"');
  const make = resolveMake(options, context, problems);

  const ci = options.ci ?? true;
  const release = resolveRelease(options, ci, problems);
  const { tools, actionShas } = resolveTools(options, context.pins, problems);
  problems.throwIfAny();

  // Copies of every user array: the config never shares (and so never sees later changes to) the options.
  return deepFreeze<ResolvedGoServiceConfig>(
    structuredClone({
      projectName: options.name,
      modulePath,
      go,
      goBuild,
      image,
      release,
      ci: {
        enabled: ci,
        pushImages: options.pushImages ?? false,
        upgradeWorkflow: ci && (options.upgradeWorkflow ?? true),
        dependabot: ci && (options.dependabot ?? true),
        codeql: ci && (options.codeql ?? true),
        defaultBranch,
        actionShas,
      },
      deploy,
      lint: { preset: lintPreset, ...(golangciConfig ? { config: golangciConfig } : {}) },
      make,
      security: { policy: options.securityPolicy ?? true, ...(securityContact ? { contact: securityContact } : {}) },
      explainComments: options.explainComments ?? true,
      starterCode,
      tools,
    }),
  );
}
