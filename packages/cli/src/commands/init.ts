import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { adopt, core, toolkit } from "../core.js";
import { synthesize } from "../synthesize.js";
import { begin, EXIT, green, step, UserError } from "../ui.js";
import { resolveNewestPins } from "../pins.js";
import { resolveFrom } from "./new.js";

export interface InitOptions {
  readonly dir: string;
  readonly backup: boolean;
  readonly ci: boolean;
  readonly goreleaser: boolean;
  readonly from?: string;
  readonly projenVersion?: string;
  /** The main package the image runs (default: detected). */
  readonly main?: string;
  /** A path the service answers health checks on: the image probes it over HTTP. */
  readonly healthPath?: string;
  /** The port the service listens on. */
  readonly port?: string;
}

const BACKUP_SUFFIX = ".pre-gosynth";

/**
 * Other spellings the tools read, which would shadow the generated file or be
 * shadowed by it: GNU make reads GNUmakefile and makefile before Makefile,
 * goreleaser .goreleaser.yml before .goreleaser.yaml, golangci-lint .golangci.yml first,
 * docker compose compose.yml and docker-compose.y*ml beside compose.yaml.
 */
export function shadowingFiles(goreleaser: boolean): string[] {
  return [
    "GNUmakefile",
    "makefile",
    ".golangci.yaml",
    ".golangci.toml",
    ".golangci.json",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
    ...(goreleaser ? [".goreleaser.yml", "goreleaser.yml", "goreleaser.yaml", ".config/goreleaser.yml", ".config/goreleaser.yaml"] : []),
  ];
}

/** Lines of an ignore or attributes file worth keeping (no comments, blanks or projen's marker). */
function meaningfulLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ""))
    .filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
}

/** An npm package name from a directory name (package.json needs one). */
function packageName(dir: string): string {
  return (
    basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[._-]+/, "") || "service"
  );
}

/** What init writes into .projenrc.ts, decided from the repository. */
export interface AdoptedOptions {
  readonly name: string;
  readonly modulePath: string;
  readonly binaryName: string;
  readonly mainPackage: string;
  readonly binaries: { name: string; mainPackage: string; versionVariable?: string; revisionVariable?: string; createdVariable?: string }[];
  readonly cgo: boolean;
  /** "subcommand", "http" or "none". */
  readonly health: string;
  readonly healthPath?: string;
  readonly portFromEnv: boolean;
  readonly port?: number;
  readonly versionVariable?: string;
  readonly revisionVariable?: string;
  readonly createdVariable?: string;
  readonly ci: boolean;
  readonly goreleaser: boolean;
  readonly localCore?: string;
}

/** The options as core takes them (also what generatedFiles() is asked with). */
export function coreOptions(o: AdoptedOptions, HealthCheck: { subcommand(): unknown; http(p: string): unknown; none(): unknown }): Record<string, unknown> {
  return {
    name: o.name,
    modulePath: o.modulePath,
    binaryName: o.binaryName,
    mainPackage: o.mainPackage,
    ...(o.binaries.length > 1 ? { binaries: o.binaries } : {}),
    ...(o.cgo ? { cgo: true, baseImage: "distroless-base" } : {}),
    healthCheck: o.health === "subcommand" ? HealthCheck.subcommand() : o.health === "http" ? HealthCheck.http(o.healthPath!) : HealthCheck.none(),
    portFromEnv: o.portFromEnv,
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.versionVariable ? { versionVariable: o.versionVariable } : {}),
    ...(o.revisionVariable ? { revisionVariable: o.revisionVariable } : {}),
    ...(o.createdVariable ? { createdVariable: o.createdVariable } : {}),
    starterCode: false,
    ...(o.ci ? {} : { ci: false }),
    ...(o.goreleaser ? {} : { goreleaser: false }),
  };
}

