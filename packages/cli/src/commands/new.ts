import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { bold, EXIT, green, step, UserError } from "../ui.js";

export interface NewOptions {
  readonly dir: string;
  readonly modulePath?: string;
  readonly goVersion?: string;
  readonly baseImage?: string;
  readonly port?: string;
  readonly platforms?: string[];
  readonly goreleaser: boolean;
  readonly ci: boolean;
  readonly git: boolean;
  readonly yes: boolean;
  readonly from?: string;
  readonly projenVersion: string;
}

// lib/commands/new.js -> the package directory
const cliDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The @gosynth/core spec: --from, else the tarball this repository packs (offline), else the registry. */
export function defaultFrom(): string {
  const version = (JSON.parse(readFileSync(join(cliDir, "package.json"), "utf-8")) as { version: string }).version;
  const tarball = resolve(cliDir, "..", "..", "dist", `gosynth-core-${version}.tgz`);
  return existsSync(tarball) ? tarball : "@gosynth/core";
}

/** Go version of the local toolchain as "X.Y" (go1.26.8 -> 1.26). */
export async function detectGoVersion(): Promise<string | undefined> {
  const r = await execa("go", ["env", "GOVERSION"], { reject: false });
  return /^go(\d+\.\d+)/.exec(r.stdout ?? "")?.[1];
}

/** Module path from the git remote (github.com/owner/repo), if any. */
export async function detectModulePath(cwd: string): Promise<string | undefined> {
  const r = await execa("git", ["remote", "get-url", "origin"], { cwd, reject: false });
  const m = /(?:https?:\/\/|git@)([^/:]+)[/:](.+?)(?:\.git)?$/.exec((r.stdout ?? "").trim());
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}

async function prompt(options: NewOptions): Promise<NewOptions> {
  const clack = await import("@clack/prompts");
  clack.intro(bold("gosynth new"));
  const suggestedModule = (await detectModulePath(process.cwd())) ?? `example.com/${process.env.USER ?? "you"}/${basename(resolve(options.dir))}`;
  const modulePath = await clack.text({
    message: "Go module path",
    placeholder: suggestedModule,
    defaultValue: suggestedModule,
    validate: (v) => (v && /\s/.test(v) ? "no spaces in a module path" : undefined),
  });
  if (clack.isCancel(modulePath)) throw new UserError("cancelled");
  const goDefault = options.goVersion ?? (await detectGoVersion()) ?? "1.26";
  const goVersion = await clack.text({ message: "Go version", placeholder: goDefault, defaultValue: goDefault });
  if (clack.isCancel(goVersion)) throw new UserError("cancelled");
  const baseImage = await clack.select({
    message: "Runtime base image",
    initialValue: options.baseImage ?? "distroless-static",
    options: [
      { value: "distroless-static", label: "distroless static (default: no shell, non-root)" },
      { value: "distroless-base", label: "distroless base (glibc, for cgo)" },
      { value: "alpine", label: "alpine (a shell for debugging)" },
      { value: "scratch", label: "scratch (smallest)" },
    ],
  });
  if (clack.isCancel(baseImage)) throw new UserError("cancelled");
  clack.outro("creating the project");
  return { ...options, modulePath: String(modulePath), goVersion: String(goVersion), baseImage: String(baseImage) };
}

/** gosynth new <dir>: projen new --from @gosynth/core go-service, with flags or prompts. */
export async function newProject(input: NewOptions): Promise<number> {
  let options = input;
  const dir = resolve(options.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UserError(`${dir} is not empty: gosynth new creates a project in a new or empty directory (use gosynth init for an existing repository)`);
  }
  if (!options.modulePath) {
    if (process.stdin.isTTY && !options.yes) options = await prompt(options);
    else throw new UserError("--module-path is required when not running in a terminal, e.g. --module-path example.com/acme/hello");
  }
  mkdirSync(dir, { recursive: true });
  const args = ["-y", `projen@${options.projenVersion}`, "new", "--from", options.from ?? defaultFrom(), "go-service", "--module-path", options.modulePath!];
  if (options.goVersion) args.push("--go-version", options.goVersion);
  if (options.baseImage) args.push("--base-image", options.baseImage);
  if (options.port) args.push("--port", options.port);
  for (const p of options.platforms ?? []) args.push("--platforms", p);
  if (!options.goreleaser) args.push("--goreleaser", "false");
  if (!options.ci) args.push("--ci", "false");
  if (!options.git) args.push("--no-git");
  step(`projen new go-service in ${dir} (installs dependencies, then synthesizes)`);
  const result = await execa("npx", args, { cwd: dir, reject: false, all: true });
  if (result.exitCode !== 0) {
    const message = (result.all ?? "").split("\n").filter((l) => !l.startsWith("npm warn")).join("\n");
    throw new UserError(`projen new failed:\n${message}`, EXIT.failure);
  }
  console.log(green(`created ${dir}`));
  console.log(`next:\n  cd ${options.dir}\n  make help\n  edit .projenrc.ts, then gosynth synth (or npx projen)`);
  return EXIT.ok;
}
