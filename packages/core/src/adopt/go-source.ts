import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";

// A small Go lexer: the heuristics (listeners, PORT, -X variables, healthcheck)
// look at tokens, so comments and look-alikes inside strings never match.

export type TokenKind = "ident" | "string" | "char" | "number" | "op" | ";";

export interface GoToken {
  readonly kind: TokenKind;
  /** Source text; for strings, the decoded value is in `value`. */
  readonly text: string;
  /** Decoded value of a string literal (interpreted or raw). */
  readonly value?: string;
  /** 1-based line. */
  readonly line: number;
}

const OPS = [
  "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=", "-=", "*=", "/=",
  "%=", "&=", "|=", "^=", "<<", ">>", "&^", "~",
];
// Go's automatic semicolon insertion: a line ending in an identifier, a literal,
// one of these keywords or ++ -- ) ] } ends the statement.
const KEYWORDS = new Set([
  "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto",
  "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var",
]);
/** A Go keyword (the lexer reports keywords as identifiers). */
export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word);
}
const ENDS_STATEMENT = new Set(["break", "continue", "fallthrough", "return", "++", "--", ")", "]", "}"]);

function decodeInterpreted(body: string): string {
  try {
    return JSON.parse(`"${body.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\'/g, "'")}"`) as string;
  } catch {
    return body;
  }
}

/** Tokens of Go source, with the semicolons the Go spec inserts at line ends. */
export function tokenize(src: string): GoToken[] {
  const out: GoToken[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  const push = (kind: TokenKind, text: string, at: number, value?: string) =>
    out.push(value === undefined ? { kind, text, line: at } : { kind, text, value, line: at });
  const newline = () => {
    const last = out[out.length - 1];
    if (last && last.kind !== ";") {
      const literal = last.kind === "string" || last.kind === "char" || last.kind === "number";
      const ident = last.kind === "ident" && !KEYWORDS.has(last.text);
      if (literal || ident || ENDS_STATEMENT.has(last.text)) push(";", "\n", line);
    }
    line++;
  };
  while (i < n) {
    const c = src[i];
    if (c === "\n") {
      newline();
      i++;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\uFEFF") {
      i++;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? n : end + 2;
      const lines = src.slice(i, stop).split("\n").length - 1;
      // A block comment spanning lines acts like a newline.
      if (lines > 0) {
        newline();
        line += lines - 1;
      }
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"' && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      const text = src.slice(i, Math.min(j + 1, n));
      push("string", text, line, decodeInterpreted(src.slice(i + 1, j)));
      i = j + 1;
    } else if (c === "`") {
      const end = src.indexOf("`", i + 1);
      const stop = end < 0 ? n : end;
      const body = src.slice(i + 1, stop);
      push("string", src.slice(i, stop + 1), line, body.replace(/\r/g, ""));
      line += body.split("\n").length - 1;
      i = stop + 1;
    } else if (c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== "'" && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      push("char", src.slice(i, j + 1), line);
      i = j + 1;
    } else if (/[\p{L}_]/u.test(c)) {
      const m = /^[\p{L}\p{N}_]+/u.exec(src.slice(i, i + 256));
      const text = m ? m[0] : c;
      push("ident", text, line);
      i += text.length;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^(?:[0-9.][0-9a-zA-Z_.]*(?:[eEpP][+-][0-9_]+)?)+/.exec(src.slice(i, i + 256));
      const text = m ? m[0] : c;
      push("number", text, line);
      i += text.length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i)) ?? c;
      push(op === ";" ? ";" : "op", op, line);
      i += op.length;
    }
  }
  newline();
  return out;
}

/** One import of a file: the path and the name it is used under ("" for _ and . imports). */
export interface GoImport {
  readonly path: string;
  readonly name: string;
}

export interface GoFile {
  /** Path relative to the module root, with "/". */
  readonly path: string;
  readonly packageName: string;
  readonly tokens: GoToken[];
  readonly imports: GoImport[];
}

