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

/** A line or block comment: its text without the markers, first and last line. */
export interface GoComment {
  readonly text: string;
  readonly line: number;
  readonly endLine: number;
}

/** Tokens of Go source, with the semicolons the Go spec inserts at line ends. */
export function tokenize(src: string): GoToken[] {
  return lex(src).tokens;
}

/** Tokens and comments of Go source (comments matter for "set at build time" documentation). */
export function lex(src: string): { tokens: GoToken[]; comments: GoComment[] } {
  const out: GoToken[] = [];
  const comments: GoComment[] = [];
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
      const start = i;
      while (i < n && src[i] !== "\n") i++;
      comments.push({ text: src.slice(start + 2, i).replace(/\r$/, ""), line, endLine: line });
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? n : end + 2;
      const lines = src.slice(i, stop).split("\n").length - 1;
      comments.push({ text: src.slice(i + 2, end < 0 ? n : end), line, endLine: line + lines });
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
  return { tokens: out, comments };
}

/** One import of a file: the path, the name it is used under ("" for _ and . imports) and its line. */
export interface GoImport {
  readonly path: string;
  readonly name: string;
  readonly line: number;
}

export interface GoFile {
  /** Path relative to the module root, with "/". */
  readonly path: string;
  readonly packageName: string;
  readonly tokens: GoToken[];
  readonly imports: GoImport[];
  readonly comments: GoComment[];
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
      imports.push({ path: t.value, name: name === "_" || name === "." ? "" : (name ?? defaultImportName(t.value)), line: t.line });
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

// Tags a plain `go build` never sets: "ignore" marks generators run with go run,
// "tools" marks tools.go files that only pin tool dependencies.
const NEVER_SET_TAGS = ["ignore", "tools"];

/** True when a //go:build (or // +build) line requires a tag a plain build never sets. */
function isExcludedByConstraint(src: string): boolean {
  const clause = /^package\s/m.exec(src);
  const header = clause ? src.slice(0, clause.index) : src;
  for (const raw of header.split("\n")) {
    const line = raw.trim();
    const build = /^\/\/go:build\s+(.*)$/.exec(line);
    // Only a plain conjunction is decided; anything with || or ( is left to the go command.
    if (build && !/[|(]/.test(build[1]) && build[1].split("&&").some((t) => NEVER_SET_TAGS.includes(t.trim()))) return true;
    const plus = /^\/\/\s*\+build\s+(\S+)\s*$/.exec(line);
    if (plus && plus[1].split(",").some((t) => NEVER_SET_TAGS.includes(t))) return true;
  }
  return false;
}

/** The package clause's name, or undefined for a file without one. */
export function packageNameOf(tokens: GoToken[]): string | undefined {
  return tokens[0]?.text === "package" && tokens[1]?.kind === "ident" ? tokens[1].text : undefined;
}

/** Names of the .go files in a directory the go command would consider (no _test.go unless asked, no "." or "_" prefix). */
function goFileNames(abs: string, includeTests: boolean): string[] {
  try {
    return readdirSync(abs)
      .filter((name) => name.endsWith(".go") && !name.startsWith(".") && !name.startsWith("_") && (includeTests || !name.endsWith("_test.go")))
      .sort();
  } catch {
    return [];
  }
}

/**
 * The .go files of one package directory (relDir relative to root, "" for the root),
 * skipping what the go command skips: _test.go (unless asked), names starting with
 * "." or "_", and files constrained to the "ignore" or "tools" tag.
 */
export function readPackageFiles(root: string, relDir: string, includeTests = false): GoFile[] {
  if (!packageCache) return readPackageFilesUncached(root, relDir, includeTests);
  const key = `${join(root, relDir)}\0${includeTests}`;
  let files = packageCache.get(key);
  if (!files) packageCache.set(key, (files = readPackageFilesUncached(root, relDir, includeTests)));
  return files;
}

let packageCache: Map<string, GoFile[]> | undefined;

/**
 * Runs fn reading each package directory once: main scoring, the port, health and
 * version checks each lex the main package and its imports (a 4 MB package took a
 * second a time). Files are taken as unchanged while fn runs.
 */
export function withPackageCache<T>(fn: () => T): T {
  if (packageCache) return fn();
  packageCache = new Map();
  try {
    return fn();
  } finally {
    packageCache = undefined;
  }
}

function readPackageFilesUncached(root: string, relDir: string, includeTests: boolean): GoFile[] {
  const abs = join(root, relDir);
  const files: GoFile[] = [];
  for (const name of goFileNames(abs, includeTests)) {
    const full = join(abs, name);
    let src: string;
    try {
      if (!statSync(full).isFile()) continue;
      src = readFileSync(full, "utf-8");
    } catch {
      continue;
    }
    if (isExcludedByConstraint(src)) continue;
    const { tokens, comments } = lex(src);
    const packageName = packageNameOf(tokens);
    if (!packageName) continue;
    files.push({ path: posix.join(relDir.split("\\").join("/"), name), packageName, tokens, imports: parseImports(tokens), comments });
  }
  return files;
}

/** "./cmd/x" or "." -> "cmd/x" or "" (a directory relative to the module root). */
export function packageDir(mainPackage: string): string {
  const p = posix.normalize(mainPackage.replace(/\\/g, "/")).replace(/\/+$/, "");
  return p === "." || p === "" ? "" : p;
}

/** "cmd/x" or "" -> "./cmd/x" or "." (how reports name a package). */
export function packageLabel(dir: string): string {
  return dir ? `./${dir}` : ".";
}

/** The directory of a file of the module ("" for the root). */
export function dirOfFile(file: GoFile): string {
  const d = posix.dirname(file.path);
  return d === "." ? "" : d;
}

/** The files of a package and a short label for reports. */
export interface LoadedPackage {
  /** "./cmd/x", or "." for the root. */
  readonly pkg: string;
  readonly files: GoFile[];
  /** "cmd/x", or "" for the root. */
  readonly dir: string;
  /** Import levels from the package loading started at (0 for it). */
  readonly depth: number;
}

/** Module-relative directories of the module packages these files import. */
export function localImportDirs(files: GoFile[], modulePath: string | undefined): string[] {
  if (!modulePath) return [];
  const dirs = new Set<string>();
  for (const f of files) {
    for (const imp of f.imports) {
      if (imp.path === modulePath) dirs.add("");
      else if (imp.path.startsWith(modulePath + "/")) dirs.add(imp.path.slice(modulePath.length + 1));
    }
  }
  return [...dirs];
}

/** A directory's files, keeping only package main when it has a main (a stray file of another name is a broken copy). */
function readMainOrPackage(root: string, dir: string): GoFile[] {
  const all = readPackageFiles(root, dir);
  return all.some((f) => f.packageName === "main") ? all.filter((f) => f.packageName === "main") : all;
}

/**
 * The non-test files of mainPackage plus those of the packages it imports from this
 * module, `depth` levels deep (servers often start in internal/server, or further in),
 * at most `limit` packages, breadth first.
 */
export function loadWithLocalImports(root: string, mainPackage: string, modulePath: string | undefined, depth = 1, limit = 400): LoadedPackage[] {
  const start = packageDir(mainPackage);
  const out: LoadedPackage[] = [{ pkg: packageLabel(start), dir: start, depth: 0, files: readMainOrPackage(root, start) }];
  const seen = new Set<string>([start]);
  for (let level = 0; level < out.length && out.length < limit; level++) {
    const from = out[level];
    if (from.depth >= depth) continue;
    for (const rel of localImportDirs(from.files, modulePath).sort()) {
      if (seen.has(rel) || out.length >= limit) continue;
      seen.add(rel);
      if (!existsSync(join(root, rel))) continue;
      out.push({ pkg: packageLabel(rel), dir: rel, depth: from.depth + 1, files: readPackageFiles(root, rel) });
    }
  }
  return out;
}

/** Directories go ./... never enters; node_modules too (not Go's rule, but never a service). */
export function skippedByGo(name: string): boolean {
  return name === "testdata" || name === "vendor" || name === "node_modules" || name.startsWith(".") || name.startsWith("_");
}

/**
 * The module's directories that hold .go files, as `go ./...` walks them (no vendor,
 * testdata, "."/"_" directories or nested modules), minus those `skip` rejects, sorted;
 * at most `limit`, and `truncated` says when more were left.
 */
export function walkPackageDirs(root: string, skip: (rel: string) => boolean = () => false, limit = 3000): { dirs: string[]; truncated: boolean } {
  const dirs: string[] = [];
  let truncated = false;
  const walk = (rel: string) => {
    if (dirs.length >= limit) {
      truncated = true;
      return;
    }
    if (goFileNames(join(root, rel), true).length > 0) dirs.push(rel);
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || skippedByGo(e.name)) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      // A nested go.mod starts another module: not part of ./...
      if (existsSync(join(root, child, "go.mod")) || skip(child)) continue;
      walk(child);
    }
  };
  walk("");
  return { dirs, truncated };
}

