import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { GoServiceProjectOptions } from "../config/options";

// The options of GoServiceProject as their own declaration states them (the
// jsii assembly: names, types, @example and @probe docs), turned into other
// valid values to try: explain finds what a line depends on by changing each.

interface JsiiType {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: string };
}

interface JsiiProperty {
  readonly name: string;
  readonly type: JsiiType;
  readonly docs?: { readonly example?: string; readonly custom?: { readonly [tag: string]: string } };
}

interface EnumMember {
  readonly name: string;
  readonly docs?: { readonly summary?: string };
}

interface Assembly {
  readonly types: {
    readonly [fqn: string]: { readonly kind: string; readonly properties?: JsiiProperty[]; readonly members?: EnumMember[]; readonly locationInModule?: { readonly filename: string } };
  };
}

const OPTIONS_FQN = "@gosynth/core.GoServiceProjectOptions";

let cached: Assembly | undefined;

/** The assembly of this package (written by its build, shipped in the package). */
function assembly(): Assembly {
  const file = join(__dirname, "..", "..", ".jsii");
  if (!existsSync(file)) throw new Error(`${file} is missing: build @gosynth/core (npm run build) first`);
  cached ??= JSON.parse(readFileSync(file, "utf-8")) as Assembly;
  return cached;
}

/** Where the assembly says a type is defined ("src/dockerfile/service-dockerfile.ts"). */
export function typeLocation(fqn: string): string | undefined {
  return assembly().types[fqn]?.locationInModule?.filename;
}

/** One option and the alternative values (or option sets) to try for it. */
export interface OptionProbe {
  readonly option: string;
  /** Option overrides, each a valid other value of the option (and what it needs with it). */
  readonly candidates: Partial<GoServiceProjectOptions>[];
  /** Project files the candidates need (@probeFiles: path to text). */
  readonly files?: { readonly [path: string]: string };
}

/** An @example or @probe text, evaluated with this package's exports in scope ("BaseImage.SCRATCH", "HealthCheck.http(\"/x\")"). */
function evaluate(text: string, scope: Record<string, unknown>): unknown {
  const names = Object.keys(scope);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(...names, `return (${text});`)(...names.map((n) => scope[n]));
}

const NUMBERS = [9091, 3, 20001];

/**
 * Every option GoServiceProject declares itself (not projen's), with the
 * values to try: @probe (an object of options set together) when the option
 * needs company, else by type (both booleans, every enum member, a few
 * numbers), else its @example. An option with none is returned with no
 * candidates (the explain test fails on it).
 */
export function optionProbes(exportsScope: Record<string, unknown>): OptionProbe[] {
  const types = assembly().types;
  const options = types[OPTIONS_FQN]?.properties ?? [];
  return options.map((p): OptionProbe => {
    const custom = p.docs?.custom?.probe;
    const files = p.docs?.custom?.probeFiles;
    if (custom) {
      return { option: p.name, candidates: [evaluate(custom, exportsScope) as Partial<GoServiceProjectOptions>], ...(files ? { files: evaluate(files, exportsScope) as Record<string, string> } : {}) };
    }
    const type = p.type;
    let values: unknown[] = [];
    if (type.primitive === "boolean") values = [true, false];
    else if (type.primitive === "number") values = NUMBERS;
    else if (type.fqn && types[type.fqn]?.kind === "enum") {
      const enumObject = exportsScope[type.fqn.split(".").pop()!] as Record<string, unknown>;
      values = (types[type.fqn].members ?? []).map((m) => enumObject[m.name]);
    } else if (p.docs?.example) values = [evaluate(p.docs.example, exportsScope)];
    return { option: p.name, candidates: values.map((v) => ({ [p.name]: v }) as Partial<GoServiceProjectOptions>) };
  });
}

/** An enum of this package with each member's value and its doc summary (for prompts and help). */
export function enumChoices(name: string, exportsScope: Record<string, unknown>): { readonly value: string; readonly summary: string }[] {
  const members = assembly().types[`@gosynth/core.${name}`]?.members ?? [];
  const values = exportsScope[name] as Record<string, string>;
  return members.map((m) => ({ value: values[m.name], summary: m.docs?.summary ?? "" }));
}
