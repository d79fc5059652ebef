// What a Makefile passes to the Go linker and to `go build`: -X symbol=value, -trimpath, -buildmode,
// -mod, -tags. References to the file's variables are expanded one level; what stays a reference
// (a function such as $(shell ...), a variable the file does not set, a shell variable) is kept as written.
import { referenceMask } from "./makefile-lines";

/** The file's variables by name: their value as written, or why it has none known here. */
export type VariableValues = ReadonlyMap<string, { value: string } | { unknown: string }>;

interface Reference {
  readonly start: number;
  readonly end: number;
  /** The name of a plain variable reference; undefined for a function call, substitution or $$. */
  readonly name?: string;
  readonly text: string;
}

/** The references in text: $(NAME), ${NAME}, $X, function calls, and $$ (the shell's dollar). */
function references(text: string): Reference[] {
  const found: Reference[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "$" || i + 1 >= text.length) continue;
    const next = text[i + 1]!;
    if (next === "$") {
      const shellName = /^[A-Za-z_][A-Za-z0-9_]*|^\{[^}]*\}|^\([^)]*\)/.exec(text.slice(i + 2));
      const end = i + 2 + (shellName ? shellName[0].length : 0);
      found.push({ start: i, end, text: text.slice(i, end) });
      i = end - 1;
    } else if (next === "(" || next === "{") {
      const close = next === "(" ? ")" : "}";
      let depth = 0;
      let end = i + 1;
      for (; end < text.length; end++) {
        if (text[end] === next) depth++;
        else if (text[end] === close && --depth === 0) break;
      }
      const inner = text.slice(i + 2, end);
      found.push({ start: i, end: end + 1, text: text.slice(i, end + 1), name: /^[A-Za-z0-9_.-]+$/.test(inner) ? inner : undefined });
      i = end;
    } else {
      found.push({ start: i, end: i + 2, text: text.slice(i, i + 2), name: /[A-Za-z0-9_]/.test(next) ? next : undefined });
      i++;
    }
  }
  return found;
}

/** text with each reference to a variable of the file replaced by that variable's value as written. */
export function expandOnce(text: string, values: VariableValues): string {
  let result = "";
  let last = 0;
  for (const ref of references(text)) {
    const known = ref.name === undefined ? undefined : values.get(ref.name);
    if (!known || !("value" in known)) continue;
    result += text.slice(last, ref.start) + known.value;
    last = ref.end;
  }
  return result + text.slice(last);
}

/** Why each reference left in (expanded) text has no value here. */
export function unresolved(text: string, values: VariableValues): string[] {
  return references(text).map((ref) => {
    if (ref.text.startsWith("$$")) return `${ref.text} is a shell variable, set when the recipe runs`;
    if (ref.name === undefined) {
      return /^\$[@<^+?*%|]/.test(ref.text) ? `${ref.text} is one of make's automatic variables` : `${ref.text} is computed by make when it runs`;
    }
    const known = values.get(ref.name);
    if (!known) return `${ref.text} is not set in this file (the environment, the command line or an included file sets it)`;
    if ("unknown" in known) return `${ref.text} ${known.unknown}`;
    return `${ref.text} refers to another variable: references are expanded one level only`;
  });
}

/** A -X flag of the Go linker, as written in text. */
export interface XFlagWritten {
  readonly symbol: string;
  readonly value: string;
  /** The flag as written ("-X 'main.version=$(VERSION)'"). */
  readonly written: string;
  readonly offset: number;
}

/**
 * The -X symbol=value flags in text (a variable's value or a recipe), wherever they sit: in an
 * -ldflags="..." string, in single or escaped quotes, after -ldflags=. Other -X options (curl -X POST)
 * have no symbol=value and are not taken.
 */