/** Every non-test package of the module (bounded like walkPackageDirs), depth 0. */
export function loadModulePackages(root: string, skip?: (rel: string) => boolean, limit?: number): { packages: LoadedPackage[]; truncated: boolean } {
  const { dirs, truncated } = walkPackageDirs(root, skip, limit);
  const packages = dirs
    .map((dir) => ({ pkg: packageLabel(dir), dir, depth: 0, files: readPackageFiles(root, dir) }))
    .filter((p) => p.files.length > 0);
  return { packages, truncated };
}

/** Directories reachable from `from` through this module's imports, `from` included. */
export function reachableDirs(packages: LoadedPackage[], from: string, modulePath: string | undefined): Set<string> {
  const byDir = new Map(packages.map((p) => [p.dir, p]));
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const p = byDir.get(queue.shift() as string);
    if (!p) continue;
    for (const d of localImportDirs(p.files, modulePath)) {
      if (!seen.has(d)) {
        seen.add(d);
        queue.push(d);
      }
    }
  }
  return seen;
}

/** Local names a file uses for an import path (usually one; none if not imported). */
export function namesFor(file: GoFile, path: string): string[] {
  return file.imports.filter((i) => i.path === path && i.name !== "").map((i) => i.name);
}

/** Local names a file uses for imports whose path matches. */
export function namesMatching(file: GoFile, path: RegExp): string[] {
  return file.imports.filter((i) => path.test(i.path) && i.name !== "").map((i) => i.name);
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

const OPENERS: { readonly [open: string]: string } = { "(": ")", "[": "]", "{": "}" };

/** Index of the token closing the bracket at `open`, or tokens.length when unbalanced. */
export function matching(tokens: GoToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (OPENERS[t] !== undefined && tokens[i].kind === "op") depth++;
    else if ((t === ")" || t === "]" || t === "}") && tokens[i].kind === "op") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length;
}

/** The top-level arguments of the call whose "(" is at `open` (token slices and their start indexes), and the ")". */
export function callArgs(tokens: GoToken[], open: number): { args: GoToken[][]; starts: number[]; close: number } {
  const close = matching(tokens, open);
  const args: GoToken[][] = [];
  const starts: number[] = [];
  let depth = 0;
  let current: GoToken[] = [];
  let start = open + 1;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i];
    if (t.kind === "op" && OPENERS[t.text] !== undefined) depth++;
    else if (t.kind === "op" && (t.text === ")" || t.text === "]" || t.text === "}")) depth--;
    if (depth === 0 && t.text === ",") {
      args.push(current);
      starts.push(start);
      current = [];
      start = i + 1;
    } else if (t.kind !== ";") current.push(t);
  }
  if (current.length > 0) {
    args.push(current);
    starts.push(start);
  }
  return { args, starts, close };
}

