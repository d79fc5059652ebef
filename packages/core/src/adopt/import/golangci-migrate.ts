// A golangci-lint v1 config as the v2 config `golangci-lint migrate` writes for it (its migration
// guide, https://golangci-lint.run/docs/product/migration-guide/), as plain data. Where migrate drops
// an option silently, the result drops it too but says so in a note; two choices differ on purpose:
// run.skip-dirs/skip-files (v1 read them as issues.exclude-dirs/exclude-files) are carried, and an
// unknown key is kept where it was, with a note, instead of vanishing.
import type { ConfigPath } from "./golangci-document";
import {
  REMOVED_LINTERS, V1_DEFAULT_LINTERS, V1_FORMATTERS, canonicalLinterNames, mergeDisabledStaticcheck,
  mergeStaticcheck, onlyFormatters, onlyLinters, uniqueSorted,
} from "./golangci-linters";
import { isData, migrateSettings } from "./golangci-settings";
import type { Data, Note } from "./golangci-settings";

/** The v2 exclusion presets and the v1 default exclusions (issues.include ids) each holds. */
const PRESETS: ReadonlyMap<string, readonly string[]> = new Map([
  ["comments", ["EXC0011", "EXC0012", "EXC0013", "EXC0014", "EXC0015"]],
  ["common-false-positives", ["EXC0006", "EXC0007", "EXC0010"]],
  ["legacy", ["EXC0004", "EXC0005", "EXC0008", "EXC0009"]],
  ["std-error-handling", ["EXC0001"]],
]);

/** v1 skipped these directories unless exclude-dirs-use-default was false; v2 needs them listed. */
const V1_DEFAULT_EXCLUDED_DIRS = ["third_party$", "builtin$", "examples$"];

const TEST_FILES = "(.+)_test\\.go";

export function migrateV1(old: Data, note: Note): Data {
  const section = (name: string): Data => {
    const value = old[name];
    if (value !== undefined && value !== null && !isData(value)) note([name], `${name} is not a map: not carried`);
    return isData(value) ? value : {};
  };
  const run = section("run");
  const issues = section("issues");
  const settings = migrateSettings(section("linters-settings"), note);
  const linters = migrateLinterLists(section("linters"), note);
  const exclusions = migrateExclusions(issues, run, linters.formatters.length > 0, settings.skipTestsFor, note);

  const config: Data = { version: "2" };
  put(config, "run", migrateRun(run, note));
  put(config, "output", migrateOutput(section("output"), note));
  put(config, "linters", {
    ...linters.lists,
    ...nonEmpty({ settings: settings.linters }),
    ...nonEmpty({ exclusions: exclusions.linters }),
  });
  put(config, "issues", migrateIssues(issues, note));
  put(config, "severity", migrateSeverity(section("severity"), note));
  put(config, "formatters", {
    ...nonEmpty({ enable: linters.formatters }),
    ...nonEmpty({ settings: settings.formatters }),
    ...nonEmpty({ exclusions: exclusions.formatters }),
  });
  for (const key of Object.keys(old)) {
    if (["version", "run", "output", "linters-settings", "linters", "issues", "severity"].includes(key)) continue;
    note([key], `${key} is not a golangci-lint v1 section: kept as written`);
    config[key] = old[key];
  }
  return config;
}

interface LinterLists {
  readonly lists: Data;
  readonly formatters: string[];
}

