import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { debug, errRed, EXIT, UserError } from "./ui.js";

const version = (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "package.json"), "utf-8")) as { version: string }).version;

const EXIT_CODES = `Exit codes:
  0  ok
  1  check/diff: synthesis would change files; doctor: a required tool is missing
  2  usage error (unknown command or option, missing argument, bad value)
  3  synthesis or tool failure (invalid .projenrc.ts options, hand-edited files, npm/projen errors)
  130 interrupted`;

type Options = NonNullable<ParseArgsConfig["options"]>;
const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;
const FROM_OPTIONS = { from: { type: "string" }, "projen-version": { type: "string" } } as const;

type Values = Record<string, string | string[] | boolean | undefined>;

/** One command: its line in `gosynth --help`, its own help, its options and positionals, and what runs it. */
interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly help: string;
  readonly options: Options;
  readonly positionals: [min: number, max: number];
  readonly run: (values: Values, positionals: string[]) => Promise<number>;
}

const str = (values: Values, name: string) => values[name] as string | undefined;
const dirOf = (positionals: string[], index = 0) => positionals[index] ?? ".";

/** The one table of commands: help, options and dispatch. */
const COMMANDS: Record<string, Command> = {
  new: {
    summary: "scaffold a Go service (projen new --from @gosynth/core go-service)",
    usage: "new <dir>",
    help: `Usage: gosynth new <dir> [options]

Creates <dir> (it must be new, empty, or hold only .git) with
projen new --from @gosynth/core go-service: .projenrc.ts, starter Go code,
the synthesized packaging files, installed devDependencies and a git commit.
In a terminal, a missing --module-path starts prompts; elsewhere it is required.

Options:
  --module-path <path>    Go module path, e.g. github.com/acme/hello
                          (prompt default: the git remote of the enclosing repository,
                          else example.com/<user>/<dir>)
  --go-version <x.y>      Go version, e.g. 1.26 or 1.26.8 (prompt default: go env GOVERSION)
  --base-image <name>     distroless-static (default) | distroless-base | alpine | scratch
  --port <n>              the port the service listens on (default 8080)
  --platforms <list>      image/release platforms, repeatable or comma-separated,
                          e.g. --platforms linux/amd64,linux/arm64
  --binary-name <name>    the binary and image name (default: from the directory name)
  --no-goreleaser         no .goreleaser.yaml or release workflow
  --no-ci                 no GitHub workflows
  --no-git                no git init and initial commit
  -y, --yes               never prompt (--module-path is then required)
  --from <spec>           @gosynth/core to use: a tarball, a directory or an npm spec
                          (default: this repository's dist/gosynth-core-${version}.tgz when it
                          exists, else @gosynth/core from the registry)
  --projen-version <v>    projen to install (default: the newest @gosynth/core supports)
  -h, --help

Example:
  gosynth new hello --module-path github.com/acme/hello --go-version 1.26 --port 9090`,
    positionals: [1, 1],
    options: {
      ...HELP_OPTION,
      ...FROM_OPTIONS,
      "module-path": { type: "string" },
      "go-version": { type: "string" },
      "base-image": { type: "string" },
      port: { type: "string" },
      platforms: { type: "string", multiple: true },
      "binary-name": { type: "string" },
      "no-goreleaser": { type: "boolean" },
      "no-ci": { type: "boolean" },
      "no-git": { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      quiet: { type: "boolean", short: "q" },
    },
    run: async (values, positionals) => {
      const { newProject } = await import("./commands/new.js");
      return newProject({
        dir: dirOf(positionals),
        modulePath: str(values, "module-path"),
        goVersion: str(values, "go-version"),
        baseImage: str(values, "base-image"),
        port: str(values, "port"),
        binaryName: str(values, "binary-name"),
        platforms: ((values.platforms as string[] | undefined) ?? []).flatMap((p) => p.split(",")).map((p) => p.trim()).filter(Boolean),
        goreleaser: !values["no-goreleaser"],
        ci: !values["no-ci"],
        git: !values["no-git"],
        yes: Boolean(values.yes),
        quiet: Boolean(values.quiet),
        from: str(values, "from"),
        projenVersion: str(values, "projen-version"),
      });
    },
  },
  init: {
    summary: "adopt an existing Go repository, carrying over what it states",
    usage: "init [dir]",
    help: `Usage: gosynth init [dir] [options]

Adopts the existing Go module in [dir] (default: .) without touching its code,
go.mod or go.sum. It first reads what the repository states and carries it
over into typed options of .projenrc.ts, each with the file and line it came
from:
  - Dockerfile(s): runtime base and Debian release, EXPOSE, ENV, files copied
    into the image, ENTRYPOINT/CMD arguments, USER, VOLUME, labels, HEALTHCHECK
  - .goreleaser.y*ml: binaries, flags, -X variables, platforms, archives,
    checksums; nfpms, release, changelog... as they are (overrides)
  - .promu.yml, Makefile LDFLAGS, the code: -X variables in any package
  - .golangci.y*ml (v1 migrated to v2): its linters and settings
  - Makefile: moved to project.mk; every target still works through the
    generated Makefile (on a clash, theirs wins)
  - workflows: one that publishes on tags or pushes images is backed up
    (gosynth's release.yml replaces it; --keep-release-workflow keeps it)
  - the Go it builds with (goreleaser's GOTOOLCHAIN, .promu.yml, Dockerfile,
    CI, the toolchain line, else the go line): its newest patch
  - the port (EXPOSE, else the code), the health check (theirs, a -healthcheck
    flag or subcommand, else a health path the code serves), every main package
    (examples and tools left out), cgo, vendor/
The plan says what was carried over, what changes on purpose and why, and what
could not be carried over; --plan prints it and writes nothing. Then init
writes .projenrc.ts and package.json, runs npm install once, and synthesizes.
Nothing gosynth writes is git-ignored; if anything fails, init puts every file
back as it was.

A hand-written file gosynth would replace (Dockerfile, .goreleaser.yml, ...)
stops init with a list (exit 2), unless --backup keeps each under .pre-gosynth/.

Options:
  --plan                  print the plan (and the .projenrc.ts) and write nothing
  --backup                move hand-written files to .pre-gosynth/<path> and go on
  --main <pkg>            the main package the image runs, e.g. --main ./cmd/apid
  --health-path <path>    a path the service answers health checks on, e.g. /healthz
  --port <n>              the port the service listens on (default: EXPOSE, else the code's)
  --keep-release-workflow keep the repository's release workflow (no release.yml)
  --no-goreleaser         no .goreleaser.yaml or release workflow
  --no-ci                 no GitHub workflows
  -q, --quiet             print errors only
  --from <spec>           @gosynth/core to install (default as for gosynth new)
  --projen-version <v>    projen to install (default: the newest @gosynth/core supports)
  -h, --help`,
    positionals: [0, 1],
    options: {
      ...HELP_OPTION,
      ...FROM_OPTIONS,
      plan: { type: "boolean" },
      backup: { type: "boolean" },
      "keep-release-workflow": { type: "boolean" },
      "no-goreleaser": { type: "boolean" },
      "no-ci": { type: "boolean" },
      main: { type: "string" },
      "health-path": { type: "string" },
      port: { type: "string" },
      quiet: { type: "boolean", short: "q" },
    },
    run: async (values, positionals) => {
      const { init } = await import("./commands/init.js");
      return init({
        dir: dirOf(positionals),
        plan: Boolean(values.plan),
        backup: Boolean(values.backup),
        keepReleaseWorkflow: Boolean(values["keep-release-workflow"]),
        ci: !values["no-ci"],
        goreleaser: !values["no-goreleaser"],
        from: str(values, "from"),
        projenVersion: str(values, "projen-version"),
        main: str(values, "main"),
        healthPath: str(values, "health-path"),
        port: str(values, "port"),
        quiet: Boolean(values.quiet),
      });
    },
  },
  synth: {
    summary: "re-synthesize the managed files (in-process, fast)",
    usage: "synth [dir]",
    help: `Usage: gosynth synth [dir] [--force]

Re-synthesizes the project in [dir] (default: .) in this process: the
project's own projen and @gosynth/core, with its tsx compiling .projenrc.ts
(falls back to npx projen when the projenrc cannot be loaded that way).
Synthesis refuses to overwrite managed files that were edited by hand (exit 3).

Options:
  --force                 overwrite hand-edited managed files (sets GOSYNTH_FORCE=1)
  -h, --help`,
    positionals: [0, 1],
    options: { ...HELP_OPTION, force: { type: "boolean", short: "f" } },
    run: async (values, positionals) => (await import("./commands/synth.js")).synth(dirOf(positionals), Boolean(values.force)),
  },
  check: {
    summary: "exit 1 and list the files synthesis would change",
    usage: "check [dir]",
    help: `Usage: gosynth check [dir]

Synthesizes a copy of the project and compares: exit 0 when synthesis would
change nothing, else exit 1 and list the files that would change, appear or
disappear (hand-edited managed files included). The project is not modified.
For CI: npm ci && npx gosynth check`,
    positionals: [0, 1],
    options: { ...HELP_OPTION },
    run: async (_values, positionals) => (await import("./commands/check.js")).check(dirOf(positionals)),
  },
  diff: {
    summary: "show the diff synthesis would apply, without writing",
    usage: "diff [dir]",
    help: `Usage: gosynth diff [dir]

Prints the unified diff synthesis would apply to the project, without writing
anything. Exit 1 when there is a difference (like git diff --exit-code), else 0.`,
    positionals: [0, 1],
    options: { ...HELP_OPTION },
    run: async (_values, positionals) => (await import("./commands/check.js")).diff(dirOf(positionals)),
  },
  doctor: {
    summary: "check go, node, npm, podman/docker, the pinned tools and base image pins",
    usage: "doctor [dir]",
    help: `Usage: gosynth doctor [dir]

Checks what building and releasing the project needs: go (against go.mod's go
line), node, npm, the project's node_modules, podman or docker, and
golangci-lint and goreleaser (under .tools/ or on PATH) against the versions
@gosynth/core pins. Prints a fix for each problem; exit 1 when go, node or npm
is missing or too old.`,
    positionals: [0, 1],
    options: { ...HELP_OPTION },
    run: async (_values, positionals) => (await import("./commands/doctor.js")).doctor(dirOf(positionals)),
  },
  upgrade: {
    summary: "move the pins (Go, tools, actions, base images, projen) to the newest releases",
    usage: "upgrade [dir]",
    help: `Usage: gosynth upgrade [dir] [--only go,tools,actions,npm,images] [--minor]

Moves the pins in gosynth.pins.json to the newest releases, then re-synthesizes:
  go       the newest patch of the pinned Go minor (--minor: the newest Go), from
           the Go module proxy named by GOPROXY (golang.org/toolchain), as go reads it
  tools    every tool gosynth.pins.json pins (the linters, goreleaser, the supply-chain
           tools), from the Go module proxy (same major)
  actions  each action's newest release tag (same major) and its commit, by git ls-remote
           (GOSYNTH_ACTIONS_BASE_URL replaces https://github.com)
  npm      projen (within the minor @gosynth/core supports), from the npm registry
  images   the digest of each base image the Dockerfiles name (alpine: its newest
           x.y.z of the same major), from the image's registry
           (GOSYNTH_REGISTRY_MIRRORS: prefix=URL pairs, e.g. docker.io=http://127.0.0.1:5000)
Prints what moved (old -> new) or "up to date". Every source is read before
anything is written: one that cannot be reached is named and nothing changes.
The generated upgrade workflow runs the same thing weekly (npx projen upgrade).`,
    positionals: [0, 1],
    options: { ...HELP_OPTION, only: { type: "string", multiple: true }, minor: { type: "boolean" } },
    run: async (values, positionals) =>
      (await import("./commands/upgrade.js")).upgrade({ dir: dirOf(positionals), only: values.only as string[] | undefined, minor: Boolean(values.minor) }),
  },
  explain: {
    summary: "where a generated line comes from: construct, source, options",
    usage: "explain <file>:<line> [dir]",
    help: `Usage: gosynth explain <file>:<line> [dir]

Names what generates a line of a synthesized file in the project in [dir]
(default: .): the element (Dockerfile instruction id, Makefile variable or
target, YAML key path), the construct and its source in @gosynth/core, and
the options of .projenrc.ts that change it (found by changing each option and
synthesizing a scratch copy). The project is not modified.

Example:
  gosynth explain Dockerfile:12`,
    positionals: [1, 2],
    options: { ...HELP_OPTION },
    run: async (_values, positionals) => (await import("./commands/explain.js")).explain(dirOf(positionals, 1), positionals[0]),
  },
};

/** `gosynth --help`: the commands' summaries from the one table. */
function mainHelp(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return `gosynth ${version}: scaffold a Go service and keep its packaging in sync with .projenrc.ts

Usage: gosynth <command> [options]

Commands:
${lines.join("\n")}

Options:
  -h, --help     help (also: gosynth <command> --help, gosynth help <command>)
  -v, --version  print the version

${EXIT_CODES}

Environment: NO_COLOR=1 turns colors off; GOSYNTH_DEBUG=1 shows stack traces.`;
}

function usage(message: string, command?: string): UserError {
  return new UserError(`${message}\n${command ? `see: gosynth ${command} --help` : "see: gosynth --help"}`);
}

function parse(command: string, args: string[]) {
  const spec = COMMANDS[command];
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec.options, allowPositionals: true, strict: true });
  } catch (e) {
    const error = e as Error & { code?: string };
    const option = /'(-[^' ]*)/.exec(error.message)?.[1];
    if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw usage(`unknown option ${option ?? ""} for gosynth ${command}`, command);
    if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw usage(`option ${option ?? ""} needs a value`, command);
    throw usage(error.message, command);
  }
  const [min, max] = spec.positionals;
  const { positionals } = parsed;
  if (!parsed.values.help) {
    if (positionals.length < min) throw usage(command === "explain" ? "missing <file>:<line>: gosynth explain Dockerfile:12" : `missing <dir>: gosynth ${command} <dir>`, command);
    if (positionals.length > max) throw usage(`unexpected argument "${positionals[max]}" for gosynth ${command}`, command);
  }
  return { values: parsed.values as Values, positionals };
}