/** A top-level function or method: its name, receiver type name and token range. */
export interface GoFunc {
  readonly name: string;
  readonly receiver?: string;
  /** Index of the `func` token, of the body's "{" and of its "}". */
  readonly start: number;
  readonly bodyStart: number;
  readonly end: number;
}

const FUNCS = new WeakMap<GoFile, GoFunc[]>();

/** The file's top-level functions, in order. */
export function functionsOf(file: GoFile): GoFunc[] {
  const cached = FUNCS.get(file);
  if (cached) return cached;
  const t = file.tokens;
  const funcs: GoFunc[] = [];
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (tok.kind === "op" && OPENERS[tok.text] !== undefined) depth++;
    else if (tok.kind === "op" && (tok.text === ")" || tok.text === "]" || tok.text === "}")) depth--;
    if (depth !== 0 || tok.text !== "func" || tok.kind !== "ident") continue;
    let j = i + 1;
    let receiver: string | undefined;
    if (t[j]?.text === "(") {
      const close = matching(t, j);
      receiver = t.slice(j + 1, close).filter((x) => x.kind === "ident").pop()?.text;
      j = close + 1;
    }
    const name = t[j]?.kind === "ident" ? t[j].text : "";
    // Signature: parameters, results; a struct{} or interface{} in it is not the body.
    let k = j + 1;
    let body = -1;
    while (k < t.length && t[k].kind !== ";") {
      if (t[k].text === "(" || t[k].text === "[") k = matching(t, k) + 1;
      else if ((t[k].text === "struct" || t[k].text === "interface") && t[k + 1]?.text === "{") k = matching(t, k + 1) + 1;
      else if (t[k].text === "{") {
        body = k;
        break;
      } else k++;
    }
    if (body < 0) continue;
    const end = matching(t, body);
    funcs.push({ name, ...(receiver ? { receiver } : {}), start: i, bodyStart: body, end });
    i = end;
  }
  FUNCS.set(file, funcs);
  return funcs;
}

