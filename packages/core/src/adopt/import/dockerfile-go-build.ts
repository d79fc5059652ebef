import { posix } from "node:path";
import { golangTagVersion, imageRef, isGolangImage, type ImageRef } from "./docker-image";
import { lineAt, type DockerfileAst, type Instruction, type Stage } from "./dockerfile-parser";
import { stageChain, substituteAt, variablesAfter, variablesAt, type Variable } from "./dockerfile-vars";
import { buildOutput, goCommands, type GoCommand } from "./go-build-command";
import { ldflagsX } from "./go-ldflags";
import type { Found, SourceLocation } from "./location";

/** What a stage built FROM a golang image says about how the service is built. */
export interface GoBuildStage {
  readonly index: number;
  readonly name?: string;
  /** The golang image (of the stage's root, when it is built FROM another stage). */
  readonly base: Found<ImageRef>;
  /** The Go version the image tag names: "1.26" of `golang:1.26-bookworm`. */
  readonly goVersion?: Found<string>;
  /** Flags of its `go build`/`go install` lines and of GOFLAGS, normalized: "-trimpath", "-tags=netgo". */
  readonly goFlags: Found<string>[];
  /** Each -ldflags value as written (blanks collapsed). */
  readonly ldflags: Found<string>[];
  readonly ldflagsX: Found<{ readonly symbol: string; readonly value: string }>[];
  readonly cgoEnabled?: Found<"0" | "1">;
  /** The `go mod download` command, when the stage runs one. */
  readonly downloadsModules?: Found<string>;
  /** What shows the build uses vendor/: "-mod=vendor", "go mod vendor", "COPY vendor". */
  readonly usesVendor?: Found<string>;
  /** The files its `go build` commands write (absolute paths, variables as written). */
  readonly outputs: Found<string>[];
}

/** The go commands of every stage, by stage index, with where each was read and the directory it ran in. */
export interface StageGoCommands {
  readonly commands: {
    readonly command: GoCommand;
    readonly instruction: Instruction;
    readonly script: Script;
    readonly at: SourceLocation;
  }[];
  readonly outputs: Found<string>[];
}

// Flags that say where and what is built, not how: the plan carries these differently.
const NOT_BUILD_SETTINGS = new Set(["o", "ldflags", "C"]);

export function stageGoCommands(ast: DockerfileAst, stage: Stage): StageGoCommands {
  const commands: StageGoCommands["commands"][number][] = [];
  const outputs: Found<string>[] = [];
  let workdir = "/";
  for (const s of stageChain(ast, stage)) {
    for (const instruction of s.instructions) {
      if (instruction.keyword === "WORKDIR") {
        workdir = posix.resolve(workdir, substituteAt(ast, instruction, instruction.args).text);
      }
      if (instruction.keyword !== "RUN" || s !== stage) continue;
      for (const script of scriptsOf(instruction)) {
        for (const command of goCommands(script.text, workdir, ast.escape)) {
          const at = { file: ast.file, line: script.lineOf(command.offset) };
          commands.push({ command, instruction, script, at });
          const output = buildOutput(command);
          if (output) outputs.push({ value: output, at });
        }
      }
    }
  }
  return { commands, outputs };
}

/** Shell text a RUN runs, with a way back from an offset in it to a line of the Dockerfile. */
export interface Script {
  readonly text: string;
  readonly lineOf: (offset: number) => number;
}

/** The shell text a RUN runs: its arguments, and its heredoc bodies. */
function scriptsOf(instruction: Instruction): Script[] {
  const scripts: Script[] = [
    {
      text: instruction.json ? instruction.json.map(quoteWord).join(" ") : instruction.args,
      lineOf: (offset: number) => (instruction.json ? instruction.line : lineAt(instruction, offset)),
    },
  ];
  for (const heredoc of instruction.heredocs) {
    scripts.push({
      text: heredoc.body,
      lineOf: (offset: number) => heredoc.line + (heredoc.body.slice(0, offset).match(/\n/g)?.length ?? 0),
    });
  }
  return scripts;
}

function quoteWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function readGoBuildStage(ast: DockerfileAst, stage: Stage, notes: Found<string>[]): GoBuildStage | undefined {
  const root = stageChain(ast, stage)[0];
  const base = baseOf(ast, root);
  if (!isGolangImage(base.value)) return undefined;
  const note = (line: number, text: string) => notes.push({ value: text, at: { file: ast.file, line } });

  const goFlags: Found<string>[] = [];
  const addFlag = (value: string, at: SourceLocation) => {
    if (!goFlags.some((f) => f.value === value)) goFlags.push({ value, at });
  };
  const ldflags: Found<string>[] = [];
  const xs: GoBuildStage["ldflagsX"][number][] = [];
  let downloadsModules: Found<string> | undefined;
  let usesVendor: Found<string> | undefined;
  const cgo: Found<string>[] = [];

  const { commands, outputs } = stageGoCommands(ast, stage);
  for (const { command, instruction, script, at } of commands) {
    const vars = variablesAt(ast, instruction);
    if (command.subcommand === "mod download") downloadsModules ??= { value: command.words.join(" "), at };
    if (command.subcommand === "mod vendor") usesVendor ??= { value: "go mod vendor", at };
    if (command.subcommand !== "build" && command.subcommand !== "install") continue;

    const env = (name: string): Found<string> | undefined => {
      const set = [...command.env].reverse().find((e) => e.name === name);
      if (set) return { value: set.value, at: { file: ast.file, line: script.lineOf(set.offset) } };
      return fromVariable(ast, vars.get(name));
    };
    const goflags = env("GOFLAGS");
    for (const flag of goflags?.value.split(/\s+/).filter((f) => f !== "") ?? []) addFlag(flag, goflags!.at);
    const cgoSetting = env("CGO_ENABLED");
    if (cgoSetting) cgo.push(cgoSetting);

    for (const flag of command.flags) {
      const flagAt = { file: ast.file, line: script.lineOf(flag.offset) };
      if (flag.name === "ldflags" && flag.value !== undefined) {
        ldflags.push({ value: flag.value.trim().replace(/\s+/g, " "), at: flagAt });
        for (const x of ldflagsX(flag.value)) {
          // The symbol's own line, when -ldflags spans continued lines.
          const written = script.text.indexOf(`${x.symbol}=`, flag.offset);
          const line = written >= 0 ? script.lineOf(written) : flagAt.line;
          xs.push({ value: { symbol: x.symbol, value: x.value }, at: { file: ast.file, line } });
        }
      } else if (!NOT_BUILD_SETTINGS.has(flag.name)) {
        addFlag(flag.value === undefined ? `-${flag.name}` : `-${flag.name}=${flag.value}`, flagAt);
      }
    }
  }
  const vendorFlag = goFlags.find((f) => f.value === "-mod=vendor");
  usesVendor ??= vendorFlag ?? copiesVendor(ast, stage);

  if (commands.every((c) => c.command.subcommand !== "build" && c.command.subcommand !== "install")) {
    // Built by make or a script: the stage's CGO_ENABLED still applies to it.
    const setting = fromVariable(ast, variablesAfter(ast, stage).get("CGO_ENABLED"));
    if (setting) cgo.push(setting);
  }
  const cgoEnabled = readCgo(cgo, note);

  return {
    index: stage.index,
    ...(stage.name !== undefined && { name: stage.name }),
    base,
    ...goVersionOf(ast, root, base, note),
    goFlags,
    ldflags,
    ldflagsX: xs,
    ...(cgoEnabled && { cgoEnabled }),
    ...(downloadsModules && { downloadsModules }),
    ...(usesVendor && { usesVendor }),
    outputs,
  };
}

/** A stage's FROM image, ARG defaults substituted. */
export function baseOf(ast: DockerfileAst, stage: Stage): Found<ImageRef> {
  const sub = substituteAt(ast, stage.from, stage.base);
  return { value: imageRef(stage.base, sub.text, sub.unresolved), at: { file: ast.file, line: stage.from.line } };
}

function fromVariable(ast: DockerfileAst, v: Variable | undefined): Found<string> | undefined {
  return v?.value !== undefined ? { value: v.value, at: { file: ast.file, line: v.line } } : undefined;
}

function readCgo(settings: Found<string>[], note: (line: number, text: string) => void): Found<"0" | "1"> | undefined {
  const first = settings[0];
  if (!first) return undefined;
  for (const s of settings) {
    if (s.value !== "0" && s.value !== "1") note(s.at.line, `CGO_ENABLED=${s.value}: not a value known here`);
    else if (s.value !== first.value) note(s.at.line, `CGO_ENABLED=${s.value} here, but ${first.value} at line ${first.at.line}`);
  }
  return first.value === "0" || first.value === "1" ? { value: first.value, at: first.at } : undefined;
}

function copiesVendor(ast: DockerfileAst, stage: Stage): Found<string> | undefined {
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
    const words = instruction.json ?? instruction.args.split(/\s+/);
    if (words.slice(0, -1).some((w) => /^(\.\/)?vendor\/?$/.test(w))) {
      return { value: `${instruction.keyword} vendor`, at: { file: ast.file, line: instruction.line } };
    }
  }
  return undefined;
}

function goVersionOf(
  ast: DockerfileAst,
  root: Stage,
  base: Found<ImageRef>,
  note: (line: number, text: string) => void,
): { goVersion?: Found<string> } {
  const version = golangTagVersion(base.value);
  const sub = substituteAt(ast, root.from, root.base);
  if (version === undefined) {
    const tag = base.value.tag ?? "latest";
    note(root.from.line, tag.includes("$")
      ? `${base.value.written}: the Go version comes from ${sub.unresolved.join(", ")}, which has no default`
      : `${base.value.written}: the tag names no Go version (the newest Go when the image is pulled)`);
    return {};
  }
  // A version given by an ARG default is cited where the ARG is.
  const fromArg = root.base.includes("$") && sub.used.length === 1 ? sub.used[0] : undefined;
  return { goVersion: { value: version, at: { file: ast.file, line: fromArg?.line ?? root.from.line } } };
}
