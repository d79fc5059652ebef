import { posix } from "node:path";
import { debianRelease, imageFamily, isNonrootTag, type ImageFamily, type ImageRef } from "./docker-image";
import { baseOf } from "./dockerfile-go-build";
import { keyValues, lineAt, type DockerfileAst, type Instruction, type Stage } from "./dockerfile-parser";
import { stageChain, substituteAt } from "./dockerfile-vars";
import type { Found, SourceLocation } from "./location";
import { splitWords } from "./shell-words";

/** ENTRYPOINT/CMD: the exec form's array, or the shell form's command line as the only element. */
export interface ImageCommand {
  readonly form: "exec" | "shell";
  readonly args: string[];
}

export interface ExposedPort {
  readonly port: number;
  readonly protocol: "tcp" | "udp" | "sctp";
}

export interface EnvSetting {
  readonly name: string;
  readonly value: string;
}

export interface ImageLabel {
  readonly key: string;
  readonly value: string;
}

export type Healthcheck =
  | { readonly none: true }
  | {
      readonly none?: undefined;
      readonly form: "exec" | "shell";
      /** The exec form's array (after CMD), or the shell form's command line. */
      readonly test: string[] | string;
      readonly interval?: string;
      readonly timeout?: string;
      readonly startPeriod?: string;
      readonly startInterval?: string;
      readonly retries?: number;
    };

/** Why a copied file is taken for a Go binary. */
export type BinaryEvidence =
  /** It is a file a `go build` of the stage it comes from writes. */
  | "go-build-output"
  /** It comes from a build output directory: `.build/linux-amd64/`, `bin/`, `dist/`, `out/`, `_output/`. */
  | "build-output-dir"
  /** The image's ENTRYPOINT (or CMD) runs it. */
  | "run-by-image";

interface CopiedFile {
  readonly instruction: "COPY" | "ADD";
  /** As written. */
  readonly sources: string[];
  readonly destination: string;
  /** Where each source lands: absolute, ARG/ENV defaults substituted, WORKDIR applied. */
  readonly installedAt: string[];
  readonly chown?: string;
  readonly chmod?: string;
  /** Set when the image's ENTRYPOINT or CMD runs this file. */
  readonly runBy?: "entrypoint" | "cmd";
}

export interface BinaryFile extends CopiedFile {
  readonly kind: "binary";
  /** The service binary (one per image); other binaries are copied along with it. */
  readonly service: boolean;
  /** Its path in the image: "/bin/blackbox_exporter". */
  readonly path: string;
  /** The file name, which names the binary: "blackbox_exporter". */
  readonly name: string;
  /** The stage it is copied from; absent when it is copied from the build context (built outside Docker). */
  readonly fromStage?: string;
  readonly evidence: BinaryEvidence[];
}

export type RuntimeFile =
  | BinaryFile
  | (CopiedFile & { readonly kind: "context" })
  | (CopiedFile & { readonly kind: "fromStage"; readonly stage: string })
  | (CopiedFile & { readonly kind: "fromImage"; readonly image: string })
  | (CopiedFile & { readonly kind: "heredoc"; readonly content: string })
  | (CopiedFile & { readonly kind: "remote" });

/** The image that runs: the final stage, with what it inherits from the stages it is built FROM. */
export interface RuntimeStage {
  readonly index: number;
  readonly name?: string;
  readonly base: Found<ImageRef>;
  readonly family: ImageFamily;
  readonly debianRelease?: string;
  readonly nonrootTag: boolean;
  readonly expose: Found<ExposedPort>[];
  readonly env: Found<EnvSetting>[];
  readonly user?: Found<string>;
  readonly entrypoint?: Found<ImageCommand>;
  readonly cmd?: Found<ImageCommand>;
  /** The effective WORKDIR, absolute, ARG/ENV defaults substituted. */
  readonly workdir?: Found<string>;
  readonly volumes: Found<string>[];
  readonly labels: Found<ImageLabel>[];
  readonly healthcheck?: Found<Healthcheck>;
  readonly stopSignal?: Found<string>;
  /** Every COPY and ADD, in order. */
  readonly files: Found<RuntimeFile>[];
  /** The file of `files` that is the service binary. */
  readonly binary?: Found<BinaryFile>;
  /** RUN, ARG, SHELL, ONBUILD, ... and settings a later one overrides: verbatim. */
  readonly other: Found<string>[];
}