/** The top-level function whose body holds token `index`, if any. */
export function enclosingFunction(file: GoFile, index: number): GoFunc | undefined {
  return functionsOf(file).find((f) => f.bodyStart < index && index < f.end);
}

/** One name list of a package-level var or const declaration. */
export interface GoSpec {
  readonly keyword: "var" | "const";
  readonly names: GoToken[];
  readonly type: GoToken[];
  readonly values: GoToken[][];
  /** Line of the `var`/`const` keyword (the group's line for a spec inside var ( ... )). */
  readonly groupLine: number;
  readonly inGroup: boolean;
  /** First and last line of the spec. */
  readonly line: number;
  readonly endLine: number;
}

/** Splits tokens on "," at nesting depth 0. */
export function splitTopLevel(tokens: GoToken[]): GoToken[][] {
  const parts: GoToken[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (["(", "[", "{"].includes(t.text)) depth++;
    else if ([")", "]", "}"].includes(t.text)) depth--;
    if (t.text === "," && depth === 0) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.filter((p) => p.length > 0);
}

function parseSpec(keyword: "var" | "const", tokens: GoToken[], groupLine: number, inGroup: boolean): GoSpec | undefined {
  const names: GoToken[] = [];
  let i = 0;
  while (tokens[i]?.kind === "ident") {
    names.push(tokens[i++]);
    if (tokens[i]?.text !== ",") break;
    i++;
  }
  if (names.length === 0) return undefined;
  const eq = tokens.findIndex((t, j) => j >= i && t.text === "=");
  const type = eq < 0 ? tokens.slice(i) : tokens.slice(i, eq);
  const values = eq < 0 ? [] : splitTopLevel(tokens.slice(eq + 1));
  return { keyword, names, type, values, groupLine, inGroup, line: tokens[0].line, endLine: tokens[tokens.length - 1].line };
}

/** Package-level var and const specs (not those inside functions). */
export function topLevelSpecs(tokens: GoToken[]): GoSpec[] {
  const specs: GoSpec[] = [];
  let depth = 0;
  let i = 0;
  // Collects one spec: tokens up to ";" (or the closing ")" of a block) at the same depth.
  const collect = (from: number, inBlock: boolean): [GoToken[], number] => {
    const spec: GoToken[] = [];
    let d = 0;
    let j = from;
    for (; j < tokens.length; j++) {
      const t = tokens[j];
      if (d === 0 && (t.kind === ";" || (inBlock && t.text === ")"))) break;
      if (["(", "[", "{"].includes(t.text)) d++;
      else if ([")", "]", "}"].includes(t.text)) d--;
      spec.push(t);
    }
    return [spec, j];
  };
  while (i < tokens.length) {
    const t = tokens[i];
    if (depth === 0 && t.kind === "ident" && (t.text === "var" || t.text === "const")) {
      const keyword = t.text;
      if (tokens[i + 1]?.text === "(") {
        i += 2;
        while (i < tokens.length && tokens[i].text !== ")") {
          if (tokens[i].kind === ";") {
            i++;
            continue;
          }
          const [spec, next] = collect(i, true);
          const s = parseSpec(keyword, spec, t.line, true);
          if (s) specs.push(s);
          i = next === i ? i + 1 : next;
        }
        i++;
      } else {
        const [spec, next] = collect(i + 1, false);
        const s = parseSpec(keyword, spec, t.line, false);
        if (s) specs.push(s);
        i = next;
      }
      continue;
    }
    if (["(", "[", "{"].includes(t.text)) depth++;
    else if ([")", "]", "}"].includes(t.text)) depth--;
    i++;
  }
  return specs;
}

/** A constant string expression: string literals joined by + ("un" + "known"), or undefined. */
export function stringLiteralValue(tokens: GoToken[] | undefined): string | undefined {
  if (!tokens || tokens.length === 0 || tokens.length % 2 === 0) return undefined;
  let value = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i % 2 === 0 ? t.kind !== "string" : t.text !== "+") return undefined;
    if (t.kind === "string") value += t.value ?? "";
  }
  return value;
}

