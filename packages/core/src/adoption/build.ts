import { posix } from "node:path";
import { KNOWN_PLATFORMS } from "../config/go-releases";
import { checkImageTargetName, DEFAULT_PLATFORMS } from "../config/resolve-build";
import { checkBinaryName, checkGoBuildFlag, checkGoSymbol } from "../config/validators";
import { sanitizeBinaryName } from "../go/module";
import { roleOf } from "../adopt/version-vars";
import { formatLocation, type Found, type SourceLocation } from "../adopt/import/location";
import type { PortReport } from "../adopt/port";
import type { PlanBuilder } from "./plan";
import type { RepositoryFacts } from "./repository";
import { Code } from "./source";

/** What init decides about the binaries: names by main package, used by the image and release decisions. */
export interface BuildDecision {
  /** The service's main package and binary name. */
  readonly mainPackage: string;
  readonly binaryName: string;
  /** goreleaser build id -> binary name (their overrides name builds by id). */
  readonly buildIds: ReadonlyMap<string, string>;
  readonly cgo: boolean;
}

/** "./cmd/x" for a goreleaser main ("cmd/x", "./cmd/x/main.go", "." with dir "cmd/x"). */
function mainOf(dir: string, main: string): string {
  let joined = posix.normalize(posix.join(dir || ".", main || "."));
  if (joined.endsWith(".go")) joined = posix.dirname(joined);
  return joined === "." ? "." : `./${joined.replace(/^\.\//, "")}`;
}

type Role = "version" | "revision" | "created" | "branch" | "other";
interface Stamp {
  readonly symbol: string;
  readonly value: string;
  readonly role: Role;
  readonly at: SourceLocation | string;
  readonly what: string;
}

