import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, ParseArgsConfig } from "node:util";
import { check, diff } from "./commands/check.js";
import { doctor } from "./commands/doctor.js";
import { init } from "./commands/init.js";
import { newProject } from "./commands/new.js";
import { synth } from "./commands/synth.js";
import { EXIT, red, UserError } from "./ui.js";

const PROJEN_VERSION = "0.103.25";
const version = (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "package.json"), "utf-8")) as { version: string }).version;

const HELP: Record<string, string> = {
  main: `gosynth ${version}: keep a Go service's packaging in sync with .projenrc.ts

Usage: gosynth <command> [options]

Commands:
  new <dir>      scaffold a Go service (projen new --from @gosynth/core go-service)
  init [dir]     adopt an existing Go repository
  synth [dir]    re-synthesize the managed files (fast, in-process)
  check [dir]    exit 1 and list the files synthesis would change
  diff [dir]     show the diff synthesis would apply, without writing
  doctor [dir]   check go, node, podman/docker and the pinned tools

Options: --help, --version
Exit codes: 0 ok, 1 changes pending / problems found, 2 usage error, 3 synthesis or tool failure.
NO_COLOR disables colors; GOSYNTH_DEBUG=1 shows stack traces.`,
  new: `Usage: gosynth new <dir> [options]

  --module-path <path>   Go module path (asked for when missing in a terminal)
  --go-version <x.y>     Go version (default: the project type's, 1.26)
  --base-image <name>    distroless-static | distroless-base | alpine | scratch
  --port <n>             service port (default 8080)
  --platforms <list>     comma-separated, e.g. linux/amd64,linux/arm64
  --no-goreleaser        no .goreleaser.yaml or release workflow
  --no-ci                no GitHub workflows
  --no-git               do not git init and commit
  --yes                  never prompt
  --from <spec>          @gosynth/core tarball, directory or npm spec (default: this repo's dist/ tarball, else @gosynth/core)
  --projen-version <v>   projen to run (default ${PROJEN_VERSION})`,
  init: `Usage: gosynth init [dir] [--backup] [--from <spec>]

Reads module path and Go version from go.mod and the main package under cmd/,
writes .projenrc.ts and synthesizes. Existing Go code is never touched.
A hand-written Dockerfile/Makefile/.golangci.yml/.goreleaser.yaml stops init,
unless --backup keeps each as <name>.pre-gosynth.`,
  synth: `Usage: gosynth synth [dir] [--force]

Re-synthesizes in this process with the project's own tsx and @gosynth/core.
--force overwrites hand-edited managed files (same as GOSYNTH_FORCE=1).`,
  check: `Usage: gosynth check [dir]

Exit 0 when synthesis would change nothing, else exit 1 and list the files.`,
  diff: `Usage: gosynth diff [dir]

Prints the unified diff synthesis would apply (exit 1 when there is one).`,
  doctor: `Usage: gosynth doctor [dir]

Checks go (vs go.mod), node, npm, podman/docker, golangci-lint and goreleaser (vs the pinned versions).`,
};

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  "module-path": { type: "string" },
  "go-version": { type: "string" },
  "base-image": { type: "string" },
  port: { type: "string" },
  platforms: { type: "string", multiple: true },
  "no-goreleaser": { type: "boolean" },
  "no-ci": { type: "boolean" },
  "no-git": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  from: { type: "string" },
  "projen-version": { type: "string" },
  force: { type: "boolean" },
  backup: { type: "boolean" },
} satisfies ParseArgsConfig["options"];

async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(`${(e as Error).message}\n\n${HELP.main}`);
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const [command, ...rest] = positionals;
  if (values.version) {
    console.log(version);
    return EXIT.ok;
  }
  if (!command || command === "help") {
    console.log(HELP[rest[0] ?? "main"] ?? HELP.main);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  if (!(command in HELP) || command === "main") throw new UserError(`unknown command "${command}"\n\n${HELP.main}`);
  if (values.help) {
    console.log(HELP[command]);
    return EXIT.ok;
  }
  const dir = rest[0] ?? ".";
  const projenVersion = (values["projen-version"] as string | undefined) ?? PROJEN_VERSION;
  switch (command) {
    case "new":
      if (!rest[0]) throw new UserError(`gosynth new needs a directory\n\n${HELP.new}`);
      return newProject({
        dir,
        modulePath: values["module-path"] as string | undefined,
        goVersion: values["go-version"] as string | undefined,
        baseImage: values["base-image"] as string | undefined,
        port: values.port as string | undefined,
        platforms: ((values.platforms as string[] | undefined) ?? []).flatMap((p) => p.split(",")).filter(Boolean),
        goreleaser: !values["no-goreleaser"],
        ci: !values["no-ci"],
        git: !values["no-git"],
        yes: Boolean(values.yes),
        from: values.from as string | undefined,
        projenVersion,
      });
    case "init":
      return init({ dir, backup: Boolean(values.backup), from: values.from as string | undefined, projenVersion });
    case "synth":
      return synth(dir, Boolean(values.force));
    case "check":
      return check(dir);
    case "diff":
      return diff(dir);
    default:
      return doctor(dir);
  }
}

/** Runs the CLI; returns the exit code. User errors print a message, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (e instanceof UserError && process.env.GOSYNTH_DEBUG !== "1") {
      process.stderr.write(`${red("gosynth:")} ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`${red("gosynth: internal error:")} ${(e as Error).stack ?? e}\n`);
    return EXIT.failure;
  }
}