interface CommentIndex {
  readonly byEndLine: Map<number, GoComment>;
  readonly codeLines: Set<number>;
}
const COMMENTS = new WeakMap<GoFile, CommentIndex>();

function commentIndex(file: GoFile): CommentIndex {
  let index = COMMENTS.get(file);
  if (!index) {
    index = { byEndLine: new Map(file.comments.map((c) => [c.endLine, c])), codeLines: new Set(file.tokens.filter((t) => t.kind !== ";").map((t) => t.line)) };
    COMMENTS.set(file, index);
  }
  return index;
}

/** The doc comment of the declaration on `line`: the comment lines right above it that hold no code, joined; "" if none. */
export function docCommentAbove(file: GoFile, line: number): string {
  const { byEndLine, codeLines } = commentIndex(file);
  const parts: string[] = [];
  let c = byEndLine.get(line - 1);
  while (c && !codeLines.has(c.line)) {
    parts.unshift(c.text.trim());
    c = byEndLine.get(c.line - 1);
  }
  return parts.join(" ");
}

/** A comment that ends on `line` after code (`var x string // set by -X`); "" if none. */
export function trailingComment(file: GoFile, line: number): string {
  const c = commentIndex(file).byEndLine.get(line);
  return c && c.line === line ? c.text.trim() : "";
}

/** A value a Go expression is known to have without running it. */
export type GoValue = { readonly kind: "string"; readonly value: string } | { readonly kind: "number"; readonly value: number };

/** A top-level const or var with an initializer. */
export interface GoDeclaration {
  readonly name: string;
  readonly keyword: "var" | "const";
  readonly file: GoFile;
  readonly line: number;
  readonly value: GoToken[];
}

