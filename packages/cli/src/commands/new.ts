import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { core, toolkit } from "../core.js";
import { installedManifestChanged, writeInstallManifest } from "../npm.js";
import { resolveNewestPins } from "../pins.js";
import { cleanChildOutput, readErrorReport } from "../synthesize.js";
import { begin, bold, dim, EXIT, green, UserError, warn } from "../ui.js";

export interface NewOptions {
  readonly dir: string;
  readonly modulePath?: string;
  readonly goVersion?: string;
  readonly baseImage?: string;
  readonly port?: string;
  readonly platforms?: string[];
  readonly binaryName?: string;
  readonly goreleaser: boolean;
  readonly ci: boolean;
  readonly git: boolean;
  readonly yes: boolean;
  /** Print errors only. */
  readonly quiet?: boolean;
  readonly from?: string;
  /** projen to install instead of the pinned one. */
  readonly projenVersion?: string;
}

/** The base images core knows (its BaseImage enum), each with its doc summary. */
export function baseImages(): { value: string; summary: string }[] {
  return toolkit().enumChoices("BaseImage", { ...core() });
}

/** The flag of each option `new` takes. */
const FLAGS: Record<string, string> = {
  modulePath: "--module-path",
  goVersion: "--go-version",
  baseImage: "--base-image",
  port: "--port",
  platforms: "--platforms",
  binaryName: "--binary-name",
};

// lib/commands/new.js -> the package directory
const cliDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function cliVersion(): string {
  return (JSON.parse(readFileSync(join(cliDir, "package.json"), "utf-8")) as { version: string }).version;
}

/** The @gosynth/core to install: the tarball this repository packs (dist/, next to the CLI) when there is one, else the registry's. */
export function defaultFrom(): string {
  const tarball = resolve(cliDir, "..", "..", "dist", `gosynth-core-${cliVersion()}.tgz`);
  return existsSync(tarball) ? tarball : "@gosynth/core";
}

/**
 * --from as npm will see it from inside the new project: a tarball or
 * directory given relative to where gosynth runs becomes absolute.
 */
export function resolveFrom(from: string | undefined, cwd = process.cwd()): string {
  if (from === undefined) return defaultFrom();
  const path = from.startsWith("file:") ? from.slice("file:".length) : from;
  const looksLikePath = isAbsolute(path) || path.startsWith(".") || path.endsWith(".tgz") || path.endsWith(".tar.gz");
  if (looksLikePath || existsSync(resolve(cwd, path))) {
    const abs = resolve(cwd, path);
    if (!existsSync(abs)) throw new UserError(`--from ${from}: no such file or directory`);
    return abs;
  }
  return from;
}

/**
 * A module path from a git remote URL: https://github.com/acme/hello.git,
 * git@github.com:acme/hello.git and ssh://git@github.com/acme/hello all give
 * github.com/acme/hello. Credentials and ports are dropped; case is kept (module paths are case-sensitive).
 */
export function modulePathFromRemote(url: string): string | undefined {
  const text = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(text);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      const u = new URL(text);
      if (!/^(https?|ssh|git|git\+ssh):$/.test(u.protocol)) return undefined;
      host = u.hostname;
      path = decodeURIComponent(u.pathname);
    } catch {
      return undefined;
    }
  } else if (scp) {
    host = scp[1];
    path = scp[2];
  } else {
    return undefined;
  }
  path = path.replace(/^\/+|\/+$/g, "").replace(/\.git$/, "");
  if (!host.includes(".") || !path || /\s/.test(path)) return undefined;
  return `${host.toLowerCase()}/${path}`;
}

/**
 * The module path the git repository around dir suggests: its origin remote,
 * plus dir's path inside the repository (a service in a monorepo gets
 * github.com/acme/mono/services/api).
 */
export async function detectModulePath(dir: string): Promise<string | undefined> {
  const { execa } = await import("execa");
  let existing = resolve(dir);
  while (!existsSync(existing)) existing = dirname(existing);
  const top = await execa("git", ["rev-parse", "--show-toplevel"], { cwd: existing, reject: false });
  if (top.exitCode !== 0) return undefined;
  const remote = await execa("git", ["remote", "get-url", "origin"], { cwd: existing, reject: false });
  const base = remote.exitCode === 0 ? modulePathFromRemote(remote.stdout) : undefined;
  if (!base) return undefined;
  const inside = relative(top.stdout.trim(), resolve(dir)).split(sep).join("/");
  return inside && !inside.startsWith("..") ? `${base}/${inside}` : base;
}

function userName(): string {
  try {
    return (process.env.USER ?? userInfo().username).toLowerCase().replace(/[^a-z0-9._-]/g, "") || "you";
  } catch {
    return "you";
  }
}

