import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { FileBase } from "projen/lib/file";
import type { GoServiceProjectOptions } from "../config/options";
import { PINS_FILE } from "../config/pins";
import { Dockerfile } from "../dockerfile/dockerfile";
import { Makefile } from "../makefile/model";
import * as core from "../index";
import { GoServiceProject } from "../project";
import { optionProbes, typeLocation } from "./option-probes";
import { yamlElement, yamlLinePaths } from "./yaml-paths";

/** Where one generated line comes from. */
export interface LineExplanation {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** The gosynth construct that writes the file (or "projen" for projen's own files). */
  readonly construct: string;
  /** Its source in @gosynth/core (or "projen" for projen's own files). */
  readonly source: string;
  /** The element of the file the line belongs to: an instruction id, a variable or target, a key path. */
  readonly element: string;
  /** Options of .projenrc.ts that change this element, found by changing each one. */
  readonly dependsOn: string[];
}

/** This package's own exports: what @example and @probe texts are evaluated with. */
function coreExports(): Record<string, unknown> {
  return { ...core };
}

/** gosynth's constructs: the classes this package exports that are projen components. */
function isGosynthConstruct(c: IConstruct, exported: Set<unknown>): c is Component {
  return c instanceof Component && !(c instanceof FileBase) && exported.has(c.constructor);
}

/**
 * The gosynth construct that writes a file: its nearest owner in the construct
 * tree, else (a file projen makes for it, like a workflow's) the construct that
 * holds the file's object.
 */
export function ownerOf(project: GoServiceProject, file: FileBase): Component | undefined {
  const exported = new Set(Object.values(coreExports()));
  const scopes = file.node.scopes.slice(0, -1).reverse();
  const owner = scopes.find((s) => isGosynthConstruct(s, exported));
  if (owner) return owner as Component;
  const holds = (value: unknown, depth: number): boolean =>
    value === file || (depth > 0 && typeof value === "object" && value !== null && Object.values(value).some((v) => holds(v, depth - 1)));
  return project.components.find((c) => isGosynthConstruct(c, exported) && holds(c, 2));
}

/** The source file (in @gosynth/core) that defines a construct's class, as the jsii assembly records it. */
function sourceOf(construct: Component): string {
  const filename = typeLocation(`@gosynth/core.${construct.constructor.name}`);
  return filename ? `packages/core/${filename}` : "packages/core/src";
}

/** The element a line belongs to, as a key that finds it in another rendering of the same file. */
function elementAt(owner: Component | undefined, path: string, text: string, line: number): string {
  if (owner instanceof Dockerfile) {
    const at = owner.locate(line);
    if (!at) return "(header)";
    const i = at.instruction;
    const index = at.stage ? owner.stage(at.stage).instructions.indexOf(i) : -1;
    return i.id ? `instruction ${i.id}` : at.stage && index < 0 ? `stage ${at.stage} (FROM)` : `stage ${at.stage ?? "(global)"} #${index + 1} (${i.keyword})`;
  }
  if (owner instanceof Makefile) {
    const at = owner.locate(line);
    return at?.variable ? `variable ${at.variable}` : at?.target ? `target ${at.target}` : "(header)";
  }
  if (/\.ya?ml$/.test(path)) return `key ${yamlLinePaths(text)[line - 1] || "(header)"}`;
  return "(whole file)";
}

/** The rendered text of an element (from elementAt), or undefined when it is not there. */
function elementText(owner: Component | undefined, text: string | undefined, element: string): string | undefined {
  if (text === undefined) return undefined;
  if (owner instanceof Dockerfile) {
    const instruction = /^instruction (\S+)$/.exec(element);
    if (instruction) {
      try {
        return owner.instruction(instruction[1]).render(true);
      } catch {
        return undefined;
      }
    }
    const from = /^stage (\S+) \(FROM\)$/.exec(element);
    if (from) return owner.tryFindStage(from[1])?.from.render(true);
    const nth = /^stage (\S+) #(\d+)/.exec(element);
    if (nth) return owner.tryFindStage(nth[1])?.instructions[Number(nth[2]) - 1]?.render(true);
  }
  if (owner instanceof Makefile) {
    const variable = /^variable (\S+)$/.exec(element);
    if (variable) return owner.variable(variable[1]);
    const target = /^target (.+)$/.exec(element);
    if (target) return target[1] === "help" ? text : owner.tryFindTarget(target[1])?.render();
  }
  const key = /^key (.+)$/.exec(element);
  if (key) return yamlElement(text, key[1]);
  return text;
}

interface Variant {
  readonly project: GoServiceProject;
  read(path: string): string | undefined;
}

/** Variants already synthesized, per options object: one explain session asks for the same ones line after line. */
const variants = new WeakMap<GoServiceProjectOptions, Map<string, Variant | Error>>();

/** Synthesizes the project's options (with overrides) into a temporary directory and keeps the texts. */
function synthesizeVariant(base: VariantBase, overrides: Partial<GoServiceProjectOptions>, files: { readonly [path: string]: string } = {}): Variant {
  const { options } = base;
  const seen = variants.get(options) ?? new Map<string, Variant | Error>();
  variants.set(options, seen);
  const key = JSON.stringify([overrides, files]);
  const known = seen.get(key);
  if (known instanceof Error) throw known;
  if (known) return known;
  const outdir = mkdtempSync(join(tmpdir(), "gosynth-explain-"));
  // The project's own inputs (go.mod, pins), so a variant differs from it by the overrides only.
  for (const input of ["go.mod", PINS_FILE]) if (existsSync(join(base.outdir, input))) copyFileSync(join(base.outdir, input), join(outdir, input));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(outdir, path), text);
  // Files only: no npm install of a scratch copy.
  const post = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = "true";
  try {
    const project = new GoServiceProject({ ...options, ...overrides, parent: undefined, outdir, starterCode: false });
    project.synth();
    const texts = new Map(project.files.flatMap((f) => (existsSync(join(outdir, f.path)) ? [[f.path, readFileSync(join(outdir, f.path), "utf-8")] as const] : [])));
    const variant = { project, read: (path: string) => texts.get(path) };
    seen.set(key, variant);
    return variant;
  } catch (e) {
    seen.set(key, e as Error);
    throw e;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    if (post === undefined) delete process.env.PROJEN_DISABLE_POST;
    else process.env.PROJEN_DISABLE_POST = post;
  }
}

