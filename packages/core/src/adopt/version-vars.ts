import { GoToken, packageDir, readPackageFiles } from "./go-source";

/** What a -X variable stamps, as the OCI labels name it. */
export type VersionRole = "version" | "revision" | "created";

export interface VersionVariable {
  /** The -X symbol: "main.version". */
  readonly symbol: string;
  readonly name: string;
  readonly role: VersionRole;
  /** File (relative to the module root) and line of the declaration. */
  readonly file: string;
  readonly line: number;
  /** The literal it is initialized to, when there is one. */
  readonly initialValue?: string;
}

export interface VersionVariables {
  readonly variables: VersionVariable[];
  /** Candidates that cannot be set with -X, and why. */
  readonly notes: string[];
  readonly reason: string;
}

// Names seen in real services, compared lower-cased without "_".
const ROLES: { readonly [name: string]: VersionRole } = {
  version: "version", appversion: "version", buildversion: "version", gitversion: "version",
  releaseversion: "version", semver: "version", versionstring: "version", gittag: "version",
  commit: "revision", gitcommit: "revision", commithash: "revision", commitsha: "revision", githash: "revision",
  gitsha: "revision", sha: "revision", revision: "revision", gitrevision: "revision", buildcommit: "revision",
  vcsrevision: "revision",
  date: "created", builddate: "created", buildtime: "created", builtat: "created", buildtimestamp: "created",
  buildstamp: "created", compiledate: "created", compiletime: "created", builton: "created", buildat: "created",
};

export function roleOf(name: string): VersionRole | undefined {
  const key = name.toLowerCase().replace(/_/g, "");
  return Object.prototype.hasOwnProperty.call(ROLES, key) ? ROLES[key] : undefined;
}

interface Spec {
  readonly keyword: "var" | "const";
  readonly names: GoToken[];
  readonly type: GoToken[];
  readonly values: GoToken[][];
}

/** Splits tokens on "," at nesting depth 0. */
function splitTopLevel(tokens: GoToken[]): GoToken[][] {
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

function parseSpec(keyword: "var" | "const", tokens: GoToken[]): Spec | undefined {
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
  return { keyword, names, type, values };
}

/** Package-level var and const specs (not those inside functions). */
function topLevelSpecs(tokens: GoToken[]): Spec[] {
  const specs: Spec[] = [];
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
          const s = parseSpec(keyword, spec);
          if (s) specs.push(s);
          i = next === i ? i + 1 : next;
        }
        i++;
      } else {
        const [spec, next] = collect(i + 1, false);
        const s = parseSpec(keyword, spec);
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

/** A constant string expression -X can override: string literals joined by +. */
function literalValue(tokens: GoToken[] | undefined): string | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  let value = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i % 2 === 0 ? t.kind !== "string" : t.text !== "+") return undefined;
    if (t.kind === "string") value += t.value ?? "";
  }
  return tokens.length % 2 === 1 ? value : undefined;
}

/**
 * Package-level string variables of the main package that a release can stamp with
 * -ldflags "-X main.<name>=...": only variables that exist, only strings; a const, a
 * non-string type or a computed initializer is skipped with a note (-X cannot set it).
 */
export function findVersionVariables(dir: string, mainPackage: string): VersionVariables {
  const rel = packageDir(mainPackage);
  const files = readPackageFiles(dir, rel).filter((f) => f.packageName === "main");
  const variables: VersionVariable[] = [];
  const notes: string[] = [];
  for (const file of files) {
    for (const spec of topLevelSpecs(file.tokens)) {
      spec.names.forEach((nameToken, index) => {
        const name = nameToken.text;
        const role = roleOf(name);
        if (!role) return;
        const where = `${file.path}:${nameToken.line}`;
        if (spec.keyword === "const") {
          notes.push(`${name} (${where}) is a const: -X can only set a string variable, so it is not stamped (make it a var to stamp it)`);
          return;
        }
        const typeText = spec.type.map((t) => t.text).join("");
        if (typeText !== "" && typeText !== "string") {
          notes.push(`${name} (${where}) has type ${typeText}: -X can only set a string variable`);
          return;
        }
        const init = spec.values.length === spec.names.length ? spec.values[index] : undefined;
        if (spec.values.length > 0 && spec.values.length !== spec.names.length) {
          notes.push(`${name} (${where}) is initialized by a multi-value expression: -X needs a string literal or no initializer`);
          return;
        }
        const literal = literalValue(init);
        if (init && literal === undefined) {
          notes.push(`${name} (${where}) is initialized by ${init.map((t) => t.text).join(" ")}: -X only overrides an uninitialized or constant string variable`);
          return;
        }
        if (typeText === "" && !init) return;
        variables.push({ symbol: `main.${name}`, name, role, file: file.path, line: nameToken.line, ...(literal !== undefined ? { initialValue: literal } : {}) });
      });
    }
  }
  const order: VersionRole[] = ["version", "revision", "created"];
  variables.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.file.localeCompare(b.file) || a.line - b.line);
  const reason =
    variables.length > 0
      ? `${mainPackage} declares ${variables.map((v) => `${v.symbol} (${v.role})`).join(", ")}`
      : `no package-level string variable named like a version, commit or build date in ${mainPackage}`;
  return { variables, notes, reason };
}
