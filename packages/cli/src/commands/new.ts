import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanChildOutput } from "../synthesize.js";
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
  readonly from?: string;
  readonly projenVersion: string;
}

export const BASE_IMAGES = ["distroless-static", "distroless-base", "alpine", "scratch"] as const;

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

/** Go version of the local toolchain as "X.Y" (go1.26.8 -> 1.26). */
export async function detectGoVersion(): Promise<string | undefined> {
  const { execa } = await import("execa");
  const r = await execa("go", ["env", "GOVERSION"], { reject: false, env: { GOTOOLCHAIN: "local" } });
  return /^go(\d+\.\d+)/.exec(r.stdout ?? "")?.[1];
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

/** Flag values checked before the slow part, so a typo costs no npm install. */
function validate(options: NewOptions): void {
  if (options.modulePath !== undefined && (!options.modulePath || /\s/.test(options.modulePath))) {
    throw new UserError(`--module-path "${options.modulePath}" is not a module path (e.g. github.com/acme/hello)`);
  }
  if (options.goVersion !== undefined && !/^1\.\d+(\.\d+)?$/.test(options.goVersion)) {
    throw new UserError(`--go-version "${options.goVersion}" is not a Go version like 1.26 or 1.26.8`);
  }
  if (options.baseImage !== undefined && !(BASE_IMAGES as readonly string[]).includes(options.baseImage)) {
    throw new UserError(`--base-image "${options.baseImage}" is not one of ${BASE_IMAGES.join(", ")}`);
  }
  if (options.port !== undefined && !(/^\d+$/.test(options.port) && Number(options.port) >= 1 && Number(options.port) <= 65535)) {
    throw new UserError(`--port "${options.port}" is not a port number (1-65535)`);
  }
  if (options.binaryName !== undefined && /^\d+(\.\d+)?$/.test(options.binaryName)) {
    // projen's command line would turn it into a number.
    throw new UserError(`--binary-name "${options.binaryName}" looks like a number: give it in .projenrc.ts instead`);
  }
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
    validate: (v) => (v && /\s/.test(v) ? "a module path has no spaces" : undefined),
  });
  if (clack.isCancel(modulePath)) throw cancelled();
  let goVersion = options.goVersion;
  if (goVersion === undefined) {
    const goDefault = (await detectGoVersion()) ?? "1.26";
    const answer = await clack.text({
      message: "Go version",
      placeholder: goDefault,
      defaultValue: goDefault,
      validate: (v) => (v && !/^1\.\d+(\.\d+)?$/.test(v) ? "a Go version like 1.26 or 1.26.8" : undefined),
    });
    if (clack.isCancel(answer)) throw cancelled();
    goVersion = String(answer);
  }
  let baseImage = options.baseImage;
  if (baseImage === undefined) {
    const answer = await clack.select({
      message: "Runtime base image",
      initialValue: "distroless-static",
      options: [
        { value: "distroless-static", label: "distroless static", hint: "default: no shell, non-root" },
        { value: "distroless-base", label: "distroless base", hint: "glibc, for cgo" },
        { value: "alpine", label: "alpine", hint: "a shell for debugging" },
        { value: "scratch", label: "scratch", hint: "smallest" },
      ],
    });
    if (clack.isCancel(answer)) throw cancelled();
    baseImage = String(answer);
  }
  return { ...options, modulePath: String(modulePath), goVersion, baseImage };
}

/** The arguments for `npx projen new`: string values stay strings (core recovers numeric-looking ones from argv). */
export function projenNewArgs(options: NewOptions & { modulePath: string }, from: string, git: boolean): string[] {
  const args = ["--yes", `projen@${options.projenVersion}`, "new", "--from", from, "go-service", "--module-path", options.modulePath];
  // "--go-version 1.20" reaches the project as the number 1.2 (projen's yargs);
  // @gosynth/core reads the text back from argv, in either form.
  if (options.goVersion) args.push("--go-version", options.goVersion);
  if (options.baseImage) args.push("--base-image", options.baseImage);
  if (options.port) args.push("--port", options.port);
  if (options.binaryName) args.push("--binary-name", options.binaryName);
  for (const p of options.platforms ?? []) args.push("--platforms", p);
  if (!options.goreleaser) args.push("--goreleaser", "false");
  if (!options.ci) args.push("--ci", "false");
  if (!git) args.push("--no-git");
  return args;
}

/** gosynth new <dir>: projen new --from @gosynth/core go-service, with flags or prompts. */
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
  const progress = await begin(`creating ${options.modulePath} in ${relative(process.cwd(), dir) || "."} (projen new, npm install, synthesis)`);
  const child = execa("npx", projenNewArgs({ ...options, modulePath: options.modulePath! }, from, git), {
    cwd: dir,
    reject: false,
    all: true,
    stdin: "ignore",
    env: { npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
  });
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    child.kill("SIGINT");
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const result = await child;
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
  if (interrupted) {
    progress.fail("interrupted");
    cleanUp();
    throw new UserError("interrupted: nothing was kept", EXIT.cancelled);
  }
  if (result.exitCode !== 0) {
    progress.fail("projen new failed");
    cleanUp();
    const output = cleanChildOutput(result.all ?? "");
    // gosynth's own message (bad option values) is all that matters; else everything projen said.
    const own = output.search(/^gosynth: /m);
    throw new UserError(`${own >= 0 ? output.slice(own) : `projen new failed:\n${output}`}\n(nothing was kept in ${dir})`, EXIT.failure);
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

