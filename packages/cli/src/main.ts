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

const HELP: Record<string, string> = {
  main: `gosynth ${version}: scaffold a Go service and keep its packaging in sync with .projenrc.ts

Usage: gosynth <command> [options]

Commands:
  new <dir>      scaffold a Go service (projen new --from @gosynth/core go-service)
  init [dir]     adopt an existing Go repository (go.mod + cmd/*)
  synth [dir]    re-synthesize the managed files (in-process, fast)
  check [dir]    exit 1 and list the files synthesis would change
  diff [dir]     show the diff synthesis would apply, without writing
  doctor [dir]   check go, node, npm, podman/docker and the pinned tools
  upgrade [dir]  move the pins (Go, tools, actions, projen) to the newest releases
  explain <file>:<line> [dir]
                 where a generated line comes from: construct, source, options

Options:
  -h, --help     help (also: gosynth <command> --help, gosynth help <command>)
  -v, --version  print the version

${EXIT_CODES}

Environment: NO_COLOR=1 turns colors off; GOSYNTH_DEBUG=1 shows stack traces.`,
  new: `Usage: gosynth new <dir> [options]

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
  --projen-version <v>    projen to run (default: the version @gosynth/core pins)
  -h, --help

Example:
  gosynth new hello --module-path github.com/acme/hello --go-version 1.26 --port 9090`,
  init: `Usage: gosynth init [dir] [options]

Adopts the existing Go module in [dir] (default: .) without touching its code,
go.mod or go.sum, and prints what it found:
  - every main package (cmd/*, nested, or the root), the one the image runs (a
    main that listens: net/http, net.Listen, gRPC; else a name ending in
    d/server/api), and the reason; all of them are built and released
  - cgo: a dependency with cgo files (go list -deps) turns cgo on with glibc
    (distroless base)
  - version variables in the main package (main.version, main.commit,
    main.buildDate, ...): only existing ones get -X
  - whether the binary reads PORT, and has a healthcheck subcommand; without one
    the image gets no HEALTHCHECK unless --health-path names a path to probe
  - go.mod's go and toolchain lines stay the user's; the builder is the newest
    Go release (pinned in gosynth.pins.json)
Writes .projenrc.ts and package.json, runs npm install, then synthesizes;
.gitignore and .gitattributes entries are carried over, and nothing gosynth
writes ends up git-ignored. If anything fails, init removes what it wrote.

A hand-written file gosynth would replace (Dockerfile, Makefile, compose.yaml,
workflows, ...) or one that would shadow it (GNUmakefile, .goreleaser.yml, ...)
stops init with a list (exit 2), unless --backup keeps each as <name>.pre-gosynth.

Options:
  --main <pkg>            the main package the image runs, e.g. --main ./cmd/apid
  --health-path <path>    a path the service answers health checks on, e.g. /healthz
  --port <n>              the port the service listens on (default 8080)
  --backup                rename hand-written files to <name>.pre-gosynth and go on
  --no-goreleaser         no .goreleaser.yaml or release workflow
  --no-ci                 no GitHub workflows
  --from <spec>           @gosynth/core to install (default as for gosynth new)
  --projen-version <v>    projen to install (default: the version @gosynth/core pins)
  -h, --help`,
  synth: `Usage: gosynth synth [dir] [--force]

Re-synthesizes the project in [dir] (default: .) in this process: the
project's own projen and @gosynth/core, with its tsx compiling .projenrc.ts
(falls back to npx projen when the projenrc cannot be loaded that way).
Synthesis refuses to overwrite managed files that were edited by hand (exit 3).

Options:
  --force                 overwrite hand-edited managed files (sets GOSYNTH_FORCE=1)
  -h, --help`,
  check: `Usage: gosynth check [dir]

Synthesizes a copy of the project and compares: exit 0 when synthesis would
change nothing, else exit 1 and list the files that would change, appear or
disappear (hand-edited managed files included). The project is not modified.
For CI: npm ci && npx gosynth check`,
  diff: `Usage: gosynth diff [dir]

Prints the unified diff synthesis would apply to the project, without writing
anything. Exit 1 when there is a difference (like git diff --exit-code), else 0.`,
  upgrade: `Usage: gosynth upgrade [dir] [--only go,tools,actions,npm] [--minor]

Moves the pins in gosynth.pins.json to the newest releases, then re-synthesizes:
  go       the newest patch of the pinned Go minor (--minor: the newest Go), from
           the Go module proxy named by GOPROXY (golang.org/toolchain), as go reads it
  tools    golangci-lint and goreleaser, from the Go module proxy (same major)
  actions  each action's newest release tag (same major) and its commit, by git ls-remote
           (GOSYNTH_ACTIONS_BASE_URL replaces https://github.com)
  npm      projen (within the minor @gosynth/core supports), from the npm registry
Prints what moved (old -> new) or "up to date". Every source is read before
anything is written: one that cannot be reached is named and nothing changes.
The generated upgrade workflow runs the same thing weekly (npx projen upgrade).`,
  explain: `Usage: gosynth explain <file>:<line> [dir]

Names what generates a line of a synthesized file in the project in [dir]
(default: .): the element (Dockerfile instruction id, Makefile variable or
target, YAML key path), the construct and its source in @gosynth/core, and
the options of .projenrc.ts that change it (found by changing each option and
synthesizing a scratch copy). The project is not modified.

Example:
  gosynth explain Dockerfile:12`,
  doctor: `Usage: gosynth doctor [dir]

Checks what building and releasing the project needs: go (against go.mod's go
line), node, npm, the project's node_modules, podman or docker, and
golangci-lint and goreleaser (under .tools/ or on PATH) against the versions
@gosynth/core pins. Prints a fix for each problem; exit 1 when go, node or npm
is missing or too old.`,
};