/** A known value and, when it came through a named constant, where that was declared. */
export interface ResolvedValue {
  readonly value: GoValue;
  readonly via?: { readonly name: string; readonly at: string };
}

const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[1-9][0-9_]*|0)$/;

/**
 * Evaluates the constant expressions servers use for ports and paths: literals, named
 * constants (local, package-level or of another package of the module), +, and the
 * strconv.Itoa / fmt.Sprintf / net.JoinHostPort / path.Join calls around them.
 */
export class GoValues {
  private readonly decls = new Map<string, Map<string, GoDeclaration>>();
  private readonly evaluating = new Set<GoDeclaration>();

  constructor(
    private readonly root: string,
    private readonly modulePath: string | undefined,
    packages: LoadedPackage[] = [],
  ) {
    for (const p of packages) this.index(p.dir, p.files);
  }

  private index(dir: string, files: GoFile[]): Map<string, GoDeclaration> {
    const map = new Map<string, GoDeclaration>();
    for (const file of files) {
      for (const spec of topLevelSpecs(file.tokens)) {
        if (spec.values.length !== spec.names.length) continue;
        spec.names.forEach((n, i) => map.set(n.text, { name: n.text, keyword: spec.keyword, file, line: n.line, value: spec.values[i] }));
      }
    }
    this.decls.set(dir, map);
    return map;
  }

  /** The top-level declaration `name` of the package in `dir` (loaded on demand). */
  declaration(dir: string, name: string): GoDeclaration | undefined {
    return (this.decls.get(dir) ?? this.index(dir, readPackageFiles(this.root, dir))).get(name);
  }

  /** The value of `tokens` (an expression of `file` found at token index `at`), or undefined. */
  evaluate(file: GoFile, tokens: GoToken[], at = -1): ResolvedValue | undefined {
    const parts = splitOn(tokens, "+");
    if (parts.length === 0) return undefined;
    let via: ResolvedValue["via"];
    const values: GoValue[] = [];
    for (const part of parts) {
      const r = this.term(file, part, at);
      if (!r) return undefined;
      via = via ?? r.via;
      values.push(r.value);
    }
    if (values.length === 1) return { value: values[0], ...(via ? { via } : {}) };
    if (values.some((v) => v.kind !== "string")) {
      return values.every((v) => v.kind === "number") ? { value: { kind: "number", value: values.reduce((a, v) => a + (v.value as number), 0) }, ...(via ? { via } : {}) } : undefined;
    }
    return { value: { kind: "string", value: values.map((v) => v.value).join("") }, ...(via ? { via } : {}) };
  }

  private term(file: GoFile, t: GoToken[], at: number): ResolvedValue | undefined {
    if (t.length === 1 && t[0].kind === "string") return { value: { kind: "string", value: t[0].value ?? "" } };
    if (t.length === 1 && t[0].kind === "number" && NUMBER.test(t[0].text)) return { value: { kind: "number", value: Number(t[0].text.replace(/_/g, "").replace(/^0([0-7])/, "0o$1")) } };
    if (t[0]?.text === "(" && matching(t, 0) === t.length - 1) return this.evaluate(file, t.slice(1, -1), at);
    if (t.length === 1 && t[0].kind === "ident") return this.named(file, t[0].text, at);
    // pkg.Name of a module package, or a call of a helper this evaluator knows.
    if (t.length >= 3 && t[0].kind === "ident" && t[1].text === "." && t[2].kind === "ident") {
      const path = file.imports.find((i) => i.name === t[0].text)?.path;
      if (t.length === 3) return path ? this.imported(path, t[2].text) : undefined;
      if (t[3]?.text === "(" && matching(t, 3) === t.length - 1 && path) return this.call(file, `${path}.${t[2].text}`, callArgs(t, 3).args, at);
    }
    // A conversion such as uint16(8080) or string("x").
    if (t.length >= 3 && t[0].kind === "ident" && t[1].text === "(" && matching(t, 1) === t.length - 1 && /^(u?int(8|16|32|64)?|string)$/.test(t[0].text)) {
      return this.evaluate(file, t.slice(2, -1), at);
    }
    return undefined;
  }