/** The name an import path is used under by default: its last element, skipping a /vN or .vN suffix. */
export function defaultImportName(path: string): string {
  const parts = path.split("/");
  let last = parts[parts.length - 1] ?? path;
  if (/^v[0-9]+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last.replace(/\.v[0-9]+$/, "").replace(/^go-/, "").replace(/[^\p{L}\p{N}_]/gu, "_");
}

function parseImports(tokens: GoToken[]): GoImport[] {
  const imports: GoImport[] = [];
  let i = 0;
  // Imports come right after the package clause, before any other declaration.
  while (i < tokens.length && !(tokens[i].kind === "ident" && tokens[i].text === "import")) {
    if (tokens[i].kind === "ident" && ["func", "var", "const", "type"].includes(tokens[i].text)) return imports;
    i++;
  }
  const spec = (j: number): number => {
    let name: string | undefined;
    if (tokens[j]?.kind === "ident" || tokens[j]?.text === ".") name = tokens[j++].text;
    const t = tokens[j];
    if (t?.kind === "string" && t.value !== undefined) {
      imports.push({ path: t.value, name: name === "_" || name === "." ? "" : (name ?? defaultImportName(t.value)) });
      j++;
    }
    return j;
  };
  while (i < tokens.length && tokens[i].text === "import") {
    i++;
    if (tokens[i]?.text === "(") {
      i++;
      while (i < tokens.length && tokens[i].text !== ")") {
        if (tokens[i].kind === ";") i++;
        else {
          const next = spec(i);
          i = next === i ? i + 1 : next;
        }
      }
      i++;
    } else {
      i = spec(i);
    }
    while (tokens[i]?.kind === ";") i++;
  }
  return imports;
}

/** True when a //go:build (or // +build) line requires the "ignore" tag: generators run with go run, never built. */
function isIgnoredByConstraint(src: string): boolean {
  const clause = /^package\s/m.exec(src);
  const header = clause ? src.slice(0, clause.index) : src;
  for (const raw of header.split("\n")) {
    const line = raw.trim();
    const build = /^\/\/go:build\s+(.*)$/.exec(line);
    // Only a plain conjunction is decided; anything with || or ( is left to the go command.
    if (build && !/[|(]/.test(build[1]) && build[1].split("&&").map((t) => t.trim()).includes("ignore")) return true;
    const plus = /^\/\/\s*\+build\s+(\S+)\s*$/.exec(line);
    if (plus && plus[1].split(",").includes("ignore")) return true;
  }
  return false;
}

/** The package clause's name, or undefined for a file without one. */
export function packageNameOf(tokens: GoToken[]): string | undefined {
  return tokens[0]?.text === "package" && tokens[1]?.kind === "ident" ? tokens[1].text : undefined;
}

/**
 * The .go files of one package directory (relDir relative to root, "" for the root),
 * skipping what the go command skips: _test.go (unless asked), names starting with
 * "." or "_", and files constrained to the "ignore" tag.
 */
export function readPackageFiles(root: string, relDir: string, includeTests = false): GoFile[] {
  const abs = join(root, relDir);
  let names: string[];
  try {
    names = readdirSync(abs).sort();
  } catch {
    return [];
  }
  const files: GoFile[] = [];
  for (const name of names) {
    if (!name.endsWith(".go") || name.startsWith(".") || name.startsWith("_")) continue;
    if (!includeTests && name.endsWith("_test.go")) continue;
    const full = join(abs, name);
    let src: string;
    try {
      if (!statSync(full).isFile()) continue;
      src = readFileSync(full, "utf-8");
    } catch {
      continue;
    }
    if (isIgnoredByConstraint(src)) continue;
    const tokens = tokenize(src);
    const packageName = packageNameOf(tokens);
    if (!packageName) continue;
    files.push({ path: posix.join(relDir.split("\\").join("/"), name), packageName, tokens, imports: parseImports(tokens) });
  }
  return files;
}

/** "./cmd/x" or "." -> "cmd/x" or "" (a directory relative to the module root). */
export function packageDir(mainPackage: string): string {
  const p = posix.normalize(mainPackage.replace(/\\/g, "/")).replace(/\/+$/, "");
  return p === "." || p === "" ? "" : p;
}

/** The files of a package and a short label for reports. */
export interface LoadedPackage {
  /** "./cmd/x", or "." for the root. */
  readonly pkg: string;
  readonly files: GoFile[];
}

/**
 * The non-test files of mainPackage plus those of the packages it imports from
 * this module, one level deep: servers often start in internal/server.
 */
export function loadWithLocalImports(root: string, mainPackage: string, modulePath: string | undefined): LoadedPackage[] {
  const dir = packageDir(mainPackage);
  const all = readPackageFiles(root, dir);
  // A directory holds one package; stray files of another name (a broken copy) are not it.
  const main: LoadedPackage = { pkg: dir ? `./${dir}` : ".", files: all.some((f) => f.packageName === "main") ? all.filter((f) => f.packageName === "main") : all };
  const out: LoadedPackage[] = [main];
  if (!modulePath) return out;
  const seen = new Set<string>([dir]);
  for (const f of main.files) {
    for (const imp of f.imports) {
      if (imp.path !== modulePath && !imp.path.startsWith(modulePath + "/")) continue;
      const rel = imp.path.slice(modulePath.length + 1);
      if (seen.has(rel)) continue;
      seen.add(rel);
      if (!existsSync(join(root, rel))) continue;
      out.push({ pkg: rel ? `./${rel}` : ".", files: readPackageFiles(root, rel) });
    }
  }
  return out;
}

/** Local names a file uses for an import path (usually one; none if not imported). */
export function namesFor(file: GoFile, path: string): string[] {
  return file.imports.filter((i) => i.path === path && i.name !== "").map((i) => i.name);
}

/** Indexes i where tokens[i..] is `pkg . sel` for one of the names. */
export function findSelector(file: GoFile, names: string[], selectors: string[]): number[] {
  const hits: number[] = [];
  const t = file.tokens;
  for (let i = 0; i + 2 < t.length; i++) {
    if (t[i].kind === "ident" && names.includes(t[i].text) && t[i + 1].text === "." && selectors.includes(t[i + 2].text)) {
      // Not a field of something else (x.os.Getenv): the previous token is not ".".
      if (i > 0 && t[i - 1].text === ".") continue;
      hits.push(i);
    }
  }
  return hits;
}