/** The options these flags give, as core validates them. */
function coreOptions(options: NewOptions): Record<string, unknown> {
  return {
    name: basename(resolve(options.dir)),
    modulePath: options.modulePath ?? "example.com/acme/placeholder",
    ...(options.goVersion !== undefined ? { goVersion: options.goVersion } : {}),
    ...(options.baseImage !== undefined ? { baseImage: options.baseImage } : {}),
    ...(options.port !== undefined ? { port: /^\d+$/.test(options.port) ? Number(options.port) : options.port } : {}),
    ...(options.binaryName !== undefined ? { binaryName: options.binaryName } : {}),
    ...(options.platforms && options.platforms.length > 0 ? { platforms: options.platforms } : {}),
  };
}

/** Flag values checked by core before the slow part, so a typo costs no npm install. */
function validate(options: NewOptions): void {
  if (options.binaryName !== undefined && /^\d+(\.\d+)?$/.test(options.binaryName)) {
    // projen's command line would turn it into a number.
    throw new UserError(`--binary-name "${options.binaryName}" looks like a number: give it in .projenrc.ts instead`);
  }
  const { formatProblem, validateOptions } = toolkit();
  const problems = validateOptions(coreOptions(options) as never).filter((p) => options.modulePath !== undefined || p.option !== "modulePath");
  if (problems.length > 0) {
    throw new UserError(problems.map((p) => formatProblem({ ...p, option: FLAGS[p.option] ?? p.option })).join("\n"));
  }
}

/** A prompt's validator from core's: the problem text for this option, or undefined. */
function problemOf(options: NewOptions, option: string): string | undefined {
  const { formatProblem, validateOptions } = toolkit();
  const problem = validateOptions(coreOptions(options) as never).find((p) => p.option === option);
  return problem ? formatProblem(problem) : undefined;
}

async function prompt(options: NewOptions): Promise<NewOptions> {
  const clack = await import("@clack/prompts");
  const cancelled = () => {
    clack.cancel("cancelled: nothing was created");
    return new UserError("cancelled", EXIT.cancelled);
  };
  clack.intro(bold("gosynth new"));
  const suggestedModule = (await detectModulePath(options.dir)) ?? `example.com/${userName()}/${basename(resolve(options.dir))}`;
  const modulePath = await clack.text({
    message: "Go module path",
    placeholder: suggestedModule,
    defaultValue: suggestedModule,
    validate: (v) => (v ? problemOf({ ...options, modulePath: v }, "modulePath") : undefined),
  });
  if (clack.isCancel(modulePath)) throw cancelled();
  let goVersion = options.goVersion;
  if (goVersion === undefined) {
    const goDefault = toolkit().newestGoMinor();
    const answer = await clack.text({
      message: "Go version",
      placeholder: goDefault,
      defaultValue: goDefault,
      validate: (v) => (v ? problemOf({ ...options, goVersion: v }, "goVersion") : undefined),
    });
    if (clack.isCancel(answer)) throw cancelled();
    goVersion = String(answer);
  }
  let baseImage = options.baseImage;
  if (baseImage === undefined) {
    const choices = baseImages();
    const answer = await clack.select({
      message: "Runtime base image",
      initialValue: choices[0].value,
      options: choices.map((c) => ({ value: c.value, label: c.value, hint: c.summary.split(":")[0] })),
    });
    if (clack.isCancel(answer)) throw cancelled();
    baseImage = String(answer);
  }
  return { ...options, modulePath: String(modulePath), goVersion, baseImage };
}

