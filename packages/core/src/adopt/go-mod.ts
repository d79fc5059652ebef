import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DetectionError } from "./errors";

/** What init needs from go.mod. */
export interface GoModInfo {
  /** The module path, unquoted; undefined when go.mod has no module line. */
  readonly modulePath?: string;
  /** The go line as written: "1.16", "1.25.0", "1.26rc1". */
  readonly goLine?: string;
  /** The toolchain line as written: "go1.25.3". */
  readonly toolchainLine?: string;
}

/** Splits a go.mod line into tokens: quoted strings are one token, `//` starts a comment outside quotes. */
function lineTokens(line: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t") {
      i++;
    } else if (c === "/" && line[i + 1] === "/") {
      break;
    } else if (c === '"' || c === "`") {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += c === '"' && line[j] === "\\" ? 2 : 1;
      tokens.push(line.slice(i, j + 1));
      i = j + 1;
    } else if (c === "(" || c === ")") {
      tokens.push(c);
      i++;
    } else {
      let j = i;
      while (j < line.length && !/[\s()"`]/.test(line[j]) && !(line[j] === "/" && line[j + 1] === "/")) j++;
      tokens.push(line.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function unquote(token: string): string {
  if (token.startsWith("`")) return token.slice(1, -1);
  if (token.startsWith('"')) {
    try {
      return JSON.parse(token) as string;
    } catch {
      return token.slice(1, -1);
    }
  }
  return token;
}

/**
 * Reads the module, go and toolchain lines of go.mod text. Tolerates what the go
 * command accepts: comments, quoted module paths, a `module ( ... )` block, CRLF, a BOM.
 */
export function readGoMod(text: string): GoModInfo {
  let modulePath: string | undefined;
  let goLine: string | undefined;
  let toolchainLine: string | undefined;
  let block: string | undefined;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)) {
    const tokens = lineTokens(raw);
    if (tokens.length === 0) continue;
    let verb: string;
    let args: string[];
    if (block !== undefined) {
      if (tokens[0] === ")") {
        block = undefined;
        continue;
      }
      verb = block;
      args = tokens;
    } else if (tokens[1] === "(") {
      block = tokens[0];
      continue;
    } else {
      verb = tokens[0];
      args = tokens.slice(1);
    }
    if (args.length === 0) continue;
    if (verb === "module" && modulePath === undefined) modulePath = unquote(args[0]);
    else if (verb === "go" && goLine === undefined) goLine = unquote(args[0]);
    else if (verb === "toolchain" && toolchainLine === undefined) toolchainLine = unquote(args[0]);
  }
  return { modulePath, goLine, toolchainLine };
}

/** go.mod of dir, parsed; throws a DetectionError that says what to do when it is missing or has no module line. */
export function readGoModFile(dir: string): GoModInfo & { readonly modulePath: string } {
  const path = join(dir, "go.mod");
  let text: string;
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: "EISDIR" });
    text = readFileSync(path, "utf-8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT" || err.code === "ENOTDIR") {
      throw new DetectionError(
        { option: "dir", value: dir, problem: "has no go.mod", example: "go mod init example.com/acme/hello" },
        `${dir} has no go.mod: run gosynth init in a Go module's root, or create one with go mod init`,
      );
    }
    throw new DetectionError(
      { option: "dir", value: dir, problem: `go.mod could not be read (${err.message})`, example: "a readable go.mod file" },
      `${path} could not be read: ${err.message}`,
    );
  }
  const info = readGoMod(text);
  if (!info.modulePath) {
    throw new DetectionError(
      { option: "go.mod", value: path, problem: "has no module line", example: "module example.com/acme/hello" },
      `${path} has no module line: add one (e.g. module example.com/acme/hello) or recreate it with go mod init`,
    );
  }
  return { ...info, modulePath: info.modulePath };
}

/** The major version suffix of a module path ("v2" for example.com/x/v2, "v3" for gopkg.in/yaml.v3), or undefined. */
export function majorVersionSuffix(modulePath: string): string | undefined {
  const path = modulePath.replace(/\/+$/, "");
  const slash = /\/(v(?:[2-9]|[1-9][0-9]+))$/.exec(path);
  if (slash) return slash[1];
  const gopkg = /^gopkg\.in\/.*\.(v(?:0|[1-9][0-9]*))$/.exec(path);
  return gopkg ? gopkg[1] : undefined;
}

/** Lower-cased, characters outside [a-z0-9._-] -> "-", no leading/trailing "." or "-" (a valid binaryName). */
export function sanitizeBinaryName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "");
}

/**
 * The binary name a module suggests: its last path element that is not a major
 * version suffix (example.com/acme/tool/v2 -> "tool", as `go build` names it), sanitized.
 */
export function binaryNameFromModule(modulePath: string): string {
  const path = modulePath.replace(/\/+$/, "");
  const suffix = majorVersionSuffix(path);
  let elements = path.split("/");
  if (suffix && path.endsWith("/" + suffix)) elements = elements.slice(0, -1);
  let last = elements[elements.length - 1] ?? "";
  if (suffix && last.endsWith("." + suffix)) last = last.slice(0, -(suffix.length + 1));
  return sanitizeBinaryName(last) || "service";
}