function migrateLinterLists(old: Data, note: Note): LinterLists {
  const at = (key: string, ...rest: (string | number)[]): ConfigPath => ["linters", key, ...rest];
  const enabled = names(old, "enable", ["linters"], note);
  const disabled = names(old, "disable", ["linters"], note);
  for (const [key, list] of [["enable", enabled], ["disable", disabled]] as const) {
    list.forEach((name, i) => {
      if (REMOVED_LINTERS.includes(name)) note(at(key, i), `${name} is not a linter in golangci-lint v2: dropped`);
    });
  }
  const enable = canonicalLinterNames(enabled, "lists");
  const disable = canonicalLinterNames(disabled, "lists");
  const fast = old.fast === true;
  if (old.presets !== undefined) {
    note(at("presets"), "linters.presets is not carried: v2 has no presets, list their linters in linters.enable (golangci-lint migrate expands them)");
  }

  let lists: Data;
  let formatters: string[];
  if (old["disable-all"] === true) {
    lists = { default: "none", ...nonEmpty({ enable: onlyLinters(mergeStaticcheck(enable)) }) };
    formatters = onlyFormatters(enable);
  } else if (old["enable-all"] === true) {
    if (fast) note(at("fast"), "linters.fast with enable-all is not carried: v2 has no fast filter in the config, add the slow linters to linters.disable");
    lists = { default: "all", ...nonEmpty({ disable: onlyLinters(mergeDisabledStaticcheck(disable)) }) };
    formatters = V1_FORMATTERS.filter((name) => !disable.includes(name));
  } else {
    // v2's standard set is v1's defaults: only the linters beyond it are listed.
    const slowDefaults = fast ? [...V1_DEFAULT_LINTERS].filter(([name, { slow }]) => slow && !enable.includes(name)).map(([name]) => name) : [];
    const effectiveDisable = uniqueSorted([...slowDefaults, ...disable]);
    const effectiveEnable = enable.filter((name) => !V1_DEFAULT_LINTERS.has(name) && !effectiveDisable.includes(name));
    lists = nonEmpty({
      enable: onlyLinters(mergeStaticcheck(effectiveEnable)),
      disable: onlyLinters(mergeDisabledStaticcheck(effectiveDisable)),
    });
    formatters = onlyFormatters(effectiveEnable);
  }

  const moved = onlyFormatters(enabled);
  if (moved.length) note(at("enable"), `${moved.join(", ")}: ${moved.length > 1 ? "formatters" : "a formatter"} in v2, moved to formatters.enable`);
  const merged = [...enabled, ...disabled].filter((name) => name === "gosimple" || name === "stylecheck");
  if (merged.length) note(["linters"], `${uniqueSorted(merged).join(", ")}: part of staticcheck in v2 (enabling one enables staticcheck; disabling one alone is not carried)`);
  for (const key of Object.keys(old)) {
    if (["enable", "disable", "enable-all", "disable-all", "fast", "presets"].includes(key)) continue;
    note(at(key), `linters.${key} is not a golangci-lint v1 option: kept as written`);
    lists[key] = old[key];
  }
  return { lists, formatters };
}

interface Exclusions {
  readonly linters: Data;
  readonly formatters: Data;
}

function migrateExclusions(issues: Data, run: Data, formattersEnabled: boolean, skipTestsFor: string[], note: Note): Exclusions {
  const at = (key: string, ...rest: (string | number)[]): ConfigPath => ["issues", key, ...rest];
  const generated = exclusionGenerated(issues["exclude-generated"]);
  if (issues["exclude-generated-strict"] !== undefined) {
    note(at("exclude-generated-strict"), "issues.exclude-generated-strict is not carried: deprecated since v1.59, v2 says linters.exclusions.generated: strict");
  }
  const caseSensitive = issues["exclude-case-sensitive"] === true;
  if (issues["exclude-case-sensitive"] !== undefined) note(at("exclude-case-sensitive"), "issues.exclude-case-sensitive is gone: v2 always matches text and source case-sensitively");

  const rules: Data[] = [];
  const formatterPaths: string[] = [];
  list(issues["exclude-rules"]).forEach((rule, i) => {
    if (!isData(rule)) return note(at("exclude-rules", i), "an exclude rule that is not a map: not carried");
    const named = names(rule, "linters", at("exclude-rules", i), note);
    const all = mergeStaticcheck(canonicalLinterNames(named, "rules"));
    const path = typeof rule.path === "string" ? rule.path : undefined;
    if (onlyFormatters(all).length && path) {
      formatterPaths.push(path);
      note(at("exclude-rules", i, "linters"), `formatters ${onlyFormatters(all).join(", ")} in an exclude rule: v2 can only exclude whole paths from formatting, so ${path} goes to formatters.exclusions.paths`);
    }
    const removed = named.filter((name) => REMOVED_LINTERS.includes(name) && name !== "typecheck");
    if (removed.length) note(at("exclude-rules", i, "linters"), `${removed.join(", ")}: not linters in golangci-lint v2, this rule no longer matches them`);
    const linters = onlyLinters(all);
    if (named.length && !linters.length) {
      if (!onlyFormatters(all).length) note(at("exclude-rules", i), `an exclude rule for ${named.join(", ")} only: not linters in v2, not carried`);
      return;
    }
    const migrated: Data = nonEmpty({ linters });
    for (const [key, value] of Object.entries(rule)) {
      if (key === "linters") continue;
      if (!["path", "path-except", "text", "source"].includes(key)) note(at("exclude-rules", i, key), `${key} is not an exclude rule field: kept as written`);
      migrated[key] = value;
    }
    rules.push(migrated);
  });
  if (rules.some((rule) => rule.text !== undefined || rule.source !== undefined) && !caseSensitive) {
    note(at("exclude-rules"), "v1 matched exclude rules' text and source case-insensitively, v2 case-sensitively: prefix a pattern with (?i) where the case differs");
  }
  list(issues.exclude).forEach((pattern, i) => {
    if (typeof pattern !== "string") return note(at("exclude", i), "an exclude pattern that is not a string: not carried");
    rules.push({ path: "(.+)\\.go$", text: pattern });
  });
  if (skipTestsFor.length) rules.push({ linters: skipTestsFor, path: TEST_FILES });

  const files = [...strings(issues["exclude-files"]), ...runSkips(run, "skip-files", "exclude-files", note)];
  const dirs = [...strings(issues["exclude-dirs"]), ...runSkips(run, "skip-dirs", "exclude-dirs", note)];
  const useDefaultDirs = issues["exclude-dirs-use-default"] ?? run["skip-dirs-use-default"];
  const defaultDirs = useDefaultDirs === false ? [] : V1_DEFAULT_EXCLUDED_DIRS;

  return {
    linters: nonEmpty({
      generated,
      presets: presets(issues, note),
      rules,
      paths: [...files, ...dirs, ...defaultDirs],
    }),
    formatters: nonEmpty({
      generated,
      paths: [...(formattersEnabled ? [...files, ...dirs] : []), ...defaultDirs, ...formatterPaths],
    }),
  };
}