  private call(file: GoFile, fn: string, args: GoToken[][], at: number): ResolvedValue | undefined {
    const vals = args.map((a) => this.evaluate(file, a, at));
    const via = vals.find((v) => v?.via)?.via;
    const wrap = (value: string): ResolvedValue => ({ value: { kind: "string", value }, ...(via ? { via } : {}) });
    if (vals.some((v) => v === undefined)) return undefined;
    const v = vals as ResolvedValue[];
    if (fn === "strconv.Itoa" && v.length === 1 && v[0].value.kind === "number") return wrap(String(v[0].value.value));
    if (fn === "net.JoinHostPort" && v.length === 2) return wrap(`${v[0].value.value}:${v[1].value.value}`);
    if (fn === "path.Join" && v.length > 0) return wrap(posix.join(...v.map((x) => String(x.value.value))));
    if (fn === "fmt.Sprintf" && v.length > 0 && v[0].value.kind === "string") {
      let k = 1;
      const out = v[0].value.value.replace(/%[dsv]/g, () => String(v[k++]?.value.value ?? ""));
      return k === v.length ? wrap(out) : undefined;
    }
    return undefined;
  }

  private imported(path: string, name: string): ResolvedValue | undefined {
    const mod = this.modulePath;
    if (!mod || (path !== mod && !path.startsWith(mod + "/"))) return undefined;
    const decl = this.declaration(path === mod ? "" : path.slice(mod.length + 1), name);
    return decl ? this.fromDeclaration(decl) : undefined;
  }

  private fromDeclaration(decl: GoDeclaration): ResolvedValue | undefined {
    if (this.evaluating.has(decl)) return undefined;
    this.evaluating.add(decl);
    try {
      const r = this.evaluate(decl.file, decl.value);
      return r ? { value: r.value, via: r.via ?? { name: decl.name, at: `${decl.file.path}:${decl.line}` } } : undefined;
    } finally {
      this.evaluating.delete(decl);
    }
  }

  /** A name: a constant or variable of the enclosing function assigned a value before `at`, else of the package. */
  private named(file: GoFile, name: string, at: number): ResolvedValue | undefined {
    const t = file.tokens;
    const fn = at >= 0 ? enclosingFunction(file, at) : undefined;
    if (fn) {
      for (let i = at - 1; i > fn.bodyStart; i--) {
        if (t[i].text !== name || t[i].kind !== "ident" || t[i - 1]?.text === ".") continue;
        let eq = i + 1;
        // const name = v, var name type = v, name := v
        if (t[eq]?.kind === "ident" && (t[i - 1]?.text === "const" || t[i - 1]?.text === "var")) eq++;
        if (t[eq]?.text !== ":=" && !(t[eq]?.text === "=" && (t[i - 1]?.text === "const" || t[i - 1]?.text === "var"))) continue;
        let end = eq + 1;
        while (end < t.length && t[end].kind !== ";") end++;
        const r = this.evaluate(file, t.slice(eq + 1, end), -1);
        return r ? { value: r.value, via: r.via ?? { name, at: `${file.path}:${t[i].line}` } } : undefined;
      }
    }
    const decl = this.declaration(dirOfFile(file), name);
    return decl ? this.fromDeclaration(decl) : undefined;
  }
}

/** Splits tokens on a top-level operator. */
function splitOn(tokens: GoToken[], op: string): GoToken[][] {
  const parts: GoToken[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === "op" && OPENERS[t.text] !== undefined) depth++;
    else if (t.kind === "op" && (t.text === ")" || t.text === "]" || t.text === "}")) depth--;
    if (depth === 0 && t.text === op) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.some((p) => p.length === 0) ? [] : parts;
}
