import { splitWords, type Word } from "./shell-words";

/** A parser directive at the top of the file: `# syntax=docker/dockerfile:1`, `# escape=\``, `# check=...`. */
export interface DockerfileDirective {
  readonly name: "syntax" | "escape" | "check";
  readonly value: string;
  readonly line: number;
}

/** `--name=value` (or a bare `--name`) before an instruction's arguments. */
export interface InstructionFlag {
  readonly name: string;
  readonly value?: string;
}

/** A here-document (`RUN <<EOF`, `COPY <<EOF /dest`): its body as the builder sees it. */
export interface Heredoc {
  readonly name: string;
  readonly body: string;
  /** The line of the body's first line. */
  readonly line: number;
  /** `<<-EOF`: leading tabs removed. */
  readonly stripTabs: boolean;
  /** `<<"EOF"`: the body is not expanded. */
  readonly quoted: boolean;
}

export interface Instruction {
  /** Upper-cased: "FROM", "RUN", ... */
  readonly keyword: string;
  readonly line: number;
  readonly endLine: number;
  /** The instruction's lines exactly as written (heredoc bodies included). */
  readonly source: string;
  /** Flags, parsed only where Docker takes them (FROM, RUN, COPY, ADD, HEALTHCHECK). */
  readonly flags: InstructionFlag[];
  /** The text after the keyword and flags, continued lines joined, trimmed. */
  readonly args: string;
  /** The exec (JSON array) form, when args is one. */
  readonly json?: string[];
  readonly heredocs: Heredoc[];
  /** Where each physical line starts within args, to turn an offset into a line. */
  readonly argLines: readonly { readonly offset: number; readonly line: number }[];
}

export interface Stage {
  readonly index: number;
  /** `AS name`, as written. */
  readonly name?: string;
  /** The image (or earlier stage) after FROM, as written. */
  readonly base: string;
  readonly from: Instruction;
  /** The instructions after FROM, up to the next FROM. */
  readonly instructions: Instruction[];
}

export interface DockerfileAst {
  readonly file: string;
  readonly directives: DockerfileDirective[];
  readonly escape: string;
  /** Every instruction in order, global ARGs and FROMs included. */
  readonly instructions: Instruction[];
  /** The ARGs before the first FROM: only these can be used in FROM lines. */
  readonly globalArgs: Instruction[];
  readonly stages: Stage[];
}

const FLAGGED = new Set(["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]);
const HEREDOC_KEYWORDS = new Set(["RUN", "COPY", "ADD"]);
const DIRECTIVE = /^#\s*(syntax|escape|check)\s*=\s*(.*?)\s*$/i;

export function parseDockerfile(text: string, file: string): DockerfileAst {
  const lines = text.split(/\r?\n/);
  const directives: DockerfileDirective[] = [];
  let escape = "\\";
  let i = 0;
  // Directives are only read before anything else, a blank line or a plain comment included.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (!m) break;
    const name = m[1].toLowerCase() as DockerfileDirective["name"];
    if (directives.some((d) => d.name === name)) break;
    directives.push({ name, value: m[2], line: i + 1 });
    if (name === "escape" && (m[2] === "`" || m[2] === "\\")) escape = m[2];
  }
  const continuation = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
  const isSkipped = (line: string) => line.trim() === "" || line.trimStart().startsWith("#");

  const instructions: Instruction[] = [];
  while (i < lines.length) {
    if (isSkipped(lines[i])) {
      i++;
      continue;
    }
    const first = i;
    let joined = "";
    const starts: { offset: number; line: number }[] = [];
    for (;;) {
      const line = lines[i];
      const continued = continuation.test(line);
      starts.push({ offset: joined.length, line: i + 1 });
      joined += continued ? line.replace(continuation, "") : line;
      i++;
      if (!continued) break;
      // Comment and blank lines inside a continued instruction are not part of it.
      while (i < lines.length && isSkipped(lines[i])) i++;
      if (i >= lines.length) break;
    }
    const instruction = readInstruction(joined, starts, escape);
    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(instruction.keyword) && instruction.json === undefined) {
      for (const marker of heredocMarkers(instruction.args)) {
        const body: string[] = [];
        const bodyLine = i + 1;
        while (i < lines.length) {
          const line = marker.stripTabs ? lines[i].replace(/^\t+/, "") : lines[i];
          i++;
          if (line === marker.name) break;
          body.push(line);
        }
        heredocs.push({ ...marker, body: body.map((l) => `${l}\n`).join(""), line: bodyLine });
      }
    }
    instructions.push({
      ...instruction,
      line: first + 1,
      endLine: i,
      source: lines.slice(first, i).join("\n"),
      heredocs,
    });
  }
  return { file, directives, escape, instructions, ...stagesOf(instructions) };
}

