import {
  docCommentAbove,
  GoFile,
  GoSpec,
  LoadedPackage,
  loadModulePackages,
  packageDir,
  packageLabel,
  reachableDirs,
  readPackageFiles,
  stringLiteralValue,
  topLevelSpecs,
  trailingComment,
} from "./go-source";
import { nonDeliverableReason } from "./mains";

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
  // ardanlabs/service stamps main.tag (earlier main.build) with the image tag.
  tag: "version", build: "version", buildtag: "version",
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

/** A role from a part of the name (serverVersion, gitCommitHash), for variables documented as stamped. */
function roleFromParts(name: string): VersionRole | undefined {
  const n = name.toLowerCase();
  if (/commit|revision|sha|hash/.test(n)) return "revision";
  if (/date|time|stamp/.test(n)) return "created";
  if (/version|tag|release/.test(n)) return "version";
  return undefined;
}

type Checked = { ok: true; initialValue?: string } | { ok: false; note?: string };

/** Whether -X can set name #index of a spec: a string variable, uninitialized or set to a constant string. */
function settableByLinker(spec: GoSpec, index: number, where: string): Checked {
  const name = spec.names[index].text;
  if (spec.keyword === "const") return { ok: false, note: `${name} (${where}) is a const: -X can only set a string variable, so it is not stamped (make it a var to stamp it)` };
  const typeText = spec.type.map((t) => t.text).join("");
  if (typeText !== "" && typeText !== "string") return { ok: false, note: `${name} (${where}) has type ${typeText}: -X can only set a string variable` };
  if (spec.values.length > 0 && spec.values.length !== spec.names.length) {
    return { ok: false, note: `${name} (${where}) is initialized by a multi-value expression: -X needs a string literal or no initializer` };
  }
  const init = spec.values.length === spec.names.length ? spec.values[index] : undefined;
  const literal = stringLiteralValue(init);
  if (init && literal === undefined) {
    return { ok: false, note: `${name} (${where}) is initialized by ${init.map((t) => t.text).join(" ")}: -X only overrides an uninitialized or constant string variable` };
  }
  // `var x` with neither type nor value does not compile; nothing to say.
  if (typeText === "" && !init) return { ok: false };
  return literal !== undefined ? { ok: true, initialValue: literal } : { ok: true };
}

const ROLE_ORDER: (VersionRole | "other")[] = ["version", "revision", "created", "other"];

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
        const checked = settableByLinker(spec, index, `${file.path}:${nameToken.line}`);
        if (!checked.ok) {
          if (checked.note) notes.push(checked.note);
          return;
        }
        variables.push({ symbol: `main.${name}`, name, role, file: file.path, line: nameToken.line, ...(checked.initialValue !== undefined ? { initialValue: checked.initialValue } : {}) });
      });
    }
  }
  variables.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.file.localeCompare(b.file) || a.line - b.line);
  const reason =
    variables.length > 0
      ? `${mainPackage} declares ${variables.map((v) => `${v.symbol} (${v.role})`).join(", ")}`
      : `no package-level string variable named like a version, commit or build date in ${mainPackage}`;
  return { variables, notes, reason };
}

/** A string variable of any package of the module (or a known library) that the build can stamp with -X. */
export interface BuildTimeVariable {
  /** The -X symbol: "main.version" or "github.com/acme/x/internal/version.Version". */
  readonly symbol: string;
  readonly name: string;
  /** The package's import path ("main" for the main package). */
  readonly importPath: string;
  /** "./internal/version", "./cmd/x"; undefined for a known library. */
  readonly pkg?: string;
  readonly role: VersionRole | "other";
  /** file:line of the declaration (for a known library: of the import). */
  readonly evidence: string;
  readonly initialValue?: string;
  /** Why it counts: the comment that says so, the package's name, or the library. */
  readonly why: string;
  /** The main package imports its package (directly or through the module's packages). */
  readonly importedByMain: boolean;
  /** Where code assigns it (file:line): such an assignment can replace the stamped value. */
  readonly assignedAt: string[];
  readonly source: "main" | "module" | "known library";
}

export interface BuildTimeVariables {
  readonly variables: BuildTimeVariable[];
  readonly notes: string[];
  readonly reason: string;
}

// What projects write next to a variable the build sets.
const STAMPED = /ldflags|ld_flags|ld flags|-X\b|build[- ]?time|at build\b|by the build|during (the )?build|set by (the )?(build|release|makefile|goreleaser)|linker|injected|goreleaser/i;
const VERSION_PACKAGES = new Set(["version", "buildinfo", "build"]);

// Libraries whose variables releases stamp, by import path: the variables they declare.
const KNOWN_LIBRARIES: { readonly path: string; readonly vars: readonly { name: string; role: VersionRole | "other" }[] }[] = [
  {
    path: "github.com/prometheus/common/version",
    vars: [
      { name: "Version", role: "version" },
      { name: "Revision", role: "revision" },
      { name: "Branch", role: "other" },
      { name: "BuildUser", role: "other" },
      { name: "BuildDate", role: "created" },
    ],
  },
];

/** Where functions of the package assign `name` (name = ... inside a body), as file:line. */
function assignmentsIn(files: GoFile[], name: string): string[] {
  const out: string[] = [];
  for (const f of files) {
    const t = f.tokens;
    let depth = 0;
    for (let i = 0; i < t.length; i++) {
      if (t[i].text === "{") depth++;
      else if (t[i].text === "}") depth--;
      if (depth > 0 && t[i].kind === "ident" && t[i].text === name && t[i + 1]?.text === "=" && t[i - 1]?.text !== "." && t[i - 1]?.text !== ",") {
        out.push(`${f.path}:${t[i].line}`);
      }
    }
  }
  return out;
}