export function renderProjenrc(o: AdoptedOptions & { report: string[]; gitignore: string[]; gitattributes: string[][] }): string {
  const q = (s: string) => JSON.stringify(s);
  const health = o.health === "subcommand" ? "HealthCheck.subcommand()" : o.health === "http" ? `HealthCheck.http(${q(o.healthPath!)})` : "HealthCheck.none()";
  const imports = ["GoServiceProject", "HealthCheck", ...(o.cgo ? ["BaseImage"] : [])].sort();
  const lines = [
    `import { ${imports.join(", ")} } from "@gosynth/core";`,
    "",
    "// Written by gosynth init from what it found in the repository:",
    ...o.report.map((l) => `//   ${l}`),
    "// Edit, then run npx projen (or gosynth synth). go.mod's go and toolchain lines stay",
    "// yours; the image and CI build with the toolchain pinned in gosynth.pins.json.",
    "const project = new GoServiceProject({",
    `  name: ${q(o.name)},`,
    `  modulePath: ${q(o.modulePath)},`,
    `  binaryName: ${q(o.binaryName)},`,
    `  mainPackage: ${q(o.mainPackage)},`,
    ...(o.binaries.length > 1
      ? [
          "  binaries: [",
          ...o.binaries.map((b) => {
            const vars = (["versionVariable", "revisionVariable", "createdVariable"] as const).flatMap((k) => (b[k] ? [`${k}: ${q(b[k]!)}`] : []));
            return `    { ${[`name: ${q(b.name)}`, `mainPackage: ${q(b.mainPackage)}`, ...vars].join(", ")} },`;
          }),
          "  ],",
        ]
      : []),
    ...(o.cgo ? ["  // A dependency needs cgo at run time: glibc in the image.", "  cgo: true,", "  baseImage: BaseImage.DISTROLESS_BASE,"] : []),
    `  healthCheck: ${health},`,
    `  portFromEnv: ${o.portFromEnv},`,
    ...(o.port !== undefined ? [`  port: ${o.port},`] : []),
    ...(o.versionVariable ? [`  versionVariable: ${q(o.versionVariable)},`] : []),
    ...(o.revisionVariable ? [`  revisionVariable: ${q(o.revisionVariable)},`] : []),
    ...(o.createdVariable ? [`  createdVariable: ${q(o.createdVariable)},`] : []),
    "  // An existing repository keeps its own code: no starter files.",
    "  starterCode: false,",
    ...(o.ci ? [] : ["  ci: false,"]),
    ...(o.goreleaser ? [] : ["  goreleaser: false,"]),
    ...(o.localCore ? [`  devDeps: [${q(o.localCore)}],`] : []),
    "});",
    "",
  ];
  if (o.gitignore.length > 0) {
    lines.push("// Kept from the .gitignore the repository had before gosynth.", "project.gitignore.addPatterns(");
    lines.push(...o.gitignore.map((p) => `  ${q(p)},`), ");", "");
  }
  if (o.gitattributes.length > 0) {
    lines.push("// Kept from the .gitattributes the repository had before gosynth.");
    lines.push(...o.gitattributes.map(([glob, ...attrs]) => `project.gitattributes.addAttributes(${[glob, ...attrs].map(q).join(", ")});`), "");
  }
  lines.push("project.synth();", "");
  return lines.join("\n");
}

/** The detection, as init decides from it: the options and the report lines. */
function decide(dir: string, options: InitOptions, localCore: string | undefined): { adopted: AdoptedOptions; report: string[] } {
  let d;
  try {
    d = adopt().detectService(dir, { ...(options.main ? { main: options.main } : {}) });
  } catch (e) {
    if ((e as Error).name === "DetectionError") throw new UserError((e as Error).message.replace(/^gosynth init: /, ""));
    throw e;
  }
  const roles = Object.fromEntries(d.versionVariables.map((v) => [v.role, v.symbol])) as Record<string, string | undefined>;
  const health = options.healthPath ? "http" : d.healthcheckSubcommand ? "subcommand" : "none";
  const port = options.port !== undefined ? Number(options.port) : undefined;
  const adopted: AdoptedOptions = {
    name: packageName(dir),
    modulePath: d.module,
    binaryName: d.binaryName,
    mainPackage: d.mainPackage,
    // Each binary's own -X variables (its main package may declare others than the service's).
    binaries: d.binaries.map((b) => {
      const vars = b.mainPackage === d.mainPackage ? d.versionVariables : adopt().findVersionVariables(dir, b.mainPackage).variables;
      const byRole = Object.fromEntries(vars.map((v) => [v.role, v.symbol])) as Record<string, string | undefined>;
      return {
        name: b.name,
        mainPackage: b.mainPackage,
        ...(byRole.version ? { versionVariable: byRole.version } : {}),
        ...(byRole.revision ? { revisionVariable: byRole.revision } : {}),
        ...(byRole.created ? { createdVariable: byRole.created } : {}),
      };
    }),
    cgo: d.cgo.needsCgo,
    health,
    ...(options.healthPath ? { healthPath: options.healthPath } : {}),
    portFromEnv: d.readsPort,
    ...(port !== undefined ? { port } : {}),
    ...(roles.version ? { versionVariable: roles.version } : {}),
    ...(roles.revision ? { revisionVariable: roles.revision } : {}),
    ...(roles.created ? { createdVariable: roles.created } : {}),
    ci: options.ci,
    goreleaser: options.goreleaser,
    ...(localCore ? { localCore } : {}),
  };
  const healthLine =
    health === "http"
      ? `health check: HTTP GET ${options.healthPath} by gosynth's probe`
      : health === "subcommand"
        ? `health check: the binary's own healthcheck subcommand (${d.healthcheckReason})`
        : `health check: none (${d.healthcheckReason}); give a path the service answers with --health-path /healthz`;
  const report = [
    ...adopt().describeService(d).filter((l) => !l.startsWith("healthcheck:")),
    healthLine,
    ...(d.mains.length > 1 ? [`the image runs ${d.mainPackage}; change it with --main ./cmd/<name> (or mainPackage and binaryName in .projenrc.ts)`] : []),
  ];
  return { adopted, report };
}

