// v1 `linters-settings` to v2 `linters.settings` and `formatters.settings`. Most linters kept their
// options as they were, so a linter's settings pass through, except for the options the migration
// guide lists as renamed, reshaped or removed.
import type { ConfigPath } from "./golangci-document";
import { FORMATTERS, MERGED_INTO_STATICCHECK, REMOVED_LINTERS } from "./golangci-linters";

export type Data = Record<string, unknown>;
export type Note = (path: ConfigPath, message: string) => void;

export interface MigratedSettings {
  readonly linters: Data;
  readonly formatters: Data;
  /** Linters whose v1 settings skipped test files: v2 says so with an exclusion rule. */
  readonly skipTestsFor: string[];
}

const GENERATED = "v2 handles generated files for every linter with linters.exclusions.generated";

/** Options v2 removed, with what to do instead. */
const REMOVED_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  copyloopvar: { "ignore-alias": "deprecated since v1.58: v2 has check-alias instead" },
  errcheck: { exclude: "deprecated since v1.42: list the functions in exclude-functions", ignore: "deprecated since v1.13: list the functions in exclude-functions" },
  exhaustive: { "check-generated": GENERATED },
  godot: { "check-all": "use scope: all" },
  gosec: { "exclude-generated": GENERATED },
  govet: { "check-shadowing": "deprecated since v1.57: add shadow to linters.settings.govet.enable to keep the check" },
  revive: { "ignore-generated-header": GENERATED },
  sloglint: { "context-only": "deprecated since v1.58: use context: scope" },
  unparam: { algo: "the option is gone in v2" },
  unused: { "exported-is-used": "deprecated since v1.60: the option is gone in v2" },
  usestdlibvars: { "os-dev-null": "deprecated since v1.51: the check is gone", "syslog-priority": "deprecated since v1.51: the check is gone" },
  gci: { "local-prefixes": "deprecated since v1.44: use sections with prefix(...)", "skip-generated": GENERATED.replace("linters.", "formatters.") },
  gofumpt: { "lang-version": "use run.go" },
};

const RENAMED_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  misspell: { "ignore-words": "ignore-rules" },
  predeclared: { q: "qualified-name" },
  wrapcheck: {
    ignoreSigs: "ignore-sigs",
    ignoreSigRegexps: "ignore-sig-regexps",
    ignorePackageGlobs: "ignore-package-globs",
    ignoreInterfaceRegexps: "ignore-interface-regexps",
  },
};

/** v1 options that made a linter skip _test.go files. */
const SKIP_TESTS_OPTION: Readonly<Record<string, string>> = {
  asasalint: "ignore-test",
  cyclop: "skip-tests",
  goconst: "ignore-tests",
  gosmopolitan: "ignore-tests",
};

/** stylecheck options that v2 has under staticcheck. */
const STYLECHECK_OPTIONS = ["initialisms", "dot-import-whitelist", "http-status-code-whitelist"];

export function isData(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function migrateSettings(old: Data, note: Note): MigratedSettings {
  const at = (linter: string, ...rest: (string | number)[]): ConfigPath => ["linters-settings", linter, ...rest];
  const linters: Data = {};
  const formatters: Data = {};
  const skipTestsFor: string[] = [];
  let staticcheckAdded = false;

  for (const [linter, value] of Object.entries(old)) {
    if (!isData(value)) {
      if (value !== null) note(at(linter), `linters-settings.${linter} is not a map: not carried`);
      continue;
    }
    if (REMOVED_LINTERS.includes(linter)) {
      note(at(linter), `${linter} is not a linter in golangci-lint v2: its settings are not carried`);
      continue;
    }
    if (linter === "staticcheck" || MERGED_INTO_STATICCHECK.includes(linter)) {
      if (!staticcheckAdded) {
        const merged = mergeStaticcheckSettings(old, note);
        if (Object.keys(merged).length) linters.staticcheck = merged;
        staticcheckAdded = true;
      }
      continue;
    }
    const settings = migrateOptions(linter, value, note, (key) => at(linter, key));
    const skipKey = SKIP_TESTS_OPTION[linter];
    if (skipKey && skipKey in settings) {
      if (settings[skipKey] === true) skipTestsFor.push(linter);
      delete settings[skipKey];
    }
    if (!Object.keys(settings).length) continue;
    (FORMATTERS.includes(linter) ? formatters : linters)[linter] = settings;
  }
  return { linters, formatters, skipTestsFor: skipTestsFor.sort() };
}

function migrateOptions(linter: string, value: Data, note: Note, at: (key: string) => ConfigPath): Data {
  const removed = REMOVED_OPTIONS[linter] ?? {};
  const renamed = RENAMED_OPTIONS[linter] ?? {};
  const settings: Data = {};
  for (const [key, option] of Object.entries(value)) {
    if (option === null || option === undefined) continue;
    if (key in removed) {
      note(at(key), `linters-settings.${linter}.${key} is not carried: ${removed[key]}`);
      continue;
    }
    settings[renamed[key] ?? key] = reshape(linter, key, option);
  }
  return settings;
}

/** The options whose value changed shape in v2. */
function reshape(linter: string, key: string, value: unknown): unknown {
  // A comma-separated string became a list.
  if ((linter === "goimports" && key === "local-prefixes") || (linter === "predeclared" && key === "ignore")) {
    return typeof value === "string" ? (value === "" ? [] : value.split(",")) : value;
  }
  // A pattern was a string or {p, pkg, msg}; v2 always has {pattern, pkg, msg}.
  if (linter === "forbidigo" && key === "forbid" && Array.isArray(value)) {
    return value.map((entry) => {
      if (typeof entry === "string") return { pattern: entry };
      if (!isData(entry)) return entry;
      const { p, ...rest } = entry;
      return p === undefined ? entry : { pattern: p, ...rest };
    });
  }
  // ruleguard's rules name the config's directory ${base-path} in v2.
  if (linter === "gocritic" && key === "settings" && isData(value) && isData(value.ruleguard) && typeof value.ruleguard.rules === "string") {
    return { ...value, ruleguard: { ...value.ruleguard, rules: value.ruleguard.rules.replaceAll("${configDir}", "${base-path}") } };
  }
  return value;
}

/** staticcheck, gosimple and stylecheck are one linter in v2: their checks merge; stylecheck's options move over. */
function mergeStaticcheckSettings(old: Data, note: Note): Data {
  const checks: string[] = [];
  const moved: Data = {};
  for (const linter of ["staticcheck", "stylecheck", "gosimple"]) {
    const value = old[linter];
    if (!isData(value)) continue;
    for (const [key, option] of Object.entries(value)) {
      const path = ["linters-settings", linter, key];
      if (key === "checks" && Array.isArray(option)) {
        checks.push(...option.map((check) => (check === "*" ? "all" : String(check))));
        if (linter !== "staticcheck") note(path, `linters-settings.${linter}.checks merged into linters.settings.staticcheck.checks: ${linter} is part of staticcheck in v2`);
      } else if (linter === "stylecheck" && STYLECHECK_OPTIONS.includes(key)) {
        moved[key] = option;
      } else if (key === "go") {
        note(path, `linters-settings.${linter}.go is not carried: deprecated since v1.47, v2 uses run.go`);
      } else {
        note(path, `linters-settings.${linter}.${key} is not carried: v2's staticcheck has no such option`);
      }
    }
  }
  if (!checks.length) return moved;
  // "all" first: the other entries refine it.
  const unique = [...new Set(checks)].sort();
  return { checks: unique.includes("all") ? ["all", ...unique.filter((c) => c !== "all")] : unique, ...moved };
}
