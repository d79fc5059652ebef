/** What a -X variable is stamped with, judged from the goreleaser template it is given. */
export type LdflagRole = "version" | "revision" | "created" | "branch" | "other";

/** One `-X symbol=value` of a goreleaser ldflags entry; value as written, templates included. */
export interface LinkerVariable {
  readonly symbol: string;
  readonly value: string;
  readonly role: LdflagRole;
}

export interface ParsedLdflags {
  readonly variables: LinkerVariable[];
  /** The other linker arguments, one element per argument: "-s", "-w", "-extldflags=-static". */
  readonly other: string[];
}

// Template fields goreleaser fills (https://goreleaser.com/customization/templates/).
const FIELD_ROLES: { readonly [field: string]: LdflagRole } = {
  Version: "version", RawVersion: "version", Tag: "version",
  FullCommit: "revision", Commit: "revision", ShortCommit: "revision",
  Date: "created", CommitDate: "created", CommitTimestamp: "created", Timestamp: "created", Now: "created",
  Branch: "branch",
};

// Linker flags that take the next argument as their value (go tool link -help).
const FLAGS_WITH_VALUE = new Set([
  "B", "E", "H", "I", "L", "R", "T", "X", "buildid", "buildmode", "extar", "extld", "extldflags", "importcfg",
  "installsuffix", "k", "libgcc", "linkmode", "o", "pluginpath", "r", "tmpdir", "memprofile", "cpuprofile",
  "benchmark", "benchmarkprofile",
]);

/**
 * Splits like `go build` splits -ldflags (blank-separated, a field may be quoted), after
 * goreleaser has filled its templates: so `{{ .Version }}`, spaces inside, stays in one word.
 */
export function splitGoreleaserLdflags(ldflags: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < ldflags.length; i++) {
    const c = ldflags[i];
    if (ldflags.startsWith("{{", i)) {
      const end = ldflags.indexOf("}}", i);
      const stop = end < 0 ? ldflags.length : end + 2;
      word += ldflags.slice(i, stop);
      inWord = true;
      i = stop - 1;
    } else if (c === "'" || c === '"') {
      const end = ldflags.indexOf(c, i + 1);
      const stop = end < 0 ? ldflags.length : end;
      word += ldflags.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The role of a -X value from the goreleaser fields it uses; "other" when none, or several roles. */
export function templateRole(value: string): LdflagRole {
  const roles = new Set<LdflagRole>();
  for (const [, inner] of value.matchAll(/\{\{-?([^}]*)\}\}/g)) {
    const fieldName = /^\s*\.(\w+)/.exec(inner)?.[1];
    if (fieldName && Object.prototype.hasOwnProperty.call(FIELD_ROLES, fieldName)) roles.add(FIELD_ROLES[fieldName]);
    else if (/^\s*time\s/.test(inner)) roles.add("created");
    else roles.add("other");
  }
  return roles.size === 1 ? [...roles][0] : "other";
}

export function parseGoreleaserLdflags(ldflags: string): ParsedLdflags {
  const variables: LinkerVariable[] = [];
  const other: string[] = [];
  const words = splitGoreleaserLdflags(ldflags);
  for (let i = 0; i < words.length; i++) {
    const flag = /^--?([A-Za-z]\w*)(=(.*))?$/s.exec(words[i]);
    if (!flag) {
      other.push(words[i]);
      continue;
    }
    const [, name, withEquals, inlineValue] = flag;
    const value = withEquals ? inlineValue : FLAGS_WITH_VALUE.has(name) && i + 1 < words.length ? words[++i] : undefined;
    const eq = value?.indexOf("=") ?? -1;
    if (name === "X" && value !== undefined && eq > 0) {
      const varValue = value.slice(eq + 1);
      variables.push({ symbol: value.slice(0, eq), value: varValue, role: templateRole(varValue) });
    } else {
      other.push(value === undefined ? `-${name}` : `-${name}=${value}`);
    }
  }
  return { variables, other };
}