export function findXFlags(text: string): XFlagWritten[] {
  const mask = referenceMask(text);
  const flags: XFlagWritten[] = [];
  for (const match of text.matchAll(/(?<![\w-])-X(?=[\s=]|\\?["'])/g)) {
    if (mask[match.index]) continue;
    let i = match.index + 2;
    if (text[i] === "=") i++;
    while (i < text.length && /[\s\\]/.test(text[i]!) && !/\\["']/.test(text.slice(i, i + 2))) i++;
    const token = readToken(text, i, mask);
    const eq = token.value.indexOf("=");
    if (eq <= 0) continue;
    const symbol = token.value.slice(0, eq);
    if (!/^[^\s=]+$/.test(symbol) || !(symbol.includes(".") || symbol.includes("$"))) continue;
    flags.push({ symbol, value: unquote(token.value.slice(eq + 1)), written: text.slice(match.index, token.end), offset: match.index });
  }
  return flags;
}

/**
 * The argument that starts at i: a quoted string ('...', "...", \"...\") or a run of characters up
 * to whitespace or a quote that closes the string around it. Whitespace inside $(...) does not end it.
 */
function readToken(text: string, i: number, mask: boolean[]): { value: string; end: number } {
  const quote = /^(\\?["'])/.exec(text.slice(i))?.[1];
  if (quote) {
    const close = text.indexOf(quote, i + quote.length);
    const end = close < 0 ? text.length : close;
    return { value: text.slice(i + quote.length, end), end: close < 0 ? end : end + quote.length };
  }
  let end = i;
  while (end < text.length) {
    const c = text[end]!;
    if (!mask[end]) {
      if (/\s/.test(c)) break;
      // A quote right after "=" opens the value (-X main.v="1.0"); any other ends the enclosing string.
      if (c === '"' || c === "'" || (c === "\\" && /["']/.test(text[end + 1] ?? ""))) {
        if (text[end - 1] !== "=") break;
        const q = c === "\\" ? text.slice(end, end + 2) : c;
        const close = text.indexOf(q, end + q.length);
        end = close < 0 ? text.length : close + q.length;
        continue;
      }
    }
    end++;
  }
  return { value: text.slice(i, end), end };
}

function unquote(value: string): string {
  const quoted = /^(\\?["'])(.*)\1$/s.exec(value);
  return quoted ? quoted[2]! : value;
}

/** A `go build` flag the generated build must keep. */
export interface GoFlagWritten {
  readonly flag: "-trimpath" | "-buildmode" | "-mod" | "-tags";
  readonly value?: string;
  readonly offset: number;
}

/**
 * The flags of each `go build` in text. `go` may be written as a reference (`$(GO) build`) whose
 * value is go; a flag may come from a variable (`go build $(BUILD_FLAGS)`), or from GOFLAGS set
 * in front of the command: each reference is expanded one level where it is written.
 */
export function findGoBuildFlags(text: string, values: VariableValues): GoFlagWritten[] {
  const flags: GoFlagWritten[] = [];
  for (const match of text.matchAll(/(?<![\w./-])(go|\$\([A-Za-z0-9_]+\)|\$\{[A-Za-z0-9_]+\})[ \t]+build(?![\w-])/g)) {
    if (match[1] !== "go" && !/(^|\/)go$/.test(expandOnce(match[1]!, values).trim())) continue;
    const before = text.slice(0, match.index);
    const env = /(?:^|\s)GOFLAGS=("[^"]*"|'[^']*'|\S+)\s+(?:[A-Z_][A-Z0-9_]*=\S*\s+)*$/.exec(before);
    if (env) flags.push(...goFlagsIn(env[1]!.replace(/^(["'])(.*)\1$/, "$2"), values).map((f) => ({ ...f, offset: match.index })));
    const start = match.index + match[0].length;
    const rest = text.slice(start);
    const stop = /\s(?:&&|\|\|?)\s|;|\n(?<!\\\n)/.exec(rest);
    const tokens = shellWords(rest.slice(0, stop ? stop.index : rest.length), start).flatMap((token) =>
      /^\$[({][A-Za-z0-9_]+[)}]$/.test(token.value)
        ? shellWords(expandOnce(token.value, values), 0).map((t) => ({ value: t.value, offset: token.offset, expanded: true }))
        : [token],
    );
    flags.push(...flagsOf(tokens, values));
  }
  return flags;
}

/** The go build flags in a GOFLAGS value. */
export function goFlagsIn(value: string, values: VariableValues): GoFlagWritten[] {
  return flagsOf(shellWords(expandOnce(value, values), 0).map((t) => ({ ...t, expanded: true })), values);
}

interface Word {
  readonly value: string;
  readonly offset: number;
  /** Read from a variable's value: its references were expanded already. */
  readonly expanded?: boolean;
}

function flagsOf(tokens: Word[], values: VariableValues): GoFlagWritten[] {
  const flags: GoFlagWritten[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { value, offset } = tokens[i]!;
    const flag = /^--?(trimpath|buildmode|mod|tags)(?:=(.*))?$/s.exec(value);
    if (!flag) continue;
    const name = `-${flag[1]}` as GoFlagWritten["flag"];
    if (name === "-trimpath") {
      if (flag[2] !== "false") flags.push({ flag: name, offset });
      continue;
    }
    const argument = flag[2] !== undefined ? tokens[i] : tokens[++i];
    if (!argument) continue;
    const text = flag[2] ?? argument.value;
    flags.push({ flag: name, value: argument.expanded ? text : expandOnce(text, values), offset });
  }
  return flags;
}

/** Shell words (quotes removed, backslash-newlines as spaces), each with its offset in the original text. */
function shellWords(text: string, base: number): Word[] {
  const mask = referenceMask(text);
  const result: { value: string; offset: number }[] = [];
  let current: { value: string; offset: number } | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote && !mask[i]) quote = undefined;
      else current!.value += c;
      continue;
    }
    if (!mask[i] && (/\s/.test(c) || (c === "\\" && text[i + 1] === "\n"))) {
      if (current) result.push(current);
      current = undefined;
      continue;
    }
    current ??= { value: "", offset: base + i };
    if (!mask[i] && (c === '"' || c === "'")) quote = c;
    else current.value += c;
  }
  if (current) result.push(current);
  return result;
}