/** v1 skipped generated files laxly by default; v2's default is strict, so lax is written out. */
function exclusionGenerated(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return "lax";
  return value === "strict" ? undefined : String(value);
}

function presets(issues: Data, note: Note): string[] {
  if (issues["exclude-use-default"] === false) return [];
  const included = strings(issues.include);
  const kept = [...PRESETS].filter(([, ids]) => !ids.some((id) => included.includes(id))).map(([name]) => name);
  const dropped = [...PRESETS.keys()].filter((name) => !kept.includes(name));
  if (dropped.length) note(["issues", "include"], `issues.include: the presets ${dropped.join(", ")} are left out, v2 cannot re-include a single default exclusion`);
  return kept;
}

/** run.skip-dirs/skip-files: deprecated in v1.57 for issues.exclude-dirs/exclude-files, which v1 read them as. */
function runSkips(run: Data, key: string, replacement: string, note: Note): string[] {
  const values = strings(run[key]);
  if (values.length) note(["run", key], `run.${key} (deprecated since v1.57, dropped by golangci-lint migrate) carried as issues.${replacement} to linters.exclusions.paths`);
  return values;
}

function migrateRun(old: Data, note: Note): Data {
  const run: Data = {};
  for (const [key, value] of Object.entries(old)) {
    const path = ["run", key];
    switch (key) {
      case "timeout":
        note(path, "run.timeout is not carried: v2 has no timeout by default");
        break;
      case "concurrency":
        if (value !== 0) run[key] = value;
        break;
      case "relative-path-mode":
        if (value !== "cfg") run[key] = value;
        break;
      case "go": case "build-tags": case "modules-download-mode": case "issues-exit-code": case "tests":
      case "allow-parallel-runners": case "allow-serial-runners":
        run[key] = value;
        break;
      case "skip-dirs": case "skip-files": case "skip-dirs-use-default":
        break; // exclusions
      case "show-stats":
        note(path, "run.show-stats is not carried: v2 shows stats by default");
        break;
      default:
        note(path, `run.${key} is not a golangci-lint v1 option: kept as written`);
        run[key] = value;
    }
  }
  return run;
}

/** v1 output formats and the v2 format (and its colors) each became. */
const OUTPUT_FORMATS: Readonly<Record<string, { format: string; colors?: false; extended?: true }>> = {
  "colored-line-number": { format: "text" },
  "line-number": { format: "text", colors: false },
  json: { format: "json" },
  "colored-tab": { format: "tab" },
  tab: { format: "tab", colors: false },
  html: { format: "html" },
  checkstyle: { format: "checkstyle" },
  "code-climate": { format: "code-climate" },
  "junit-xml": { format: "junit-xml" },
  "junit-xml-extended": { format: "junit-xml", extended: true },
  teamcity: { format: "teamcity" },
  sarif: { format: "sarif" },
};

/** When both were listed, v1 wrote the colored/extended one: the other is dropped. */
const SUPERSEDED_FORMATS: Readonly<Record<string, string>> = { "line-number": "colored-line-number", tab: "colored-tab", "junit-xml": "junit-xml-extended" };

