import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Found, SourceLocation } from "./location";
import { formatLocation } from "./location";
import { expandOnce, findGoBuildFlags, findXFlags, goFlagsIn, unresolved } from "./makefile-flags";
import type { GoFlagWritten, VariableValues } from "./makefile-flags";
import { findTopLevel, joinContinuations, lineAt, logicalLines, splitComment, words } from "./makefile-lines";
import type { LogicalLine } from "./makefile-lines";

/** The makefiles GNU make reads when none is named, in its order. */
const MAKEFILES = ["GNUmakefile", "makefile", "Makefile"];

/** Targets that configure make rather than build something. */
const SPECIAL_TARGETS = new Set([
  ".PHONY", ".SUFFIXES", ".DEFAULT", ".PRECIOUS", ".INTERMEDIATE", ".NOTINTERMEDIATE", ".SECONDARY",
  ".SECONDEXPANSION", ".DELETE_ON_ERROR", ".IGNORE", ".LOW_RESOLUTION_TIME", ".SILENT",
  ".EXPORT_ALL_VARIABLES", ".NOTPARALLEL", ".ONESHELL", ".POSIX", ".WAIT",
]);

export interface MakeTarget {
  readonly name: string;
  /** As written (a reference such as $(GOTEST_DIR) is kept); order-only ones included. */
  readonly prerequisites: string[];
  readonly hasRecipe: boolean;
  /** From `target: ## text` or the comment right above the rule. */
  readonly description?: string;
  readonly phony: boolean;
  /** Defined inside ifeq/ifneq/ifdef/ifndef: whether it exists depends on the condition. */
  readonly conditional?: true;
  /** A `::` rule: each of its rules runs independently. */
  readonly doubleColon?: true;
}

export type MakeAssignment = "=" | ":=" | "::=" | ":::=" | "?=" | "+=" | "!=";

export interface MakeVariable {
  readonly name: string;
  readonly operator: MakeAssignment;
  /** As written: references are not expanded; a define's body keeps its lines. */
  readonly value: string;
  /** Passed to recipes' environment (export, or .EXPORT_ALL_VARIABLES / a bare export). */
  readonly exported: boolean;
  readonly conditional?: true;
  /** A target-specific variable (`target: NAME = value`): set only while that target is made. */
  readonly target?: string;
}

/** -X symbol=value for the Go linker, with references to the file's variables expanded one level. */
export interface MakeLdflagX {
  readonly symbol: string;
  readonly value: string;
  /** The flag as the file writes it. */
  readonly written: string;
}

/** A `go build` flag: -trimpath, or -buildmode/-mod/-tags with its value. */
export interface MakeGoFlag {
  readonly flag: "-trimpath" | "-buildmode" | "-mod" | "-tags";
  readonly value?: string;
}

export interface ImportedMakefile {
  readonly targets: Found<MakeTarget>[];
  /** Rules whose targets are named by a reference ($(BIN), $(PROMU)): raw text, not expanded (pattern rules are left out). */
  readonly fileTargets: Found<string>[];
  readonly variables: Found<MakeVariable>[];
  /** Files named by include, -include and sinclude, as written. */
  readonly includes: Found<string>[];
  readonly ldflagsX: Found<MakeLdflagX>[];
  readonly goFlags: Found<MakeGoFlag>[];
  /** What could not be resolved or understood, each "file:line: text". */
  readonly notes: string[];
}

/** The makefile GNU make would read in dir, relative to it, if any. */
export function findMakefile(dir: string): string | undefined {
  return MAKEFILES.find((name) => existsSync(join(dir, name)));
}

interface Rule {
  readonly names: string[];
  readonly prerequisites: string[];
  readonly doubleColon: boolean;
  readonly description?: string;
  readonly conditional: boolean;
  readonly at: SourceLocation;
  hasRecipe: boolean;
}