/** gosynth init: adopt an existing Go repository without touching its code. */
export async function init(options: InitOptions): Promise<number> {
  const dir = resolve(options.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${options.dir}: no such directory`);
  if (existsSync(join(dir, ".projenrc.ts"))) throw new UserError(`${dir} already has a .projenrc.ts: run gosynth synth there`);
  if (existsSync(join(dir, ".projen"))) throw new UserError(`${dir} is already a projen project (.projen/ exists): gosynth init adopts plain Go repositories`);
  if (options.healthPath !== undefined && !options.healthPath.startsWith("/")) {
    throw new UserError(`--health-path: must start with "/" (got ${JSON.stringify(options.healthPath)}; example: --health-path /healthz)`);
  }
  if (options.port !== undefined && !/^\d+$/.test(options.port)) throw new UserError(`--port: must be a number (got ${JSON.stringify(options.port)}; example: --port 8080)`);
  const goModPath = join(dir, "go.mod");
  const goMod = existsSync(goModPath) ? readFileSync(goModPath, "utf-8") : "";
  const from = resolveFrom(options.from);
  const local = from.startsWith("/") ? from : undefined;
  const progressDetect = await begin("reading the repository (go.mod, main packages, cgo, version variables)");
  let decided;
  try {
    decided = decide(dir, options, local);
  } catch (e) {
    progressDetect.fail("cannot adopt this repository");
    throw e;
  }
  progressDetect.done("read the repository");
  const { adopted, report } = decided;
  const { HealthCheck } = core();
  const { PROJEN_MARKER, generatedFiles, validateOptions, formatProblem, bootstrapDependencies } = toolkit();
  const problems = validateOptions(coreOptions(adopted, HealthCheck) as never, );
  if (problems.length > 0) throw new UserError(problems.map(formatProblem).join("\n"));
  const generated = generatedFiles(coreOptions(adopted, HealthCheck) as never);

  const isHandWritten = (f: string) => existsSync(join(dir, f)) && statSync(join(dir, f)).isFile() && !readFileSync(join(dir, f), "utf-8").includes(PROJEN_MARKER);
  const candidates = [...generated.filter((f) => ![".gitignore", ".gitattributes"].includes(f)), ...shadowingFiles(options.goreleaser)];
  const handWritten = candidates.filter(isHandWritten);
  if (handWritten.length > 0 && !options.backup) {
    throw new UserError(
      [
        "gosynth init would replace (or be shadowed by) these hand-written files:",
        ...handWritten.map((f) => `  ${f}`),
        "nothing was changed. Rerun with --backup to keep each as <name>.pre-gosynth (then port what you need into .projenrc.ts),",
        `or move them away first${options.ci ? "; --no-ci / --no-goreleaser leave the workflows and goreleaser files out" : ""}.`,
      ].join("\n"),
    );
  }
  const clash = handWritten.filter((f) => existsSync(join(dir, f + BACKUP_SUFFIX)));
  if (clash.length > 0) throw new UserError(`backups already exist: ${clash.map((f) => f + BACKUP_SUFFIX).join(", ")}; move them away first`);

  // Everything init may create or change, to put back as it was if it fails.
  const topLevel = (f: string) => f.split("/")[0];
  const CREATED = [...new Set([".projenrc.ts", "package.json", "package-lock.json", "node_modules", ".projen", toolkit().PINS_FILE, ...generated.map(topLevel)])];
  const existedBefore = new Set(CREATED.filter((f) => existsSync(join(dir, f))));
  const saved = new Map<string, string>();
  for (const f of ["go.mod", ".gitignore", ".gitattributes"]) if (existsSync(join(dir, f))) saved.set(f, readFileSync(join(dir, f), "utf-8"));
  const createdInside = (f: string) => generated.filter((g) => g.startsWith(`${f}/`));
  const backedUp: string[] = [];
  const rollBack = () => {
    for (const f of CREATED) {
      const p = join(dir, f);
      if (!existsSync(p)) continue;
      if (existedBefore.has(f)) {
        // A folder the repository had (.github): remove only what gosynth wrote into it.
        if (statSync(p).isDirectory()) for (const g of createdInside(f)) if (!backedUp.includes(g)) rmSync(join(dir, g), { force: true });
        continue;
      }
      rmSync(p, { recursive: true, force: true });
    }
    for (const [f, text] of saved) {
      const p = join(dir, f);
      if (existsSync(p) && readFileSync(p, "utf-8") === text) continue;
      rmSync(p, { force: true }); // projen leaves its files read-only
      writeFileSync(p, text);
    }
    if (!saved.has(".gitignore")) rmSync(join(dir, ".gitignore"), { force: true });
    if (!saved.has(".gitattributes")) rmSync(join(dir, ".gitattributes"), { force: true });
    for (const f of backedUp) renameSync(join(dir, f + BACKUP_SUFFIX), join(dir, f));
  };

  let pinsFile: string | undefined;
  try {
    for (const f of handWritten) {
      renameSync(join(dir, f), join(dir, f + BACKUP_SUFFIX));
      backedUp.push(f);
      step(`kept your ${f} as ${f}${BACKUP_SUFFIX}`);
    }
    const keep = (f: string) => {
      const text = saved.get(f);
      return text === undefined || text.includes(PROJEN_MARKER) ? [] : meaningfulLines(text);
    };
    writeFileSync(
      join(dir, ".projenrc.ts"),
      renderProjenrc({ ...adopted, report, gitignore: keep(".gitignore"), gitattributes: keep(".gitattributes").map((l) => l.trim().split(/\s+/)) }),
    );
    console.log("gosynth init found:");
    for (const line of report) console.log(`  ${line}`);
    pinsFile = (await resolveNewestPins(undefined)).file;

    const { execa } = await import("execa");
    let progress = await begin("installing projen, tsx and @gosynth/core (npm install)");
    const install = await execa("npm", ["install", "--save-dev", "--no-fund", "--no-audit", ...bootstrapDependencies(options.projenVersion), from], {
      cwd: dir,
      reject: false,
      all: true,
      stdin: "ignore",
      env: { npm_config_update_notifier: "false" },
    });
    if (install.exitCode !== 0) {
      progress.fail("npm install failed");
      throw new UserError(`npm install failed:\n${install.all}`, EXIT.failure);
    }
    progress.done("installed projen, tsx and @gosynth/core");
    progress = await begin("synthesizing");
    try {
      // Post-synthesis (projen's npm install) off: its output would go straight to the terminal; installed below instead.
      const { ms } = await synthesize(dir, { quiet: true, env: { PROJEN_DISABLE_POST: "true", ...(pinsFile ? { [toolkit().CREATION_PINS_ENV]: pinsFile } : {}) } });
      progress.done(`synthesized in ${ms} ms`);
    } catch (e) {
      progress.fail("synthesis failed");
      throw e;
    }
    progress = await begin("installing the pinned devDependencies (npm install)");
    const final = await execa("npm", ["install", "--no-fund", "--no-audit"], {
      cwd: dir,
      reject: false,
      all: true,
      stdin: "ignore",
      env: { npm_config_update_notifier: "false" },
    });
    if (final.exitCode !== 0) {
      progress.fail("npm install failed");
      throw new UserError(`npm install failed:\n${final.all}`, EXIT.failure);
    }
    progress.done("installed the pinned devDependencies");
  } catch (e) {
    rollBack();
    if (e instanceof UserError) e.message += "\ngosynth init changed nothing (what it had written was removed)";
    throw e;
  }
  if (readFileSync(goModPath, "utf-8") !== goMod) throw new Error("internal error: go.mod changed during init");
  if (backedUp.length > 0) console.log(`Backed up: ${backedUp.map((f) => f + BACKUP_SUFFIX).join(", ")}`);
  console.log(green(`gosynth now packages ${adopted.modulePath}.`));
  console.log("Next:\n  make help\n  git add -A && git commit -m 'Packaging by gosynth'\n  edit .projenrc.ts, then npx projen (or gosynth synth)");
  return EXIT.ok;
}