/** The project a variant starts from. */
interface VariantBase {
  readonly options: GoServiceProjectOptions;
  readonly outdir: string;
}

/** The element's text in a variant of the project. */
function variantElement(base: VariantBase, overrides: Partial<GoServiceProjectOptions>, path: string, element: string, files?: { readonly [path: string]: string }): string | undefined {
  const variant = synthesizeVariant(base, overrides, files);
  const file = variant.project.tryFindFile(path);
  return elementText(file ? ownerOf(variant.project, file) : undefined, variant.read(path), element);
}

/**
 * Explains one line of a synthesized file: the construct that writes it (from
 * the construct tree), its source, the element (instruction id, variable,
 * target, key path) and the options it depends on (every option the options'
 * declaration names, each changed to another valid value). The project must
 * have been synthesized.
 */
export function explainLine(project: GoServiceProject, path: string, line: number): LineExplanation {
  const file = project.tryFindFile(path);
  if (!file) {
    const known = project.files.map((f) => f.path).sort().join(", ");
    throw new Error(`${path} is not a file gosynth generates (it generates: ${known})`);
  }
  const text = readFileSync(join(project.outdir, path), "utf-8");
  const count = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (!Number.isInteger(line) || line < 1 || line > count) throw new Error(`${path} has ${count} lines; line ${line} is not one of them`);
  const owner = ownerOf(project, file);
  const element = elementAt(owner, path, text, line);
  const base = { options: project.options, outdir: project.outdir };
  const original = variantElement(base, {}, path, element);
  const dependsOn: string[] = [];
  for (const probe of optionProbes(coreExports())) {
    for (const overrides of probe.candidates) {
      let changed: string | undefined;
      try {
        changed = variantElement(base, overrides, path, element, probe.files);
      } catch {
        continue; // not a valid value for this project: try the next
      }
      if (changed !== original) {
        dependsOn.push(probe.option);
        break;
      }
    }
  }
  return {
    file: path,
    line,
    text: text.split("\n")[line - 1],
    construct: owner?.constructor.name ?? "projen",
    source: owner ? sourceOf(owner) : "projen (a file projen itself manages)",
    element,
    dependsOn,
  };
}