function migrateOutput(old: Data, note: Note): Data {
  const listed = outputFormats(old.formats);
  const formats: Data = {};
  for (const { format, path } of listed) {
    if (SUPERSEDED_FORMATS[format] && listed.some((f) => f.format === SUPERSEDED_FORMATS[format])) continue;
    const target = OUTPUT_FORMATS[format];
    if (!target) {
      note(["output", "formats"], format === "github-actions" ? "output format github-actions is gone in v2: not carried" : `output format ${format} is unknown: not carried`);
      continue;
    }
    const options: Data = { path: path || "stdout" };
    if (target.format === "text" || target.format === "tab") {
      if (old["print-linter-name"] !== undefined) options["print-linter-name"] = old["print-linter-name"];
      if (target.format === "text" && old["print-issued-lines"] !== undefined) options["print-issued-lines"] = old["print-issued-lines"];
    }
    if (target.colors === false) options.colors = false;
    if (target.extended) options.extended = true;
    formats[target.format] = options;
  }

  const output: Data = nonEmpty({ formats });
  for (const [key, value] of Object.entries(old)) {
    const path = ["output", key];
    switch (key) {
      case "formats":
        break;
      case "print-issued-lines": case "print-linter-name":
        if (!formats.text && !formats.tab) note(path, `output.${key} is not carried: v2 has it only on output.formats.text/tab, and no format is listed`);
        break;
      case "sort-order": case "path-prefix":
        output[key] = value;
        break;
      case "format":
        note(path, "output.format is not carried: deprecated since v1.57, use output.formats");
        break;
      case "sort-results":
        note(path, "output.sort-results is not carried: v2 always sorts");
        break;
      case "show-stats":
        note(path, "output.show-stats is not carried: v2 shows stats by default");
        break;
      case "uniq-by-line":
        note(path, "output.uniq-by-line is not carried: deprecated since v1.63, use issues.uniq-by-line");
        break;
      default:
        note(path, `output.${key} is not a golangci-lint v1 option: kept as written`);
        output[key] = value;
    }
  }
  return output;
}

/** output.formats: a list of {format, path}, or v1's flag form "format[:path],...". */
function outputFormats(value: unknown): { format: string; path: string }[] {
  if (typeof value === "string") {
    return value.split(",").map((item) => {
      const [format, ...path] = item.split(":");
      return { format: format!, path: path.join(":") };
    });
  }
  return list(value).filter(isData).map((f) => ({ format: String(f.format ?? ""), path: typeof f.path === "string" ? f.path : "" }));
}

const ISSUES_KEPT = ["max-issues-per-linter", "max-same-issues", "uniq-by-line", "new-from-rev", "new-from-merge-base", "new-from-patch", "whole-files", "new", "fix"];
const ISSUES_TO_EXCLUSIONS = [
  "exclude", "exclude-rules", "exclude-use-default", "include", "exclude-case-sensitive", "exclude-generated",
  "exclude-generated-strict", "exclude-files", "exclude-dirs", "exclude-dirs-use-default",
];

function migrateIssues(old: Data, note: Note): Data {
  const issues: Data = {};
  for (const [key, value] of Object.entries(old)) {
    if (ISSUES_TO_EXCLUSIONS.includes(key)) continue;
    if (!ISSUES_KEPT.includes(key)) note(["issues", key], `issues.${key} is not a golangci-lint v1 option: kept as written`);
    issues[key] = value;
  }
  return issues;
}

function migrateSeverity(old: Data, note: Note): Data {
  const severity: Data = {};
  for (const [key, value] of Object.entries(old)) {
    if (key === "default-severity") severity.default = value;
    else if (key === "case-sensitive") note(["severity", key], "severity.case-sensitive is gone: v2 always matches case-sensitively");
    else if (key !== "rules") {
      note(["severity", key], `severity.${key} is not a golangci-lint v1 option: kept as written`);
      severity[key] = value;
    }
  }
  const rules: Data[] = [];
  list(old.rules).forEach((rule, i) => {
    if (!isData(rule)) return note(["severity", "rules", i], "a severity rule that is not a map: not carried");
    const named = names(rule, "linters", ["severity", "rules", i], note);
    const linters = mergeStaticcheck(canonicalLinterNames(named, "rules"));
    if (named.length && !linters.length) return note(["severity", "rules", i], `a severity rule for ${named.join(", ")} only: not linters in v2, not carried`);
    const { linters: _, ...rest } = rule;
    rules.push({ ...nonEmpty({ linters }), ...rest });
  });
  return { ...severity, ...nonEmpty({ rules }) };
}

/** A list of linter names at data[key]; anything else in it is noted. */
function names(data: Data, key: string, at: ConfigPath, note: Note): string[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) {
    note([...at, key], `${key} is not a list of linters: not carried`);
    return [];
  }
  return value.filter((name, i) => typeof name === "string" || (note([...at, key, i], `${String(name)} is not a linter name: not carried`), false));
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return list(value).filter((v): v is string => typeof v === "string");
}

/** The entries of data that say something: no undefined, empty list or empty map (v2's omitempty). */
function nonEmpty(data: Data): Data {
  return Object.fromEntries(
    Object.entries(data).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length) && !(isData(v) && !Object.keys(v).length)),
  );
}

function put(target: Data, key: string, value: Data): void {
  if (Object.keys(value).length) target[key] = value;
}