/** Where a Go binary was built into: the outputs of each stage's `go build` commands. */
export type BuildOutputs = ReadonlyMap<number, readonly string[]>;

const PATH_DIRS = new Set(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
// Directories every base image has, so `COPY x /bin` copies into them.
const SYSTEM_DIRS = new Set([...PATH_DIRS, "/", "/etc", "/opt", "/tmp", "/root", "/usr/share", "/var/lib"]);
const OUTPUT_DIRS = new Set([".build", "bin", "dist", "out", "_output"]);
const NOT_BINARY = /\.(sh|bash|py|rb|pl|js|ya?ml|json|toml|conf|cfg|ini|crt|pem|key|txt|md|html|css|tmpl|tpl|sql|env|xml|properties|lua|so|a)$/i;
const INIT_WRAPPERS = new Set(["tini", "tini-static", "dumb-init", "catatonit"]);

interface PendingCopy {
  readonly at: SourceLocation;
  readonly file: CopiedFile;
  readonly origin:
    | { readonly kind: "context" | "remote" }
    | { readonly kind: "heredoc"; readonly content: string }
    | { readonly kind: "fromImage"; readonly image: string }
    | { readonly kind: "fromStage"; readonly stage: string; readonly index: number };
  readonly resolvedSources: string[];
}

export function readRuntimeStage(
  ast: DockerfileAst,
  stage: Stage,
  outputs: BuildOutputs,
  notes: Found<string>[],
): RuntimeStage {
  const at = (line: number): SourceLocation => ({ file: ast.file, line });
  const note = (line: number, text: string) => notes.push({ value: text, at: at(line) });
  const chain = stageChain(ast, stage);
  const base = baseOf(ast, chain[0]);
  const family = imageFamily(base.value);
  if (family === "unknown") note(base.at.line, `${base.value.written}: the base image depends on ${base.value.unresolved.join(", ")}, which has no default`);
  const release = debianRelease(base.value);

  const expose: Found<ExposedPort>[] = [];
  const env: Found<EnvSetting>[] = [];
  const volumes: Found<string>[] = [];
  const labels: Found<ImageLabel>[] = [];
  const other: Found<string>[] = [];
  const copies: PendingCopy[] = [];
  const dirs = new Set<string>();
  // Settings where the last one counts; an overridden one goes to `other`.
  const last: {
    user?: Found<string>;
    entrypoint?: Found<ImageCommand>;
    cmd?: Found<ImageCommand> & { stage: Stage };
    healthcheck?: Found<Healthcheck>;
    stopSignal?: Found<string>;
    workdir?: Found<string>;
  } = {};
  const override = <K extends "user" | "entrypoint" | "healthcheck" | "stopSignal">(key: K, value: NonNullable<(typeof last)[K]>) => {
    const previous = last[key];
    if (previous) other.push({ value: sourceAt(ast, previous.at.line), at: previous.at });
    last[key] = value;
  };

  for (const s of chain) {
    for (const instruction of s.instructions) {
      const here = at(instruction.line);
      const resolve = (text: string) => substituteAt(ast, instruction, text);
      switch (instruction.keyword) {
        case "ENV":
          for (const kv of keyValues(instruction, ast.escape)) env.push({ value: { name: kv.key, value: kv.value ?? "" }, at: at(kv.line) });
          break;
        case "LABEL":
          for (const kv of keyValues(instruction, ast.escape)) labels.push({ value: { key: kv.key, value: kv.value ?? "" }, at: at(kv.line) });
          break;
        case "EXPOSE":
          for (const word of splitWords(instruction.args, ast.escape)) {
            const line = lineAt(instruction, word.offset);
            const text = resolve(word.value).text;
            const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(text);
            if (m) expose.push({ value: { port: Number(m[1]), protocol: (m[2]?.toLowerCase() ?? "tcp") as ExposedPort["protocol"] }, at: at(line) });
            else note(line, `EXPOSE ${word.value}: not a single port known here`);
          }
          break;
        case "VOLUME":
          for (const v of instruction.json ?? splitWords(instruction.args, ast.escape).map((w) => w.value)) volumes.push({ value: v, at: here });
          break;
        case "USER":
          override("user", { value: instruction.args, at: here });
          break;
        case "WORKDIR": {
          const dir = posix.resolve(last.workdir?.value ?? "/", resolve(instruction.args).text);
          dirs.add(dir);
          last.workdir = { value: dir, at: here };
          break;
        }
        case "ENTRYPOINT": {
          // An ENTRYPOINT resets the CMD an image inherits; a CMD of the same stage stays.
          if (last.cmd && last.cmd.stage !== s) {
            note(last.cmd.at.line, `the ENTRYPOINT at line ${instruction.line} resets this inherited CMD`);
            last.cmd = undefined;
          }
          override("entrypoint", { value: command(instruction), at: here });
          break;
        }
        case "CMD":
          if (last.cmd) other.push({ value: sourceAt(ast, last.cmd.at.line), at: last.cmd.at });
          last.cmd = { value: command(instruction), at: here, stage: s };
          break;
        case "HEALTHCHECK":
          override("healthcheck", { value: healthcheck(instruction, (t) => note(instruction.line, t)), at: here });
          break;
        case "STOPSIGNAL":
          override("stopSignal", { value: instruction.args, at: here });
          break;
        case "COPY":
        case "ADD":
          copies.push(readCopy(ast, s, instruction, last.workdir?.value ?? "/", dirs));
          break;
        default:
          other.push({ value: instruction.source, at: here });
      }
    }
  }

  const cmd = last.cmd && { value: last.cmd.value, at: last.cmd.at };
  const files = classify(copies, outputs, runner(last.entrypoint, cmd), last.workdir?.value ?? "/", note);
  const binary = files.find((f): f is Found<BinaryFile> => f.value.kind === "binary" && f.value.service);
  return {
    index: stage.index,
    ...(stage.name !== undefined && { name: stage.name }),
    base,
    family,
    ...(release && { debianRelease: release }),
    nonrootTag: isNonrootTag(base.value),
    expose,
    env,
    ...(last.user && { user: last.user }),
    ...(last.entrypoint && { entrypoint: last.entrypoint }),
    ...(cmd && { cmd }),
    ...(last.workdir && { workdir: last.workdir }),
    volumes,
    labels,
    ...(last.healthcheck && { healthcheck: last.healthcheck }),
    ...(last.stopSignal && { stopSignal: last.stopSignal }),
    files,
    ...(binary && { binary }),
    other: other.sort((x, y) => x.at.line - y.at.line),
  };
}

function sourceAt(ast: DockerfileAst, line: number): string {
  return ast.instructions.find((i) => i.line === line)?.source ?? "";
}

function command(instruction: Instruction): ImageCommand {
  return instruction.json ? { form: "exec", args: instruction.json } : { form: "shell", args: [instruction.args] };
}

function healthcheck(instruction: Instruction, note: (text: string) => void): Healthcheck {
  if (/^none$/i.test(instruction.args)) return { none: true };
  const flag = (name: string) => instruction.flags.find((f) => f.name === name)?.value;
  const body = instruction.args.replace(/^cmd\s+/i, "");
  const exec = body.startsWith("[") ? jsonArray(body) : undefined;
  const retries = flag("retries");
  if (retries !== undefined && !/^\d+$/.test(retries)) note(`HEALTHCHECK --retries=${retries}: not a number`);
  const settings = {
    interval: flag("interval"),
    timeout: flag("timeout"),
    startPeriod: flag("start-period"),
    startInterval: flag("start-interval"),
    retries: retries !== undefined && /^\d+$/.test(retries) ? Number(retries) : undefined,
  };
  const defined = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  return exec ? { form: "exec", test: exec, ...defined } : { form: "shell", test: body, ...defined };
}

function jsonArray(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((a) => typeof a === "string") ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function readCopy(ast: DockerfileAst, stage: Stage, instruction: Instruction, workdir: string, dirs: Set<string>): PendingCopy {
  const flag = (name: string) => instruction.flags.find((f) => f.name === name)?.value;
  const words = instruction.json ?? splitWords(instruction.args, ast.escape).map((w) => w.value);
  const sources = words.slice(0, -1);
  const destination = words[words.length - 1] ?? "";
  const resolve = (text: string) => substituteAt(ast, instruction, text).text;
  const resolvedSources = sources.map(resolve);
  const dest = resolve(destination);
  const destAbs = posix.resolve(workdir, dest);
  const intoDir =
    /(^|\/)\.?$/.test(dest) || sources.length > 1 || SYSTEM_DIRS.has(destAbs) || dirs.has(destAbs);
  const installedAt = resolvedSources.map((s) =>
    intoDir && !/(^|\/)\.?$/.test(s) ? posix.join(destAbs, posix.basename(s)) : destAbs,
  );
  const chown = flag("chown");
  const chmod = flag("chmod");
  const file: CopiedFile = {
    instruction: instruction.keyword as "COPY" | "ADD",
    sources,
    destination,
    installedAt,
    ...(chown !== undefined && { chown }),
    ...(chmod !== undefined && { chmod }),
  };
  const at = { file: ast.file, line: instruction.line };
  const from = flag("from");
  const heredoc = sources.map((s) => /^<<-?["']?([A-Za-z_]\w*)/.exec(s)?.[1]).find((n) => n !== undefined);
  if (heredoc !== undefined) {
    const content = instruction.heredocs.find((h) => h.name === heredoc)?.body ?? "";
    return { at, file, origin: { kind: "heredoc", content }, resolvedSources };
  }
  if (from !== undefined) {
    const ref = resolve(from);
    const source = /^\d+$/.test(ref)
      ? ast.stages[Number(ref)]
      : ast.stages.find((s) => s.index < stage.index && s.name?.toLowerCase() === ref.toLowerCase());
    return {
      at,
      file,
      origin: source ? { kind: "fromStage", stage: from, index: source.index } : { kind: "fromImage", image: ref },
      resolvedSources,
    };
  }
  const remote = instruction.keyword === "ADD" && resolvedSources.some((s) => /^([a-z]+:\/\/|git@)/.test(s));
  return { at, file, origin: { kind: remote ? "remote" : "context" }, resolvedSources };
}

/** The program an image starts: ENTRYPOINT's (an init wrapper skipped), else CMD's. */
function runner(
  entrypoint: Found<ImageCommand> | undefined,
  cmd: Found<ImageCommand> | undefined,
): { readonly program: string; readonly by: "entrypoint" | "cmd" } | undefined {
  const by = entrypoint ? "entrypoint" : cmd ? "cmd" : undefined;
  const c = (entrypoint ?? cmd)?.value;
  if (!c || !by) return undefined;
  let args = c.form === "exec" ? c.args : splitWords(c.args[0] ?? "").map((w) => w.value);
  if (args[0] === "exec") args = args.slice(1);
  if (args[0] !== undefined && INIT_WRAPPERS.has(posix.basename(args[0]))) {
    const dashes = args.indexOf("--");
    args = dashes >= 0 ? args.slice(dashes + 1) : args.slice(1).filter((a) => !a.startsWith("-"));
  }
  return args[0] !== undefined ? { program: args[0], by } : undefined;
}

/** Whether `program` (as ENTRYPOINT/CMD names it) is the file installed at `installed` (which may be a glob). */
function runsFile(installed: string, program: string, workdir: string): string | undefined {
  const matches = (path: string) => globPattern(installed).test(path);
  if (program.includes("/")) {
    const path = posix.resolve(workdir, program);
    return matches(path) ? path : undefined;
  }
  // A bare name is looked up on PATH.
  if (!PATH_DIRS.has(posix.dirname(installed))) return undefined;
  const path = posix.join(posix.dirname(installed), program);
  return matches(path) ? path : undefined;
}

function globPattern(path: string): RegExp {
  const pattern = path.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${pattern}$`);
}

/** `${X}` and `$X` written either way compare equal; so do `/a/./b` and `/a/b`. */
function samePath(a: string, b: string): boolean {
  const norm = (p: string) => posix.normalize(p.replace(/\$\{([A-Za-z_]\w*)\}/g, "$$$1"));
  return globPattern(norm(a)).test(norm(b)) || norm(a) === norm(b);
}

function classify(
  copies: PendingCopy[],
  outputs: BuildOutputs,
  run: ReturnType<typeof runner>,
  workdir: string,
  note: (line: number, text: string) => void,
): Found<RuntimeFile>[] {
  interface Candidate {
    readonly index: number;
    readonly source: number;
    readonly evidence: BinaryEvidence[];
    readonly path: string;
  }
  const candidates: Candidate[] = [];
  const runBy: (CopiedFile["runBy"] | undefined)[] = copies.map(() => undefined);
  copies.forEach((copy, index) => {
    if (copy.origin.kind === "heredoc" || copy.origin.kind === "remote" || copy.origin.kind === "fromImage") return;
    copy.resolvedSources.forEach((source, s) => {
      const installed = copy.file.installedAt[s];
      const ran = run ? runsFile(installed, run.program, workdir) : undefined;
      if (ran && run) runBy[index] = run.by;
      if (/(^|\/)\.?$/.test(source) || NOT_BINARY.test(source)) return;
      const evidence: BinaryEvidence[] = [];
      const origin = copy.origin;
      if (origin.kind === "fromStage" && (outputs.get(origin.index) ?? []).some((o) => samePath(source, o))) {
        evidence.push("go-build-output");
      }
      if (posix.dirname(source).split("/").some((segment) => OUTPUT_DIRS.has(segment))) evidence.push("build-output-dir");
      if (ran) evidence.push("run-by-image");
      if (evidence.length > 0) candidates.push({ index, source: s, evidence, path: ran ?? installed });
    });
  });

  const service = candidates.find((c) => c.evidence.includes("run-by-image")) ?? candidates[0];
  if (run && service && !service.evidence.includes("run-by-image")) {
    note(copies[service.index].at.line, `the image runs ${run.program}, not a copied binary; ${service.path} is taken for the service binary`);
  }
  if (!service && copies.length > 0) note(copies[0].at.line, "no COPY is recognisably the service binary");

  return copies.map((copy, index) => {
    const file = { ...copy.file, ...(runBy[index] && { runBy: runBy[index] }) };
    const binary = candidates.find((c) => c.index === index);
    if (binary) {
      const fromStage = copy.origin.kind === "fromStage" ? copy.origin.stage : undefined;
      const value: BinaryFile = {
        ...file,
        kind: "binary",
        service: binary === service,
        path: binary.path,
        name: posix.basename(binary.path),
        ...(fromStage !== undefined && { fromStage }),
        evidence: binary.evidence,
      };
      return { value, at: copy.at };
    }
    const origin = copy.origin;
    const value: RuntimeFile =
      origin.kind === "fromStage" ? { ...file, kind: "fromStage", stage: origin.stage }
      : origin.kind === "fromImage" ? { ...file, kind: "fromImage", image: origin.image }
      : origin.kind === "heredoc" ? { ...file, kind: "heredoc", content: origin.content }
      : { ...file, kind: origin.kind };
    return { value, at: copy.at };
  });
}