/** The line of a position within an instruction's args. */
export function lineAt(instruction: Instruction, offset: number): number {
  let line = instruction.line;
  for (const start of instruction.argLines) if (start.offset <= offset) line = start.line;
  return line;
}

/** ENV, LABEL and ARG pairs: `K=V K2="v 2"`, the legacy `ENV K some value`, and a bare `ARG NAME`. */
export interface KeyValue {
  readonly key: string;
  readonly value?: string;
  readonly line: number;
}

export function keyValues(instruction: Instruction, escape: string): KeyValue[] {
  const words = splitWords(instruction.args, escape);
  if (words.length === 0) return [];
  const legacy = instruction.keyword !== "ARG" && !rawWord(instruction, words[0]).includes("=");
  if (legacy) {
    // `ENV NAME rest of the line`: the value is everything after the first space.
    const rest = instruction.args.slice(rawWord(instruction, words[0]).length).trim();
    const value = splitWords(rest, escape).map((w) => w.value).join(" ");
    return [{ key: words[0].value, value, line: lineAt(instruction, words[0].offset) }];
  }
  return words.map((w) => {
    const line = lineAt(instruction, w.offset);
    const eq = w.value.indexOf("=");
    return eq < 0 ? { key: w.value, line } : { key: w.value.slice(0, eq), value: w.value.slice(eq + 1), line };
  });
}

/** The text of a word as written (quotes included), up to the next unquoted blank. */
function rawWord(instruction: Instruction, word: Word): string {
  const m = /^(?:[^\s"']|"[^"]*"|'[^']*')*/.exec(instruction.args.slice(word.offset));
  return m ? m[0] : "";
}

function readInstruction(
  joined: string,
  starts: { offset: number; line: number }[],
  escape: string,
): Pick<Instruction, "keyword" | "flags" | "args" | "json" | "argLines"> {
  const keywordMatch = /^\s*(\S+)\s*/.exec(joined);
  const keyword = keywordMatch ? keywordMatch[1].toUpperCase() : "";
  let rest = keywordMatch ? keywordMatch[0].length : 0;
  const flags: InstructionFlag[] = [];
  if (FLAGGED.has(keyword)) {
    const flagPattern = /^--([A-Za-z][A-Za-z0-9-]*)(?:=("[^"]*"|'[^']*'|\S*))?\s*/;
    let m: RegExpExecArray | null;
    while ((m = flagPattern.exec(joined.slice(rest)))) {
      const raw = m[2];
      flags.push(raw === undefined ? { name: m[1] } : { name: m[1], value: unquoteFlag(raw, escape) });
      rest += m[0].length;
    }
  }
  const args = joined.slice(rest).trimEnd();
  // Lines that start before args get negative offsets: lineAt still finds the right one.
  const argLines = starts.map((s) => ({ offset: s.offset - rest, line: s.line }));
  return { keyword, flags, args, json: execForm(args), argLines };
}

function unquoteFlag(raw: string, escape: string): string {
  return /^["']/.test(raw) ? splitWords(raw, escape).map((w) => w.value).join(" ") : raw;
}

/** `["a", "b"]`: Docker reads it as the exec form only when it is a JSON array of strings. */
function execForm(args: string): string[] | undefined {
  if (!args.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((a) => typeof a === "string")) return parsed as string[];
  } catch {
    // Not JSON: Docker falls back to the shell form.
  }
  return undefined;
}

function heredocMarkers(args: string): Omit<Heredoc, "body" | "line">[] {
  const markers: Omit<Heredoc, "body" | "line">[] = [];
  // Skip quoted text, so `echo "<<x"` is not a heredoc.
  const pattern = /'[^']*'|"(?:[^"\\]|\\.)*"|<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(args))) {
    if (m[3] !== undefined && args[m.index - 1] !== "<") {
      markers.push({ name: m[3], stripTabs: m[1] === "-", quoted: m[2] !== "" });
    }
  }
  return markers;
}

function stagesOf(instructions: Instruction[]): Pick<DockerfileAst, "globalArgs" | "stages"> {
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const words = instruction.args.split(/\s+/).filter((w) => w !== "");
      const as = words.findIndex((w) => w.toUpperCase() === "AS");
      stages.push({
        index: stages.length,
        name: as >= 0 ? words[as + 1] : undefined,
        base: words[0] ?? "",
        from: instruction,
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (instruction.keyword === "ARG") globalArgs.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
