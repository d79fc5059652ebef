// Pure checks, one per kind of value. Each returns a problem text or undefined.

const MODULE_ELEMENT = /^[A-Za-z0-9._~+-]+$/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/** Go import-path rules (golang.org/x/mod/module.CheckImportPath), plus the /vN suffix rule. */
export function checkModulePath(path: string): string | undefined {
  if (path.length === 0) return "must not be empty";
  if (path.startsWith("/") || path.endsWith("/")) return "must not start or end with '/'";
  const elements = path.split("/");
  for (const element of elements) {
    if (element === "") return "must not contain an empty path element ('//')";
    if (!MODULE_ELEMENT.test(element)) return `element "${element}" has characters outside [A-Za-z0-9._~+-]`;
    if (element.startsWith(".") || element.endsWith(".")) return `element "${element}" must not start or end with '.'`;
    if (WINDOWS_RESERVED.test(element)) return `element "${element}" is a reserved file name on Windows`;
  }
  const first = elements[0];
  if (first.includes(".") && !/^[a-z0-9.-]+$/.test(first)) {
    return `the domain "${first}" must be lower-case letters, digits, '.' and '-'`;
  }
  if (first.startsWith("-")) return "must not start with '-'";
  const last = elements[elements.length - 1];
  if (elements.length > 1 && /^v[01]$/.test(last)) return `major version suffix "/${last}" is not allowed (only /v2 and up)`;
  return undefined;
}

export function checkGoVersion(version: string): string | undefined {
  if (!/^1\.\d+(\.\d+)?$/.test(version)) return 'must be "X.Y" or "X.Y.Z"';
  return undefined;
}

export function checkPort(port: number): string | undefined {
  if (!Number.isInteger(port)) return "must be an integer";
  if (port < 1 || port > 65535) return "must be between 1 and 65535";
  return undefined;
}

/** One entry of a list of ports (extraPorts, binaries[].ports). */
export function checkPortInList(port: unknown): string | undefined {
  return typeof port !== "number" ? "must contain only numbers" : checkPort(port);
}

export function checkBinaryName(name: string): string | undefined {
  if (name.length === 0) return "must not be empty";
  if (/[\\/]/.test(name)) return "must not contain a path separator";
  if (/\s/.test(name)) return "must not contain whitespace";
  if (name.startsWith(".")) return "must not start with '.'";
  if (name.startsWith("-")) return "must not start with '-'";
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return "may only contain letters, digits, '.', '_' and '-'";
  return undefined;
}