/** gosynth new <dir>: what projen new --from @gosynth/core go-service makes, with flags or prompts. */
export async function newProject(input: NewOptions): Promise<number> {
  let options = input;
  let prompted = false;
  validate(options);
  const dir = resolve(options.dir);
  const existed = existsSync(dir);
  if (existed && !statSync(dir).isDirectory()) throw new UserError(`${dir} exists and is not a directory`);
  // A fresh clone (only .git) is fine: the module path then comes from its remote.
  const before = existed ? readdirSync(dir) : [];
  if (before.some((e) => e !== ".git")) {
    throw new UserError(`${dir} is not empty: gosynth new creates a project in a new or empty directory (gosynth init adopts an existing Go repository)`);
  }
  const from = resolveFrom(options.from);
  if (!options.modulePath) {
    if (process.stdin.isTTY && process.stdout.isTTY && !options.yes) {
      options = await prompt(options);
      prompted = true;
    } else {
      throw new UserError(
        `--module-path is required ${options.yes ? "with --yes" : "when not running in a terminal"}, e.g. gosynth new ${options.dir} --module-path example.com/acme/${basename(dir)}`,
      );
    }
  }
  const { execa } = await import("execa");
  const pins = await resolveNewestPins(options.goVersion, undefined, { name: basename(dir), modulePath: options.modulePath, baseImage: options.baseImage });
  if (!options.goVersion && pins.goVersion) options = { ...options, goVersion: pins.goVersion };

  // projen runs git init and commits. Not inside another repository's work tree (a service in a
  // monorepo), and without a git identity the commit would fail: then init only and say so.
  let git = options.git;
  let commitLater = false;
  let enclosingRepo: string | undefined;
  if (git) {
    let existing = dir;
    while (!existsSync(existing)) existing = dirname(existing);
    const top = await execa("git", ["rev-parse", "--show-toplevel"], { cwd: existing, reject: false });
    // dir is the top of its own repository only when it exists already (a fresh clone).
    if (top.exitCode === 0 && (existing !== dir || realpathSync(top.stdout.trim()) !== realpathSync(dir))) {
      enclosingRepo = top.stdout.trim();
      git = false;
    } else {
      const ident = await execa("git", ["var", "GIT_COMMITTER_IDENT"], { cwd: existing, reject: false });
      if (ident.exitCode !== 0) {
        git = false;
        commitLater = true;
      }
    }
  }

  mkdirSync(dir, { recursive: true });
  const cleanUp = () => {
    if (!existed) rmSync(dir, { recursive: true, force: true });
    else for (const e of readdirSync(dir)) if (!before.includes(e)) rmSync(join(dir, e), { recursive: true, force: true });
  };
  const progress = await begin(`creating ${options.modulePath} in ${relative(process.cwd(), dir) || "."} (npm install, synthesis)`);
  // core writes a user error (bad options) there as data.
  const reportFile = join(mkdtempSync(join(tmpdir(), "gosynth-report-")), "error.json");
  const { CREATION_PINS_ENV, ERROR_REPORT_ENV, devDependencySpecs } = toolkit();
  const env = { npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", [ERROR_REPORT_ENV]: reportFile, ...(pins.file ? { [CREATION_PINS_ENV]: pins.file } : {}) };
  let child: ReturnType<typeof execa> | undefined;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    child?.kill("SIGINT");
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const step = async (what: string, file: string, args: string[]) => {
    if (interrupted) return;
    child = execa(file, args, { cwd: dir, reject: false, all: true, stdin: "ignore", env });
    const result = await child;
    if (interrupted || result.exitCode === 0) return;
    progress.fail(`${what} failed`);
    cleanUp();
    // gosynth's own message (bad option values) is all that matters; else everything the step said.
    const message = readErrorReport(reportFile)?.message ?? `${what} failed:\n${cleanChildOutput(String(result.all ?? ""))}`;
    throw new UserError(`${message}\n(nothing was kept in ${dir})`, EXIT.failure);
  };
  // What `projen new --from` does, with one npm install instead of its three (projen, then
  // core, then the rest): the devDependencies synthesis will write, then projen's own
  // Projects.createProject in the new directory, as projen new calls it after its installs.
  const installed = writeInstallManifest(dir, basename(dir), devDependencySpecs([from], { ...pins.npm, ...(options.projenVersion ? { projen: options.projenVersion } : {}) }));
  await step("npm install", "npm", ["install"]);
  const create = {
    dir,
    projectFqn: "@gosynth/core.GoServiceProject",
    projectOptions: { ...coreOptions(options), devDeps: [from], ...(options.goreleaser ? {} : { goreleaser: false }), ...(options.ci ? {} : { ci: false }) },
    optionHints: "featured",
    synth: true,
    post: false,
  };
  await step("synthesis", "node", ["-e", `require("projen/lib/projects").Projects.createProject(${JSON.stringify(create)})`]);
  if (!interrupted && installedManifestChanged(dir, installed)) await step("npm install", "npm", ["install"]);
  if (git) {
    for (const args of [["init", "--quiet", "-b", "main"], ["add", "."], ["commit", "--quiet", "--allow-empty", "-m", "chore: project created with gosynth"]]) await step(`git ${args[0]}`, "git", args);
  }
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
  if (interrupted) {
    progress.fail("interrupted");
    cleanUp();
    throw new UserError("interrupted: nothing was kept", EXIT.cancelled);
  }
  progress.done(`created ${options.modulePath} in ${dir}`);
  if (commitLater) {
    if (!existsSync(join(dir, ".git"))) await execa("git", ["init", "--quiet", "-b", "main"], { cwd: dir, reject: false });
    await execa("git", ["add", "-A"], { cwd: dir, reject: false });
    warn("git has no user.name/user.email here, so the project is staged but not committed");
  } else if (enclosingRepo) {
    warn(`inside the git repository ${enclosingRepo}: no nested repository was created; add and commit the project there`);
  }
  const cd = relative(process.cwd(), dir) || ".";
  const next = [
    ...(cd !== "." ? [`cd ${cd.includes(" ") ? JSON.stringify(cd) : cd}`] : []),
    `make help          ${dim("# build, test, lint, docker-build, ...")}`,
    `make run           ${dim(`# the service on :${options.port ?? "8080"}`)}`,
    `edit .projenrc.ts, then npx projen (or gosynth synth)`,
  ];
  if (prompted) {
    const clack = await import("@clack/prompts");
    clack.note(next.join("\n"), "Next steps");
    clack.outro(green("done"));
  } else {
    console.log(`${green("done.")} Next:`);
    for (const line of next) console.log(`  ${line}`);
  }
  return EXIT.ok;
}