type Options = NonNullable<ParseArgsConfig["options"]>;
const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;
const FROM_OPTIONS = { from: { type: "string" }, "projen-version": { type: "string" } } as const;

/** Each command's options and how many positionals it takes. */
const COMMANDS: Record<string, { options: Options; positionals: [min: number, max: number] }> = {
  new: {
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
    },
  },
  init: {
    positionals: [0, 1],
    options: {
      ...HELP_OPTION,
      ...FROM_OPTIONS,
      backup: { type: "boolean" },
      "no-goreleaser": { type: "boolean" },
      "no-ci": { type: "boolean" },
      main: { type: "string" },
      "health-path": { type: "string" },
      port: { type: "string" },
    },
  },
  synth: { positionals: [0, 1], options: { ...HELP_OPTION, force: { type: "boolean", short: "f" } } },
  check: { positionals: [0, 1], options: { ...HELP_OPTION } },
  diff: { positionals: [0, 1], options: { ...HELP_OPTION } },
  doctor: { positionals: [0, 1], options: { ...HELP_OPTION } },
  explain: { positionals: [1, 2], options: { ...HELP_OPTION } },
  upgrade: { positionals: [0, 1], options: { ...HELP_OPTION, only: { type: "string", multiple: true }, minor: { type: "boolean" } } },
};

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
  return { values: parsed.values as Record<string, string | string[] | boolean | undefined>, positionals };
}

async function run(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(`${HELP.main}\n`);
    return EXIT.usage;
  }
  if (first === "--version" || first === "-v") {
    console.log(version);
    return EXIT.ok;
  }
  if (first === "--help" || first === "-h") {
    console.log(HELP.main);
    return EXIT.ok;
  }
  if (first === "help") {
    if (rest[0] && !(rest[0] in COMMANDS)) throw usage(`unknown command "${rest[0]}"`);
    console.log(HELP[rest[0] ?? "main"]);
    return EXIT.ok;
  }
  if (first.startsWith("-")) throw usage(`unknown option ${first}; options go after the command`);
  if (!(first in COMMANDS)) throw usage(`unknown command "${first}" (commands: ${Object.keys(COMMANDS).join(", ")})`);
  const command = first;
  const { values, positionals } = parse(command, rest);
  if (values.help) {
    console.log(HELP[command]);
    return EXIT.ok;
  }
  const dir = (command === "explain" ? positionals[1] : positionals[0]) ?? ".";
  const str = (name: string) => values[name] as string | undefined;
  switch (command) {
    case "new": {
      const { newProject } = await import("./commands/new.js");
      return newProject({
        dir,
        modulePath: str("module-path"),
        goVersion: str("go-version"),
        baseImage: str("base-image"),
        port: str("port"),
        binaryName: str("binary-name"),
        platforms: ((values.platforms as string[] | undefined) ?? []).flatMap((p) => p.split(",")).map((p) => p.trim()).filter(Boolean),
        goreleaser: !values["no-goreleaser"],
        ci: !values["no-ci"],
        git: !values["no-git"],
        yes: Boolean(values.yes),
        from: str("from"),
        projenVersion: str("projen-version") ?? (await import("./core.js")).toolkit().PINNED_DEV_DEPENDENCIES.projen,
      });
    }
    case "init": {
      const { init } = await import("./commands/init.js");
      return init({
        dir,
        backup: Boolean(values.backup),
        ci: !values["no-ci"],
        goreleaser: !values["no-goreleaser"],
        from: str("from"),
        projenVersion: str("projen-version"),
        main: str("main"),
        healthPath: str("health-path"),
        port: str("port"),
      });
    }
    case "synth": {
      const { synth } = await import("./commands/synth.js");
      return synth(dir, Boolean(values.force));
    }
    case "check":
    case "diff": {
      const commands = await import("./commands/check.js");
      return command === "check" ? commands.check(dir) : commands.diff(dir);
    }
    case "upgrade": {
      const { upgrade } = await import("./commands/upgrade.js");
      return upgrade({ dir, only: values.only as string[] | undefined, minor: Boolean(values.minor) });
    }
    case "explain": {
      const { explain } = await import("./commands/explain.js");
      return explain(dir, positionals[0]);
    }
    default: {
      const { doctor } = await import("./commands/doctor.js");
      return doctor(dir);
    }
  }
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