export function checkMainPackage(pkg: string): string | undefined {
  if (!pkg.startsWith("./") && pkg !== ".") return "must be a relative package path starting with './'";
  if (pkg.split("/").includes("..")) return "must not contain '..'";
  if (/[\s"'$`\\]/.test(pkg)) return "must not contain whitespace, quotes, '$', '`' or '\\'";
  return undefined;
}

export function checkRelativeDir(dir: string): string | undefined {
  if (dir.length === 0) return "must not be empty";
  if (dir.startsWith("/")) return "must be relative to the project root";
  if (dir.split("/").some((p) => p === ".." || p === "." || p === "")) return "must not contain '.', '..' or empty elements";
  if (!/^[A-Za-z0-9._/-]+$/.test(dir)) return "may only contain letters, digits, '.', '_', '-' and '/'";
  return undefined;
}

/** Characters that would break out of the quoted -ldflags string in a Makefile, a shell RUN or YAML. */
export function checkLdflag(flag: string): string | undefined {
  if (/["`$\\\n\r]/.test(flag)) return "must not contain '\"', '`', '$', '\\' or a newline";
  if (flag.trim() === "") return "must not be empty";
  return undefined;
}

export function checkBuildTag(tag: string): string | undefined {
  if (!/^[A-Za-z0-9_.]+$/.test(tag)) return "may only contain letters, digits, '_' and '.'";
  return undefined;
}

export function checkGoPrivatePattern(pattern: string): string | undefined {
  if (!/^[A-Za-z0-9._*?\[\]/~-]+$/.test(pattern)) return "must be a glob of module path prefixes without spaces or commas";
  return undefined;
}

export function checkDigest(digest: string): string | undefined {
  if (!/^sha256:[a-f0-9]{64}$/.test(digest)) return 'must be "sha256:" followed by 64 lower-case hex digits';
  return undefined;
}

/** An image repository without tag or digest: [registry[:port]/]path, lower-case. */
export function checkImageRepository(ref: string): string | undefined {
  const component = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  const registry = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?";
  const pattern = new RegExp(`^${registry}${component}(?:/${component})*$`);
  if (!pattern.test(ref)) return "must be an image repository like registry/owner/name in lower case, without tag or digest";
  return undefined;
}

export function checkUid(uid: number): string | undefined {
  if (!Number.isInteger(uid) || uid < 1 || uid > 2147483647) return "must be an integer between 1 and 2147483647 (0 is root)";
  if (uid === 1000) return "must not be 1000, the first host user (often with sudo): a container escape would inherit its rights";
  return undefined;
}

export function checkBranch(branch: string): string | undefined {
  if (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.startsWith("/") || branch.endsWith("/") || branch.includes("..")) {
    return "must be a git branch name";
  }
  return undefined;
}

export function checkCommitSha(sha: string): string | undefined {
  if (!/^[0-9a-f]{40}$/.test(sha)) return "must be a full 40-character lower-case commit SHA";
  return undefined;
}

/** A `-X` target: "<import path>.<variable>", e.g. "main.version". */
export function checkGoSymbol(symbol: string): string | undefined {
  if (!/^[A-Za-z0-9._~+/-]*[A-Za-z0-9_]\.[A-Za-z_][A-Za-z0-9_]*$/.test(symbol)) return 'must be "<package>.<variable>"';
  return undefined;
}

/** An HTTP path for a health check: absolute, no spaces or quotes. */
export function checkHttpPath(path: string): string | undefined {
  if (!path.startsWith("/")) return 'must start with "/"';
  if (/[\s"'\\]/.test(path)) return "must not contain spaces, quotes or backslashes";
  return undefined;
}

/** A compose service or project name: lower-case letters, digits, '-' and '_', starting with a letter or digit. */
export function checkComposeName(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) return "must be lower-case letters, digits, '-' or '_', starting with a letter or digit";
  return undefined;
}

/** An environment variable name. */
export function checkEnvName(name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return "must be a variable name (letters, digits, '_', not starting with a digit)";
  return undefined;
}

/** A value that lands in an ENV line, a YAML string and a shell-free exec form: no newline or NUL. */
export function checkPlainValue(value: string): string | undefined {
  if (/[\n\r\0]/.test(value)) return "must not contain a newline";
  return undefined;
}

/** A Kubernetes object name (RFC 1123 DNS label). */
export function checkDnsLabel(name: string): string | undefined {
  if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) return "must be a DNS label: lower-case letters, digits and '-', starting with a letter, at most 63 characters";
  return undefined;
}

/** An image tag. */
export function checkImageTag(tag: string): string | undefined {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) return "must be an image tag (letters, digits, '_', '.', '-', at most 128)";
  return undefined;
}

/** A Go-style duration as compose writes it: "10s", "1m30s". */
export function checkDuration(value: string): string | undefined {
  if (!/^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/.test(value)) return "must be a duration";
  return undefined;
}

/** An absolute path in an image (no "..", no whitespace or quotes). */
export function checkImagePath(path: string): string | undefined {
  if (!path.startsWith("/")) return "must be an absolute path in the image";
  if (path.split("/").includes("..")) return "must not contain '..'";
  if (/[\s"'`$\\]/.test(path)) return "must not contain whitespace, quotes, '$', '`' or '\\'";
  return undefined;
}

/** A path of the repository (the build context): relative, inside it. */
export function checkRepositoryPath(path: string): string | undefined {
  if (path === "" || path.startsWith("/")) return "must be a path relative to the project root";
  if (path.split("/").includes("..")) return "must not leave the project ('..')";
  if (/[\s"'`$\\]/.test(path)) return "must not contain whitespace, quotes, '$', '`' or '\\'";
  return undefined;
}

/** A go build flag gosynth does not set itself. */
export function checkGoBuildFlag(flag: string): string | undefined {
  if (!/^-[A-Za-z]/.test(flag) || /[\s"'`$\\]/.test(flag)) return "must be one flag like -buildmode=pie (no spaces or quotes)";
  if (/^--?(o|ldflags|tags|trimpath|mod)(=|$)/.test(flag)) return "is set by gosynth (use extraLdflags, buildTags or vendor)";
  return undefined;
}

/** A goreleaser template in a YAML string: one line. */
export function checkTemplate(template: string): string | undefined {
  if (template.trim() === "" || /[\n\r]/.test(template)) return "must be a non-empty template on one line";
  return undefined;
}

/** An e-mail address or an https URL (SECURITY.md contact). */
export function checkContact(contact: string): string | undefined {
  if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(contact) || /^https:\/\/\S+$/.test(contact)) return undefined;
  return "must be an e-mail address or an https:// URL";
}