/**
 * String variables anywhere in the module that the build is documented to set: a doc or
 * trailing comment that mentions ldflags, -X, build time, the linker or injection; the
 * exported version/commit/date variables of a package named version, buildinfo or build;
 * the main package's variables named like a version (as findVersionVariables); and the
 * variables of known libraries (prometheus/common/version) the main package imports.
 */
export function findBuildTimeVariables(dir: string, modulePath: string, mainPackage: string): BuildTimeVariables {
  const mainDir = packageDir(mainPackage);
  const { packages, truncated } = loadModulePackages(dir, (rel) => nonDeliverableReason(rel) !== undefined);
  if (!packages.some((p) => p.dir === mainDir)) packages.push({ pkg: packageLabel(mainDir), dir: mainDir, depth: 0, files: readPackageFiles(dir, mainDir) });
  const reachable = reachableDirs(packages, mainDir, modulePath);
  const variables: BuildTimeVariable[] = [];
  const notes: string[] = [];
  for (const p of packages) {
    const files = p.files.filter((f) => (p.dir === mainDir ? f.packageName === "main" : f.packageName !== "main"));
    if (files.length === 0) continue;
    const isMain = p.dir === mainDir;
    const importPath = isMain ? "main" : p.dir ? `${modulePath}/${p.dir}` : modulePath;
    for (const file of files) collectFromFile(file, p, isMain, importPath, files, reachable.has(p.dir), variables, notes);
  }
  for (const lib of KNOWN_LIBRARIES) {
    const importer = packages
      .filter((p) => reachable.has(p.dir))
      .flatMap((p) => p.files.flatMap((f) => f.imports.filter((i) => i.path === lib.path).map((i) => `${f.path}:${i.line}`)))[0];
    if (!importer) continue;
    for (const v of lib.vars) {
      variables.push({
        symbol: `${lib.path}.${v.name}`, name: v.name, importPath: lib.path, role: v.role, evidence: importer,
        why: `${lib.path} is imported at ${importer}; releases stamp its ${v.name} with -X`, importedByMain: true, assignedAt: [], source: "known library",
      });
    }
  }
  if (truncated) notes.push("the module has more package directories than were read; variables in the rest were not looked for");
  const rank = (v: BuildTimeVariable) => (v.source === "main" ? 0 : v.importedByMain ? 1 : 2);
  variables.sort((a, b) => rank(a) - rank(b) || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.evidence.localeCompare(b.evidence, "en", { numeric: true }));
  const stamped = variables.filter((v) => v.importedByMain);
  const reason =
    variables.length === 0
      ? `no variable documented as set at build time, and none named like a version in ${mainPackage} or a version package`
      : `${stamped.length > 0 ? `${mainPackage} links ${stamped.map((v) => `${v.symbol} (${v.role})`).join(", ")}` : `${mainPackage} links none of them`}` +
        (stamped.length < variables.length ? `; not linked by ${mainPackage}: ${variables.filter((v) => !v.importedByMain).map((v) => v.symbol).join(", ")}` : "");
  return { variables, notes, reason };
}

function collectFromFile(
  file: GoFile,
  p: LoadedPackage,
  isMain: boolean,
  importPath: string,
  packageFiles: GoFile[],
  importedByMain: boolean,
  out: BuildTimeVariable[],
  notes: string[],
): void {
  const versionPackage = !isMain && VERSION_PACKAGES.has(file.packageName);
  for (const spec of topLevelSpecs(file.tokens)) {
    const specDoc = docCommentAbove(file, spec.line) || trailingComment(file, spec.endLine);
    const groupDoc = spec.inGroup ? docCommentAbove(file, spec.groupLine) : "";
    // "Buildtime is the timestamp..." names the variable, it does not say the build sets it.
    const names = spec.names.map((n) => n.text);
    const says = (doc: string) => STAMPED.test(names.reduce((d, n) => d.split(n).join(""), doc));
    const documented = says(specDoc) ? specDoc : says(groupDoc) ? groupDoc : undefined;
    spec.names.forEach((nameToken, index) => {
      const name = nameToken.text;
      if (name === "_") return;
      const where = `${file.path}:${nameToken.line}`;
      const named = roleOf(name);
      let why: string | undefined;
      if (documented !== undefined) why = `documented as set at build time: "${firstSentence(documented)}"`;
      else if (isMain && named) why = `a main package variable named like a ${named}`;
      else if (versionPackage && named && /^[A-Z]/.test(name)) why = `an exported variable of package ${file.packageName}, named like a ${named}`;
      if (!why) return;
      const checked = settableByLinker(spec, index, where);
      if (!checked.ok) {
        if (checked.note) notes.push(checked.note);
        return;
      }
      const role = named ?? roleFromParts(name) ?? "other";
      const assignedAt = assignmentsIn(packageFiles, name);
      if (assignedAt.length > 0) notes.push(`${importPath}.${name} (${where}) is also assigned at ${assignedAt.join(", ")}: that code can replace a value set with -X`);
      out.push({
        symbol: `${importPath}.${name}`, name, importPath, pkg: p.pkg, role, evidence: where,
        ...(checked.initialValue !== undefined ? { initialValue: checked.initialValue } : {}),
        why, importedByMain: isMain || importedByMain, assignedAt, source: isMain ? "main" : "module",
      });
    });
  }
}

/** A comment's first sentence, cut to a plan line's width. */
function firstSentence(comment: string): string {
  const sentence = comment.split(/(?<=\.)\s/)[0];
  return sentence.length > 72 ? `${sentence.slice(0, 69)}...` : sentence;
}
