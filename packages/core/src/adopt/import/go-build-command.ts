import { posix } from "node:path";
import { splitCommands, type Word } from "./shell-words";

/** A flag of `go build` as written: name without dashes, value when it takes one. */
export interface GoFlag {
  readonly name: string;
  readonly value?: string;
  readonly offset: number;
}

/** An environment setting seen by a command: inline (`CGO_ENABLED=0 go build`) or `export`ed before it. */
export interface ShellEnv {
  readonly name: string;
  readonly value: string;
  readonly offset: number;
}

/** A `go` command found in a shell script (a RUN line, a heredoc). */
export interface GoCommand {
  /** "build", "install", "mod download", "mod vendor", ... */
  readonly subcommand: string;
  readonly offset: number;
  /** The command's words from "go" on, as the shell passes them. */
  readonly words: string[];
  /** For build/install: the flags before the packages. */
  readonly flags: GoFlag[];
  readonly packages: string[];
  /** The directory it runs in: the `cd` before it in the same script, joined to `dir`. */
  readonly dir: string;
  readonly env: ShellEnv[];
}

// `go build` flags that take a value; every other flag is boolean.
const VALUE_FLAGS = new Set([
  "o", "p", "C", "covermode", "coverpkg", "asmflags", "buildmode", "compiler", "gccgoflags", "gcflags",
  "installsuffix", "ldflags", "mod", "modfile", "overlay", "pgo", "pkgdir", "tags", "toolexec",
]);
// Shell words that can start a command without being it.
const PREFIX_WORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "exec"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

/** The go commands a shell script runs, in order. `dir` is the directory it starts in (the WORKDIR). */
export function goCommands(script: string, dir: string, escape = "\\"): GoCommand[] {
  const found: GoCommand[] = [];
  const exported: ShellEnv[] = [];
  let cwd = dir;
  for (const command of splitCommands(script, { escape, commands: true })) {
    let words: Word[] = command;
    while (words.length > 0 && PREFIX_WORDS.has(words[0].value)) words = words.slice(1);
    if (words[0]?.value === "export") {
      for (const w of words.slice(1)) {
        const m = ASSIGNMENT.exec(w.value);
        if (m) exported.push({ name: m[1], value: m[2], offset: w.offset });
      }
      continue;
    }
    if (words[0]?.value === "env") words = words.slice(1);
    const inline: ShellEnv[] = [];
    let m: RegExpExecArray | null;
    while (words.length > 0 && (m = ASSIGNMENT.exec(words[0].value))) {
      inline.push({ name: m[1], value: m[2], offset: words[0].offset });
      words = words.slice(1);
    }
    if (words.length === 0) continue;
    if (words[0].value === "cd") {
      cwd = posix.resolve(cwd, words[1]?.value ?? "/root");
      continue;
    }
    if (words[0].value !== "go" && !words[0].value.endsWith("/go")) continue;
    // Redirections (`> build.log`, `2>`) are not arguments of go.
    const redirect = words.findIndex((w) => /^\d*[<>]/.test(w.value));
    if (redirect > 0) words = words.slice(0, redirect);
    found.push({ ...readGo(words), dir: cwd, env: [...exported, ...inline] });
  }
  return found;
}

function readGo(words: Word[]): Omit<GoCommand, "dir" | "env"> {
  const values = words.map((w) => w.value);
  const sub = values[1] ?? "";
  const subcommand = sub === "mod" && values[2] ? `mod ${values[2]}` : sub;
  const base = { subcommand, offset: words[0].offset, words: values };
  if (sub !== "build" && sub !== "install") return { ...base, flags: [], packages: [] };
  const flags: GoFlag[] = [];
  let i = 2;
  for (; i < words.length; i++) {
    const w = words[i];
    if (w.value === "--") {
      i++;
      break;
    }
    const m = /^--?([A-Za-z][A-Za-z0-9]*)(?:=([\s\S]*))?$/.exec(w.value);
    if (!m) break;
    if (m[2] !== undefined) flags.push({ name: m[1], value: m[2], offset: w.offset });
    else if (VALUE_FLAGS.has(m[1]) && i + 1 < words.length) flags.push({ name: m[1], value: words[++i].value, offset: w.offset });
    else flags.push({ name: m[1], offset: w.offset });
  }
  return { ...base, flags, packages: values.slice(i) };
}

/**
 * The file a `go build` writes: -o (a directory when it ends in "/"), or, for one package, a file in the
 * directory it runs in, named after the package's last path element. Undefined when the go command writes
 * nothing (several packages) or for `go install`.
 */
export function buildOutput(command: GoCommand): string | undefined {
  if (command.subcommand !== "build") return undefined;
  const cdFlag = command.flags.find((f) => f.name === "C")?.value;
  const dir = cdFlag ? posix.resolve(command.dir, cdFlag) : command.dir;
  const packages = command.packages.length === 0 ? ["."] : command.packages;
  // Source files name the binary after the first one ("go build ed.go rx.go" writes ed).
  const name = packages.every((p) => p.endsWith(".go"))
    ? posix.basename(packages[0], ".go")
    : packages.length === 1 ? packageName(dir, packages[0]) : undefined;
  const o = command.flags.find((f) => f.name === "o")?.value;
  if (o !== undefined) {
    if (!o.endsWith("/")) return posix.resolve(dir, o);
    return name ? posix.join(posix.resolve(dir, o), name) : undefined;
  }
  return name ? posix.join(dir, name) : undefined;
}

/** The last element of a package path, a major-version suffix (`/v2`) skipped as the go command does. */
function packageName(dir: string, pkg: string): string | undefined {
  const elements = posix.resolve(dir, pkg).split("/").filter((e) => e !== "");
  if (elements.length > 1 && /^v[2-9][0-9]*$/.test(elements[elements.length - 1])) elements.pop();
  return elements[elements.length - 1];
}