/** file is the makefile's path relative to the repository (facts point there). */
export function importMakefile(text: string, file: string): ImportedMakefile {
  const at = (line: number): SourceLocation => ({ file, line });
  const notes: string[] = [];
  const note = (line: number, message: string) => notes.push(`${formatLocation(at(line))}: ${message}`);

  const rules: Rule[] = [];
  const fileTargets: Found<string>[] = [];
  const variables: Found<MakeVariable>[] = [];
  const includes: Found<string>[] = [];
  /** Where flags can be written: assignments (comments cut), recipes and define bodies, as read (lines kept). */
  const flagSources: LogicalLine[] = [];
  const phony = new Set<string>();
  const exportedNames = new Set<string>();
  const unexportedNames = new Set<string>();
  let exportAll = false;

  let recipePrefix = "\t";
  let currentRule: Rule | undefined;
  let conditionalDepth = 0;
  let define: { name: string; operator: MakeAssignment; exported: boolean; body: string[]; line: number; depth: number; conditional: boolean } | undefined;
  /** Comment lines right above the current line (a description candidate), with .PHONY lines between allowed. */
  let commentsAbove: string[] = [];

  const addVariable = (logical: LogicalLine, variable: Omit<MakeVariable, "exported"> & { exported?: boolean }) => {
    variables.push({ value: { ...variable, exported: variable.exported ?? false, ...(conditionalDepth ? { conditional: true } : {}) }, at: at(logical.line) });
    flagSources.push({ text: splitComment(logical.text).code, line: logical.line });
    if (variable.name === ".RECIPEPREFIX" && !variable.target) recipePrefix = variable.value.trim()[0] ?? "\t";
  };

  for (const logical of logicalLines(text)) {
    const raw = logical.text;
    if (define) {
      const directive = raw.trim().split(/\s+/)[0];
      if (directive === "define") define.depth++;
      if (directive === "endef" && --define.depth === 0) {
        const { name, operator, exported, body, line, conditional } = define;
        const variable = { value: { name, operator, value: body.join("\n"), exported, ...(conditional ? { conditional: true as const } : {}) }, at: at(line) };
        variables.push(variable);
        flagSources.push({ text: variable.value.value, line: line + 1 });
        define = undefined;
      } else {
        define.body.push(raw);
      }
      continue;
    }

    if (currentRule && raw.startsWith(recipePrefix)) {
      currentRule.hasRecipe = true;
      flagSources.push(logical);
      commentsAbove = [];
      continue;
    }

    const { code, comment } = splitComment(joinContinuations(raw));
    const line = code.trim();
    if (!line) {
      // A comment line (or blank) does not end a rule's recipe; a blank line ends a comment block.
      if (comment !== undefined && !raw.startsWith(recipePrefix) && /^\s*#/.test(raw)) commentsAbove.push(comment);
      else if (!raw.trim()) commentsAbove = [];
      continue;
    }

    const keyword = line.split(/\s+/)[0]!;
    const rest = line.slice(keyword.length).trim();

    if (["ifeq", "ifneq", "ifdef", "ifndef"].includes(keyword)) {
      conditionalDepth++;
      continue;
    }
    if (keyword === "else") continue; // `else ifeq ...` stays at the same depth
    if (keyword === "endif") {
      conditionalDepth = Math.max(0, conditionalDepth - 1);
      continue;
    }
    currentRule = undefined;
    const description = descriptionFrom(commentsAbove);
    if (!line.startsWith(".PHONY")) commentsAbove = [];

    if (["include", "-include", "sinclude"].includes(keyword) && !/^\s*[:+?!]?=/.test(rest)) {
      for (const name of words(rest)) includes.push({ value: name, at: at(logical.line) });
      continue;
    }

    let exported = false;
    let statement = line;
    for (;;) {
      const prefix = /^(export|override|private|unexport)(\s+|$)/.exec(statement);
      if (!prefix) break;
      if (prefix[1] === "export") exported = true;
      if (prefix[1] === "unexport") {
        for (const name of words(statement.slice(prefix[0].length))) unexportedNames.add(name);
        statement = "";
        break;
      }
      statement = statement.slice(prefix[0].length);
    }
    if (!statement) {
      if (exported && line === "export") exportAll = true;
      continue;
    }

    if (/^define(\s|$)/.test(statement)) {
      const head = /^define\s+(\S+?)\s*(=|:=|::=|:::=|\?=|\+=|!=)?\s*$/.exec(statement);
      define = {
        name: head?.[1] ?? statement.slice(6).trim(),
        operator: (head?.[2] as MakeAssignment | undefined) ?? "=",
        exported, body: [], line: logical.line, depth: 1, conditional: conditionalDepth > 0,
      };
      continue;
    }

    const assignment = parseAssignment(statement);
    if (assignment) {
      addVariable(logical, { ...assignment, value: assignment.value.replaceAll("\\#", "#"), exported });
      continue;
    }
    if (exported && !findTopLevelColon(statement)) {
      // export NAME...: the variables are exported wherever they are set.
      for (const name of words(statement)) exportedNames.add(name);
      continue;
    }

    const colon = findTopLevelColon(statement);
    if (colon === undefined) {
      if (/^\$[({]/.test(statement)) {
        // $(info/warning/error ...) only print; anything else (eval, call, foreach) may make rules and variables.
        if (!/^\$[({](info|warning|error)\s/.test(statement)) note(logical.line, `${statement}: made when make runs (rules or variables it makes are not read here)`);
      } else if (!/^(vpath|load)(\s|$)/.test(statement)) {
        note(logical.line, `not understood as a rule, variable or directive: ${statement}`);
      }
      continue;
    }
    const rule = parseRule(statement, colon);
    if ("assignment" in rule) {
      for (const target of rule.targets) addVariable(logical, { ...rule.assignment, target });
      continue;
    }
    const { targets, prerequisites, inlineRecipe } = rule;
    const inlineDescription = comment?.startsWith("#") ? comment.replace(/^#+\s*/, "").trim() || undefined : undefined;

    if (targets.includes(".PHONY")) for (const name of prerequisites) phony.add(name);
    if (targets.includes(".EXPORT_ALL_VARIABLES")) exportAll = true;
    const explicit = targets.filter((t) => !SPECIAL_TARGETS.has(t) && !t.includes("%") && !t.includes("$"));
    for (const target of targets.filter((t) => t.includes("$") && !t.includes("%"))) fileTargets.push({ value: target, at: at(logical.line) });
    currentRule = {
      names: explicit,
      prerequisites,
      doubleColon: colon.length === 2,
      description: inlineDescription ?? description,
      conditional: conditionalDepth > 0,
      at: at(logical.line),
      hasRecipe: inlineRecipe,
    };
    rules.push(currentRule);
  }

  const values = variableValues(variables);
  const finalVariables = variables.map((v) =>
    v.value.target ? v : { ...v, value: { ...v.value, exported: !unexportedNames.has(v.value.name) && (v.value.exported || exportAll || exportedNames.has(v.value.name)) } },
  );
  return {
    targets: mergeTargets(rules, phony),
    fileTargets,
    variables: finalVariables,
    includes,
    ...linkerAndBuildFlags(flagSources, finalVariables, values, file, note),
    notes,
  };
}

/** A rule line: its targets and prerequisites, or target-specific variables (`target: NAME = value`). */
function parseRule(
  statement: string,
  colon: { index: number; length: number },
): { targets: string[]; prerequisites: string[]; inlineRecipe: boolean } | { targets: string[]; assignment: Omit<MakeVariable, "target"> } {
  const targets = words(statement.slice(0, colon.index));
  let after = statement.slice(colon.index + colon.length);
  const semicolon = findTopLevel(after, ";");
  const inlineRecipe = semicolon >= 0;
  if (inlineRecipe) after = after.slice(0, semicolon);

  const prefixes = /^\s*(?:(?:export|override|private)\s+)*/.exec(after)![0];
  const assignment = inlineRecipe ? undefined : parseAssignment(after.slice(prefixes.length));
  if (assignment) return { targets, assignment: { ...assignment, exported: /\bexport\b/.test(prefixes) } };

  // A static pattern rule (targets: pattern: prerequisites): the prerequisites follow the pattern.
  const staticPattern = findTopLevelColon(after);
  const prerequisites = words(staticPattern ? after.slice(staticPattern.index + staticPattern.length) : after).filter((w) => w !== "|");
  return { targets, prerequisites, inlineRecipe };
}

/** Where a rule's colon is (`:` or `::`), if the line is a rule; `:=`, `::=` and `:::=` are assignments. */
function findTopLevelColon(text: string): { index: number; length: number } | undefined {
  const index = findTopLevel(text, ":");
  if (index < 0) return undefined;
  const length = text[index + 1] === ":" ? 2 : 1;
  return { index, length };
}

/** NAME op value, when the first of make's `:`/`=` outside references is an assignment operator. */
function parseAssignment(statement: string): { name: string; operator: MakeAssignment; value: string } | undefined {
  const index = findTopLevel(statement, ":=");
  if (index < 0) return undefined;
  let operator: MakeAssignment;
  let nameEnd = index;
  if (statement[index] === "=") {
    const before = statement[index - 1];
    operator = before === "?" || before === "+" || before === "!" ? (`${before}=` as MakeAssignment) : "=";
    if (operator !== "=") nameEnd--;
  } else {
    const op = /^:{1,3}=/.exec(statement.slice(index))?.[0];
    if (!op) return undefined; // a rule's colon
    operator = op as MakeAssignment;
  }
  const name = statement.slice(0, nameEnd).trim();
  if (!name || /\s/.test(name)) return undefined;
  return { name, operator, value: statement.slice(index + (statement[index] === "=" ? 1 : operator.length)).trim() };
}

/** The comment block above a rule as one sentence: `##` lines if any, without banners (# ====). */
function descriptionFrom(comments: string[]): string | undefined {
  if (!comments.length) return undefined;
  // A banner line above a comment block ends it: only the lines after the last banner describe the rule.
  const lastBanner = comments.findLastIndex((c) => /^[#\s=\-*~_]*$/.test(c));
  const block = comments.slice(lastBanner + 1);
  const doubled = block.filter((c) => c.startsWith("#"));
  const lines = (doubled.length ? doubled : block).map((c) => c.replace(/^#+/, "").trim()).filter(Boolean);
  return lines.length ? lines.join(" ") : undefined;
}

function mergeTargets(rules: Rule[], phony: ReadonlySet<string>): Found<MakeTarget>[] {
  const targets = new Map<string, { target: MakeTarget; at: SourceLocation }>();
  for (const rule of rules) {
    for (const name of rule.names) {
      const seen = targets.get(name);
      const description = seen?.target.description ?? stripName(rule.description, name);
      targets.set(name, {
        target: {
          name,
          prerequisites: [...new Set([...(seen?.target.prerequisites ?? []), ...rule.prerequisites])],
          hasRecipe: (seen?.target.hasRecipe ?? false) || rule.hasRecipe,
          ...(description ? { description } : {}),
          phony: phony.has(name),
          // Conditional only when every rule for it is.
          ...((seen ? seen.target.conditional : true) && rule.conditional ? { conditional: true as const } : {}),
          ...(rule.doubleColon ? { doubleColon: true as const } : {}),
        },
        at: seen?.at ?? rule.at,
      });
    }
  }
  return [...targets.values()].map(({ target, at }) => ({ value: target, at }));
}

/** "build: Build the binary" above `build:` (the `## target: text` help convention) describes it as "Build the binary". */
function stripName(description: string | undefined, name: string): string | undefined {
  if (!description) return undefined;
  const prefix = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[:-]\\s*`);
  return description.replace(prefix, "") || undefined;
}

/** Each variable's value as make would have it once the file is read, as far as it can be known here. */
function variableValues(variables: Found<MakeVariable>[]): VariableValues {
  const values = new Map<string, { value: string } | { unknown: string }>();
  const global = variables.filter((v) => !v.value.target);
  // Unconditional assignments first; one under a condition counts only for a name set nowhere else.
  for (const pass of [false, true]) {
    for (const { value: v, at } of global.filter((g) => Boolean(g.value.conditional) === pass)) {
      if (pass && values.has(v.name)) continue;
      const known = values.get(v.name);
      if (v.operator === "!=") values.set(v.name, { unknown: `is the output of a shell command (line ${at.line})` });
      else if (v.operator === "?=" && known) continue;
      else if (v.operator === "+=" && known && "value" in known) values.set(v.name, { value: `${known.value} ${v.value}`.trim() });
      else values.set(v.name, { value: v.value });
    }
  }
  return values;
}

function linkerAndBuildFlags(
  sources: LogicalLine[],
  variables: Found<MakeVariable>[],
  values: VariableValues,
  file: string,
  note: (line: number, message: string) => void,
): Pick<ImportedMakefile, "ldflagsX" | "goFlags"> {
  const ldflagsX: Found<MakeLdflagX>[] = [];
  const goFlags: Found<MakeGoFlag>[] = [];
  const addGoFlag = (flag: GoFlagWritten, line: number) => {
    for (const why of unresolved(flag.value ?? "", values)) note(line, `go build ${flag.flag} ${flag.value}: ${why}; kept as written`);
    goFlags.push({ value: { flag: flag.flag, ...(flag.value !== undefined ? { value: flag.value } : {}) }, at: { file, line } });
  };
  for (const source of sources) {
    for (const x of findXFlags(source.text)) {
      const line = lineAt(source, x.offset);
      const symbol = expandOnce(x.symbol, values);
      const value = expandOnce(x.value, values);
      for (const why of unresolved(`${symbol}=${value}`, values)) note(line, `-X ${x.symbol}: ${why}; kept as written`);
      ldflagsX.push({ value: { symbol, value, written: x.written }, at: { file, line } });
    }
    for (const flag of findGoBuildFlags(source.text, values)) addGoFlag(flag, lineAt(source, flag.offset));
  }
  // An exported GOFLAGS reaches every go build the recipes run.
  for (const v of variables.filter((v) => v.value.name === "GOFLAGS" && v.value.exported)) {
    for (const flag of goFlagsIn(v.value.value, values)) addGoFlag(flag, v.at.line);
  }
  return { ldflagsX, goFlags };
}