const ROLE_OPTIONS: Readonly<Record<string, "versionVariable" | "revisionVariable" | "createdVariable">> = {
  version: "versionVariable",
  revision: "revisionVariable",
  created: "createdVariable",
};
/** A value a release computes (a template, a shell or make expansion): gosynth stamps its own facts instead. */
const DYNAMIC = /\{\{|\$\(|\$\{|`/;

/** Platforms a list names that a Go release can build (known to `go tool dist list`), and the others. */
function knownPlatforms(ids: string[]): { known: string[]; unknown: string[] } {
  const known = ids.filter((id) => KNOWN_PLATFORMS.has(id.split("/").slice(0, 2).join("/")) && (id.split("/").length === 2 || /^[a-z0-9]+\/arm\/v[5-7]$/.test(id)));
  return { known, unknown: ids.filter((id) => !known.includes(id)) };
}

/**
 * Binaries (every main, with the names its releases give them), the -X
 * variables each build stamps today, flags, tags, platforms, cgo and vendor/.
 */
export function decideBuild(facts: RepositoryFacts, plan: PlanBuilder): BuildDecision {
  const { code, goreleaser, promu, dockerfile, makefile } = facts;
  const names = new Map(code.binaries.map((b) => [b.mainPackage, b.name]));
  const named = new Map<string, SourceLocation>(); // main -> where its name came from
  const buildIds = new Map<string, string>();
  const releaseBuilds = (goreleaser?.builds ?? []).filter((b) => b.builder.value === "go" && !b.skip);
  for (const b of releaseBuilds) {
    const main = mainOf(b.dir.value, b.main.value);
    if (!names.has(main)) {
      plan.skip(`goreleaser build ${b.id?.value ?? main}`, `its main ${main} is not a main package of this module`, b.at);
      continue;
    }
    const binary = b.binary?.value && !DYNAMIC.test(b.binary.value) ? b.binary.value : names.get(main)!;
    if (checkBinaryName(binary) === undefined) {
      names.set(main, binary);
      named.set(main, b.binary?.at ?? b.at);
    }
    if (b.id?.value) buildIds.set(b.id.value, names.get(main)!);
  }
  for (const p of promu?.binaries ?? []) {
    const main = mainOf(p.value.path, ".");
    if (names.has(main) && !named.has(main) && checkBinaryName(p.value.name) === undefined) {
      names.set(main, p.value.name);
      named.set(main, p.at);
    }
  }
  const mainPackage = code.mainPackage;
  const imageBinary = dockerfile?.runtime?.binary;
  if (imageBinary && !named.has(mainPackage) && checkBinaryName(imageBinary.value.name) === undefined) {
    names.set(mainPackage, imageBinary.value.name);
    named.set(mainPackage, imageBinary.at);
  }
  // Two mains must not get one name.
  const taken = new Set<string>();
  for (const [main, name] of names) {
    let unique = sanitizeBinaryName(name) === name ? name : sanitizeBinaryName(name) || "service";
    for (let i = 2; taken.has(unique); i++) unique = `${name}-${i}`;
    taken.add(unique);
    names.set(main, unique);
  }
  const binaryName = names.get(mainPackage)!;
  const serviceFrom = named.get(mainPackage);
  if (serviceFrom) plan.carry("binaryName", binaryName, `the binary ${binaryName}`, serviceFrom);
  else plan.detect("binaryName", binaryName, `the binary ${binaryName}, named after ${mainPackage}`);
  plan.detect("mainPackage", mainPackage, `the image runs ${mainPackage}: ${code.mainReason}`);
  for (const ignored of code.ignoredMains) plan.skip(`the main package ${ignored.mainPackage}`, `not built or released: ${ignored.reason}`);

  // -X variables, from what builds stamp today, else what the code documents as build-time.
  const stamps = new Map<string, Stamp[]>(); // main -> stamps
  const addStamp = (main: string, stamp: Stamp) => {
    const list = stamps.get(main) ?? [];
    if (!list.some((s) => s.symbol === stamp.symbol)) list.push(stamp);
    stamps.set(main, list);
  };
  for (const b of releaseBuilds) {
    const main = mainOf(b.dir.value, b.main.value);
    if (!names.has(main)) continue;
    for (const x of b.ldflagsX) addStamp(main, { ...x.value, at: x.at, what: "goreleaser's ldflags" });
  }
  for (const x of promu?.ldflagsX ?? []) for (const main of names.keys()) addStamp(main, { ...x.value, at: x.at, what: ".promu.yml's ldflags" });
  // A Makefile or Dockerfile spells values its own way ($(shell git describe), ${GIT_COMMIT}): the variable's name says the role.
  const roleOfStamp = (symbol: string, value: string): Role =>
    roleOf(symbol.split(".").pop() ?? "") ??
    (/VERSION|\.Version|describe/i.test(value) ? "version" : /COMMIT|REVISION|SHA|\.Commit|rev-parse/i.test(value) ? "revision" : /DATE|TIME|\.Date|date /i.test(value) ? "created" : "other");
  for (const x of makefile?.imported.ldflagsX ?? []) addStamp(mainPackage, { symbol: x.value.symbol, value: x.value.value, role: roleOfStamp(x.value.symbol, x.value.value), at: x.at, what: "the Makefile's ldflags" });
  for (const stage of dockerfile?.buildStages ?? []) for (const x of stage.ldflagsX) addStamp(mainPackage, { ...x.value, role: roleOfStamp(x.value.symbol, x.value.value), at: x.at, what: "the Dockerfile's ldflags" });
  if (!stamps.get(mainPackage)?.length) {
    for (const v of code.buildTimeVariables.variables.filter((b) => b.importedByMain && b.source !== "known library")) {
      addStamp(mainPackage, { symbol: v.symbol, value: "", role: v.role, at: v.evidence, what: `the code (${v.why})` });
    }
  }
  // Platforms of the service's release build (goreleaser, else promu's crossbuild list): the project's, and its images'.
  const service = releaseBuilds.find((b) => mainOf(b.dir.value, b.main.value) === mainPackage);
  const platformIds = service?.platforms ?? promu?.crossbuildPlatforms?.map((p) => p.value) ?? [];
  const releasePlatforms = knownPlatforms(platformIds);
  const hasLinux = releasePlatforms.known.some((p) => p.startsWith("linux/"));
  const imagePlatforms = (hasLinux ? releasePlatforms.known : DEFAULT_PLATFORMS).filter((p) => p.startsWith("linux/"));

  const binaries: Record<string, unknown>[] = [];
  const images: { name: string; main: string; evidence?: string; ownPort?: PortReport }[] = [];
  const extraLdflags: string[] = [];
  for (const [main, name] of names) {
    const variables: Record<string, string> = {};
    for (const s of stamps.get(main) ?? []) {
      const option = ROLE_OPTIONS[s.role];
      const where = typeof s.at === "string" ? s.at : formatLocation(s.at);
      if (checkGoSymbol(s.symbol) !== undefined) {
        plan.skip(`-X ${s.symbol}`, "not a <package>.<variable> symbol", where);
      } else if (option && !variables[option]) {
        variables[option] = s.symbol;
        if (main === mainPackage) plan.carry(option, s.symbol, `-X ${s.symbol} (${s.role}) from ${s.what}`, typeof s.at === "string" ? undefined : s.at);
      } else if (!DYNAMIC.test(s.value) && s.value !== "" && main === mainPackage) {
        extraLdflags.push(`-X ${s.symbol}=${s.value}`);
        plan.carry("extraLdflags", extraLdflags, `-X ${s.symbol}=${s.value} from ${s.what}`, typeof s.at === "string" ? undefined : s.at);
      } else if (main === mainPackage) {
        plan.skip(`-X ${s.symbol}=${s.value}`, `gosynth stamps the version, the commit and its time; this value (${s.role}) is not one of them`, where);
      }
    }
    if (main === mainPackage) continue;
    const own = releaseBuilds.find((b) => mainOf(b.dir.value, b.main.value) === main);
    const platforms = own ? knownPlatforms(own.platforms).known : undefined;
    // Another server keeps an image of its own, as repositories with one Dockerfile per service have.
    const server = code.mainDetails.find((d) => d.mainPackage === main && d.listens);
    const missing = platforms && platforms.length > 0 ? imagePlatforms.filter((p) => !platforms.includes(p)) : [];
    const badName = checkImageTargetName(name);
    const notImage = !server ? undefined : badName ? `the binary name "${name}" ${badName}` : missing.length > 0 ? `its release builds no ${missing.join(", ")} binary, which its image needs` : undefined;
    if (server && notImage) plan.skip(`an image of its own for ${main}`, `it listens (${server.listenEvidence}), but ${notImage}`);
    // Its image EXPOSEs the port its own code listens on, where that is not the service's.
    const ownPort = server && !notImage ? code.otherServerPorts.find((s) => s.mainPackage === main)?.port : undefined;
    const ports = ownPort?.port !== undefined && ownPort.port !== code.port.port ? [ownPort.port] : undefined;
    if (server && !notImage) images.push({ name, main, evidence: server.listenEvidence, ...(ports ? { ownPort } : {}) });
    binaries.push({
      name,
      mainPackage: main,
      ...variables,
      ...(platforms && platforms.length > 0 ? { platforms } : {}),
      ...(server && !notImage ? { image: true } : {}),
      ...(ports ? { ports } : {}),
    });
  }
  if (binaries.length > 0) plan.detect("binaries", binaries, `every main package is built and released: ${[binaryName, ...binaries.map((b) => b.name)].join(", ")}`);
  for (const image of images) {
    plan.detect("binaries", binaries, `${image.main} gets an image of its own (docker build --target ${image.name}, make docker-build-${image.name}): it listens too`, image.evidence);
    if (image.ownPort) plan.detect("binaries", binaries, `the image of ${image.name} EXPOSEs ${image.ownPort.port}, the port it listens on (${image.ownPort.reason})`, image.ownPort.evidence);
  }

  // Flags and tags every build shares.
  const flags = new Set<string>();
  const tags = new Set<string>();
  const flagSources: Found<string>[] = [
    ...releaseBuilds.filter((b) => mainOf(b.dir.value, b.main.value) === mainPackage).flatMap((b) => b.flags),
    ...(dockerfile?.buildStages ?? []).flatMap((s) => s.goFlags),
    ...(makefile?.imported.goFlags ?? []).map((f) => ({ value: f.value.value ? `${f.value.flag}=${f.value.value}` : f.value.flag, at: f.at })),
  ];
  for (const f of flagSources) {
    const tag = /^-tags[= ](.+)$/.exec(f.value);
    if (tag) for (const t of tag[1].split(/[,\s]+/).filter(Boolean)) tags.add(t);
    else if (/^-(trimpath|mod=|v$|a$|x$|o[= ]|ldflags)/.test(f.value)) continue;
    else if (checkGoBuildFlag(f.value) === undefined && !flags.has(f.value)) {
      flags.add(f.value);
      plan.carry("buildFlags", [...flags], `go build ${f.value}`, f.at);
    }
  }
  for (const b of releaseBuilds) for (const t of b.tags) for (const tag of t.value.split(/[,\s]+/).filter(Boolean)) tags.add(tag);
  if (tags.size > 0) plan.carry("buildTags", [...tags], `build tags ${[...tags].join(",")}`);

  if (platformIds.length > 0) {
    const { known, unknown } = releasePlatforms;
    if (hasLinux) plan.carry("platforms", known, `release platforms ${known.join(", ")}`, service?.goos.at ?? service?.at);
    for (const p of unknown) plan.skip(`the release platform ${p}`, "gosynth builds GOOS/GOARCH[/armv] platforms of go tool dist list", service?.at);
  }

  // cgo from what the code needs: a release built with cgo that needs none becomes static.
  const cgo = code.cgo.needsCgo;
  const theirCgo = releaseBuilds.flatMap((b) => b.env).find((e) => e.value.name === "CGO_ENABLED");
  if (cgo) {
    plan.detect("cgo", true, `cgo: ${code.cgo.reason}`);
    plan.detect("baseImage", new Code("BaseImage.DISTROLESS_BASE", "distroless-base", ["BaseImage"]), "a glibc runtime image (distroless base) for cgo");
  } else if (theirCgo?.value.value === "1") {
    plan.change("cgo", false, "a static binary (CGO_ENABLED=0)", `no dependency needs cgo (${code.cgo.reason})`, theirCgo.at);
  }
  if (code.vendoring.vendored) plan.detect("vendor", true, "builds from vendor/ (-mod=vendor, no module download in the image, make tidy re-vendors)", code.vendoring.evidence);
  return { mainPackage, binaryName, buildIds, cgo };
}