async function run(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(`${mainHelp()}\n`);
    return EXIT.usage;
  }
  if (first === "--version" || first === "-v") {
    console.log(version);
    return EXIT.ok;
  }
  if (first === "--help" || first === "-h") {
    console.log(mainHelp());
    return EXIT.ok;
  }
  if (first === "help") {
    if (rest[0] && !(rest[0] in COMMANDS)) throw usage(`unknown command "${rest[0]}"`);
    console.log(rest[0] ? COMMANDS[rest[0]].help : mainHelp());
    return EXIT.ok;
  }
  if (first.startsWith("-")) throw usage(`unknown option ${first}; options go after the command`);
  if (!(first in COMMANDS)) throw usage(`unknown command "${first}" (commands: ${Object.keys(COMMANDS).join(", ")})`);
  const { values, positionals } = parse(first, rest);
  if (values.help) {
    console.log(COMMANDS[first].help);
    return EXIT.ok;
  }
  return COMMANDS[first].run(values, positionals);
}

/** Runs the CLI; returns the exit code. User errors print a message, never a stack trace (unless GOSYNTH_DEBUG=1). */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (e instanceof UserError) {
      const message = e.message.startsWith("gosynth: ") ? e.message.slice("gosynth: ".length) : e.message;
      process.stderr.write(`${errRed("gosynth:")} ${message}\n`);
      if (debug() && e.stack) process.stderr.write(`${e.stack}\n`);
      return e.exitCode;
    }
    process.stderr.write(`${errRed("gosynth: internal error:")} ${debug() ? ((e as Error)?.stack ?? e) : ((e as Error)?.message ?? e)}\n`);
    if (!debug()) process.stderr.write("(GOSYNTH_DEBUG=1 shows the stack trace; please report it)\n");
    return EXIT.failure;
  }
}
