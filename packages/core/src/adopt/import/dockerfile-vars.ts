import { keyValues, type DockerfileAst, type Instruction, type Stage } from "./dockerfile-parser";

/** An ARG or ENV in scope. `value` is undefined when it has no default or depends on one that is unknown. */
export interface Variable {
  readonly name: string;
  readonly value?: string;
  readonly kind: "ARG" | "ENV";
  readonly line: number;
}

export type Variables = ReadonlyMap<string, Variable>;

export interface Substituted {
  /** The text with every known variable replaced; unknown ones are left as written. */
  readonly text: string;
  /** Names that could not be replaced. */
  readonly unresolved: string[];
  /** The variables that were replaced, to cite where a value came from. */
  readonly used: Variable[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Docker's `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alternative}` (and the forms without ":"). */
export function substitute(text: string, vars: Variables, escape = "\\"): Substituted {
  const unresolved: string[] = [];
  const used: Variable[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === escape && text[i + 1] === "$") {
      out += "$";
      i += 2;
    } else if (c === "$" && text[i + 1] === "{") {
      const end = closingBrace(text, i + 1);
      const inner = text.slice(i + 2, end - 1);
      out += expandBraced(inner, text.slice(i, end), vars, escape, unresolved, used);
      i = end;
    } else if (c === "$" && NAME.test(text.slice(i + 1))) {
      const name = NAME.exec(text.slice(i + 1))![0];
      const v = vars.get(name);
      if (v?.value !== undefined) {
        out += v.value;
        used.push(v);
      } else {
        out += `$${name}`;
        unresolved.push(name);
      }
      i += 1 + name.length;
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, unresolved, used };
}

function expandBraced(
  inner: string,
  written: string,
  vars: Variables,
  escape: string,
  unresolved: string[],
  used: Variable[],
): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/.exec(inner);
  if (!m) {
    // ${VAR#pattern} and the like: not evaluated here.
    unresolved.push(inner);
    return written;
  }
  const [, name, op, word = ""] = m;
  const v = vars.get(name);
  const known = v?.value !== undefined;
  const value = v?.value ?? "";
  if (known) used.push(v!);
  const expandWord = () => {
    const sub = substitute(word, vars, escape);
    unresolved.push(...sub.unresolved);
    used.push(...sub.used);
    return sub.text;
  };
  switch (op) {
    case undefined:
      if (known) return value;
      unresolved.push(name);
      return written;
    case ":-":
      return known && value !== "" ? value : expandWord();
    case "-":
      return known ? value : expandWord();
    default: // ":+" and "+": the alternative applies only when the variable is set, which must be known.
      if (!known) {
        unresolved.push(name);
        return written;
      }
      return op === "+" || value !== "" ? expandWord() : "";
  }
}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The variables an instruction sees: global ARGs for FROM lines; the stage's ARGs and ENVs before it. */
export function variablesAt(ast: DockerfileAst, instruction: Instruction): Variables {
  return scopes(ast).get(instruction) ?? new Map();
}

/** substitute() with the variables known at an instruction. */
export function substituteAt(ast: DockerfileAst, instruction: Instruction, text: string): Substituted {
  return substitute(text, variablesAt(ast, instruction), ast.escape);
}

/** The earlier stage a stage is built FROM, if its base names one. */
export function parentStage(ast: DockerfileAst, stage: Stage): Stage | undefined {
  const base = substituteAt(ast, stage.from, stage.base).text.toLowerCase();
  return ast.stages.find((s) => s.index < stage.index && s.name?.toLowerCase() === base);
}

/** The stages an image is made of, its root first. */
export function stageChain(ast: DockerfileAst, stage: Stage): Stage[] {
  const chain = [stage];
  for (let parent = parentStage(ast, stage); parent; parent = parentStage(ast, parent)) chain.unshift(parent);
  return chain;
}

/** The variables at the end of a stage (what its last instruction leaves). */
export function variablesAfter(ast: DockerfileAst, stage: Stage): Variables {
  scopes(ast);
  return stageEnds.get(ast)?.get(stage) ?? new Map();
}

const cache = new WeakMap<DockerfileAst, Map<Instruction, Variables>>();
const stageEnds = new WeakMap<DockerfileAst, Map<Stage, Variables>>();

function scopes(ast: DockerfileAst): Map<Instruction, Variables> {
  const cached = cache.get(ast);
  if (cached) return cached;
  const result = new Map<Instruction, Variables>();
  cache.set(ast, result);
  const finalEnv = new Map<Stage, Map<string, Variable>>();
  stageEnds.set(ast, finalEnv);

  const global = new Map<string, Variable>();
  for (const arg of ast.globalArgs) {
    result.set(arg, new Map(global));
    declareArgs(ast, arg, global, global);
  }
  for (const stage of ast.stages) {
    result.set(stage.from, global);
    const parent = parentStage(ast, stage);
    // A stage inherits its parent's ENV, never its ARGs.
    const scope = new Map<string, Variable>();
    for (const v of parent ? finalEnv.get(parent)!.values() : []) if (v.kind === "ENV") scope.set(v.name, v);
    for (const instruction of stage.instructions) {
      result.set(instruction, new Map(scope));
      if (instruction.keyword === "ARG") declareArgs(ast, instruction, scope, global);
      else if (instruction.keyword === "ENV") {
        const before = new Map(scope);
        for (const kv of keyValues(instruction, ast.escape)) {
          scope.set(kv.key, { name: kv.key, value: resolved(kv.value ?? "", before, ast.escape), kind: "ENV", line: kv.line });
        }
      }
    }
    finalEnv.set(stage, scope);
  }
  return result;
}

function declareArgs(
  ast: DockerfileAst,
  instruction: Instruction,
  scope: Map<string, Variable>,
  global: Map<string, Variable>,
): void {
  for (const kv of keyValues(instruction, ast.escape)) {
    // An ENV of the same name wins over the ARG.
    if (scope.get(kv.key)?.kind === "ENV") continue;
    if (kv.value !== undefined) {
      scope.set(kv.key, { name: kv.key, value: resolved(kv.value, scope, ast.escape), kind: "ARG", line: kv.line });
    } else {
      // A bare ARG inside a stage takes the global ARG's default.
      const inherited = scope === global ? undefined : global.get(kv.key);
      scope.set(kv.key, inherited ?? { name: kv.key, kind: "ARG", line: kv.line });
    }
  }
}

function resolved(text: string, vars: Variables, escape: string): string | undefined {
  const sub = substitute(text, vars, escape);
  return sub.unresolved.length === 0 ? sub.text : undefined;
}
