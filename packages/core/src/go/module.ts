// go.mod's module, go and toolchain lines, and the names a module path suggests:
// read by the config (offline, at synthesis), by init and by upgrade.

/** What gosynth reads from go.mod. */
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
