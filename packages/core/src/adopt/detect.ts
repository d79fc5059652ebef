import { existsSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { CgoReport, detectCgo } from "./cgo";
import { DetectionError } from "./errors";
import { GoOptions } from "./go-command";
import { readGoModFile, sanitizeBinaryName } from "./go-mod";
import { packageDir, readPackageFiles, withPackageCache } from "./go-source";
import { detectHealthPath, type HealthPathReport } from "./health-path";
import { findHealthcheckCommand, hasHealthcheckSubcommand, type HealthcheckCommand } from "./healthcheck";
import { findMainPackages, nameOfPackage, pickServer, type IgnoredMain, type MainPackageInfo } from "./mains";
import { detectPort, type PortReport } from "./port";
import { readsPortEnv } from "./port-env";
import { detectVendoring, type VendoringReport } from "./vendor";
import { findBuildTimeVariables, findVersionVariables, type BuildTimeVariables, VersionVariable } from "./version-vars";

export interface DetectOptions extends GoOptions {
  /** --main: the main package to put in the image, instead of the detected server. */
  readonly main?: string;
}

export interface DetectedBinary {
  /** From the main package's directory ("." -> the module's last element). */
  readonly name: string;
  readonly mainPackage: string;
}

/** Everything init learns about a Go repository it did not write; each decision carries its reason. */
export interface DetectedService {
  readonly dir: string;
  readonly module: string;
  readonly goLine?: string;
  readonly toolchainLine?: string;
  /** Main packages at the root and under cmd/, sorted ("./cmd/x", "."). */
  readonly mains: string[];
  readonly mainsReason: string;
  /** The main package the image builds, and why. */
  readonly mainPackage: string;
  readonly mainReason: string;
  /** The imaged binary's name (also in binaries). */
  readonly binaryName: string;
  /** One binary per main package. */
  readonly binaries: DetectedBinary[];
  readonly cgo: CgoReport;
  /** -X targets in the imaged main package; notes on candidates -X cannot set. */
  readonly versionVariables: VersionVariable[];
  readonly versionNotes: string[];
  readonly versionReason: string;
  readonly readsPort: boolean;
  readonly portReason: string;
  readonly healthcheckSubcommand: boolean;
  readonly healthcheckReason: string;
  /** The binary's own health command: a subcommand or a -healthcheck flag. */
  readonly healthCommand: HealthcheckCommand;
  /** A health path the code serves (for gosynth's HTTP probe). */
  readonly healthPath: HealthPathReport;
  /** The port the code listens on by default, and whether it binds loopback. */
  readonly port: PortReport;
  /** Build-time string variables of any package of the module (and known libraries). */
  readonly buildTimeVariables: BuildTimeVariables;
  readonly vendoring: VendoringReport;
  /** Each main package: whether it listens (a server that could have an image of its own). */
  readonly mainDetails: MainPackageInfo[];
  /** The port each other listening main package listens on by default (its own image EXPOSEs it). */
  readonly otherServerPorts: { readonly mainPackage: string; readonly port: PortReport }[];
  /** Main packages left out (examples, tools...), each with why. */
  readonly ignoredMains: IgnoredMain[];
}

/** "cmd/x", "./cmd/x/", "/abs/dir/cmd/x" or "<module>/cmd/x" -> "./cmd/x" ("." for the root); undefined if outside dir. */
function normalizeMain(dir: string, modulePath: string, value: string): string | undefined {
  let v = value.trim().replace(/\\/g, "/");
  if (v === modulePath) return ".";
  if (v.startsWith(modulePath + "/")) v = v.slice(modulePath.length + 1);
  if (isAbsolute(v)) v = relative(resolve(dir), v).replace(/\\/g, "/");
  const rel = packageDir(v.startsWith("./") || v === "." ? v : `./${v}`);
  if (rel === ".." || rel.startsWith("../")) return undefined;
  return rel === "" ? "." : `./${rel}`;
}

/** Binary names by main package: the directory name; on a clash, the path under cmd/ joined with "-". */
function binaryNames(mains: string[], modulePath: string): DetectedBinary[] {
  const simple = mains.map((m) => sanitizeBinaryName(nameOfPackage(m, modulePath)) || "service");
  return mains.map((m, i) => {
    const clash = simple.filter((s) => s === simple[i]).length > 1;
    const long = packageDir(m).replace(/^cmd\//, "").split("/").join("-");
    return { name: clash && m !== "." ? sanitizeBinaryName(long) : simple[i], mainPackage: m };
  });
}

/**
 * Detects what packaging a Go module needs. Throws a DetectionError when dir is not a
 * module, has no main package, or `main` does not name one.
 */
export function detectService(dir: string, options: DetectOptions = {}): DetectedService {
  return withPackageCache(() => detect(dir, options));
}

function detect(dir: string, options: DetectOptions): DetectedService {
  const goMod = readGoModFile(dir);
  const found = findMainPackages(dir, options);
  let mains = [...found.packages];
  let mainPackage: string;
  let mainReason: string;
  if (options.main !== undefined) {
    const example = `--main ${found.packages[0] ?? found.ignored[0] ?? "./cmd/<name>"}`;
    const pkg = normalizeMain(dir, goMod.modulePath, options.main);
    const fail = (problem: string) => new DetectionError({ option: "--main", value: options.main, problem, example });
    if (pkg === undefined) throw fail(`must be a package inside ${dir}`);
    const abs = join(dir, packageDir(pkg));
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw fail(`${pkg} is not a directory of this module`);
    const names = [...new Set(readPackageFiles(dir, packageDir(pkg)).map((f) => f.packageName))];
    if (names.length === 0) throw fail(`${pkg} has no Go files, so it is not a main package`);
    if (!names.includes("main")) throw fail(`${pkg} is package ${names.join(", ")}, not a main package`);
    mainPackage = pkg;
    mainReason = `${pkg} was chosen with --main`;
    if (!mains.includes(pkg)) mains = [...mains, pkg].sort();
  } else {
    if (mains.length === 0) {
      throw new DetectionError(
        {
          option: "--main",
          value: undefined,
          problem: `no main package in ${dir}${found.ignored.length ? ` (found only ${found.ignored.join(", ")}, kept out as examples or tools: pass one with --main)` : ""}`,
          example: found.ignored.length ? `--main ${found.ignored[0]}` : "cmd/<name>/main.go with package main, or --main ./path/to/main",
        },
      );
    }
    const picked = pickServer(dir, mains);
    mainPackage = picked.mainPackage;
    mainReason = picked.reason;
  }
  const binaries = binaryNames(mains, goMod.modulePath);
  const binaryName = binaries.find((b) => b.mainPackage === mainPackage)?.name ?? "service";
  const cgo = detectCgo(dir, mainPackage, options);
  const version = findVersionVariables(dir, mainPackage);
  const port = readsPortEnv(dir, mainPackage);
  const health = hasHealthcheckSubcommand(dir, mainPackage);
  const listenPort = detectPort(dir, mainPackage, goMod.modulePath);
  return {
    dir,
    module: goMod.modulePath,
    ...(goMod.goLine !== undefined ? { goLine: goMod.goLine } : {}),
    ...(goMod.toolchainLine !== undefined ? { toolchainLine: goMod.toolchainLine } : {}),
    mains,
    mainsReason: found.reason,
    mainPackage,
    mainReason,
    binaryName,
    binaries,
    cgo,
    versionVariables: version.variables,
    versionNotes: version.notes,
    versionReason: version.reason,
    readsPort: port.readsPort,
    portReason: port.reason,
    healthcheckSubcommand: health.hasSubcommand,
    healthcheckReason: health.reason,
    healthCommand: findHealthcheckCommand(dir, mainPackage),
    healthPath: detectHealthPath(dir, mainPackage, goMod.modulePath),
    port: listenPort,
    buildTimeVariables: findBuildTimeVariables(dir, goMod.modulePath, mainPackage),
    vendoring: detectVendoring(dir),
    mainDetails: found.details,
    otherServerPorts: found.details
      .filter((d) => d.listens && d.mainPackage !== mainPackage)
      .map((d) => ({ mainPackage: d.mainPackage, port: detectPort(dir, d.mainPackage, goMod.modulePath) })),
    ignoredMains: found.ignoredReasons,
  };
}

/** The report init prints: one line per decision, with its reason. */
export function describeService(d: DetectedService): string[] {
  return [
    `module ${d.module}` + (d.goLine ? `, go ${d.goLine}` : ", no go line") + (d.toolchainLine ? `, toolchain ${d.toolchainLine}` : ""),
    `main packages: ${d.mainsReason}`,
    `image: ${d.mainPackage} as ${d.binaryName}: ${d.mainReason}`,
    `binaries: ${d.binaries.map((b) => `${b.name} (${b.mainPackage})`).join(", ")}`,
    `cgo: ${d.cgo.determined ? (d.cgo.needsCgo ? "yes" : "no") : "unknown"}: ${d.cgo.reason}`,
    `version variables: ${d.versionReason}`,
    ...d.versionNotes.map((n) => `  note: ${n}`),
    `PORT: ${d.portReason}`,
    `healthcheck: ${d.healthcheckReason}`,
  ];
}
