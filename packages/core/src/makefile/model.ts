import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { FileBase } from "projen/lib/file";
import { RenderedFile } from "../files/rendered-file";

/** Make variable: the command-line goals the delegated Makefile defines. */
const DELEGATED_GOALS = "DELEGATED_GOALS";

/** Where a line of a Makefile comes from. */
export interface MakefileLocation {
  /** The variable defined there. */
  readonly variable?: string;
  /** The target defined there ("help" for the generated help). */
  readonly target?: string;
}

/** A Makefile variable. */
export interface MakeVariableOptions {
  /** "?=" (overridable from the environment, the default), ":=" or "=". */
  readonly operator?: string;
  /** Comment above the variable. */
  readonly comment?: string;
  /** Export it to every recipe's environment. @default false */
  readonly export?: boolean;
}

/** A Makefile target. */
export interface MakeTargetOptions {
  /** One line for `make help`. Targets without one are hidden from help. */
  readonly description?: string;
  readonly prerequisites?: string[];
  /** Recipe lines (without the leading tab). */
  readonly recipe?: string[];
  /** Declare it .PHONY. @default true */
  readonly phony?: boolean;
}

/** One target: name, help text, prerequisites and recipe, all editable. */
export class MakeTarget {
  public readonly name: string;
  public description?: string;
  public readonly phony: boolean;
  private readonly prereqs: string[];
  private readonly lines: string[];

  public constructor(name: string, options: MakeTargetOptions = {}) {
    this.name = name;
    this.description = options.description;
    this.phony = options.phony ?? true;
    this.prereqs = [...(options.prerequisites ?? [])];
    this.lines = [...(options.recipe ?? [])];
  }

  public get prerequisites(): string[] {
    return [...this.prereqs];
  }

  public get recipe(): string[] {
    return [...this.lines];
  }

  public addPrerequisite(...names: string[]): MakeTarget {
    for (const name of names) if (!this.prereqs.includes(name)) this.prereqs.push(name);
    return this;
  }

  public addRecipe(...lines: string[]): MakeTarget {
    this.lines.push(...lines);
    return this;
  }

  public render(): string {
    const head = `${this.name}:${this.prereqs.length ? ` ${this.prereqs.join(" ")}` : ""}`;
    const lines = [...(this.description ? [`## ${this.description}`] : []), ...(this.phony ? [`.PHONY: ${this.name}`] : []), head];
    return [...lines, ...this.lines.map((l) => `\t${l}`)].join("\n");
  }
}

interface MakeVariable {
  readonly name: string;
  readonly value: string;
  readonly operator: string;
  readonly comment?: string;
  readonly export: boolean;
}

/** Props of a Makefile. */
export interface MakefileProps {
  /** Path of the file. @default "Makefile" */
  readonly filePath?: string;
}

/**
 * A Makefile as variables and targets. `make` with no target prints `make help`,
 * which lists every described target; the help text is rendered at synthesis,
 * so it needs no awk/sed at run time. It owns its file.
 */
export class Makefile extends Component {
  private readonly variables: MakeVariable[] = [];
  private readonly targetList: MakeTarget[] = [];
  private delegate?: { readonly file: string; readonly targets: readonly string[]; readonly defaultGoal?: string };

  private readonly output: RenderedFile;

  public constructor(scope: IConstruct, id: string, props: MakefileProps = {}) {
    super(scope, id);
    this.output = new RenderedFile(this, props.filePath ?? "Makefile", (marker) => this.layout(marker).text, { markerComment: "#" });
  }

  /** The file it writes. */
  public get file(): FileBase {
    return this.output;
  }

  /** Path of the file in the project. */
  public get path(): string {
    return this.file.path;
  }

  /** Add or replace a variable. */
  public addVariable(name: string, value: string, options: MakeVariableOptions = {}): void {
    const existing = this.variables.findIndex((v) => v.name === name);
    const variable = { name, value, operator: options.operator ?? "?=", comment: options.comment, export: options.export ?? false };
    if (existing >= 0) this.variables.splice(existing, 1, variable);
    else this.variables.push(variable);
  }

  /** The value of a variable, if defined. */
  public variable(name: string): string | undefined {
    return this.variables.find((v) => v.name === name)?.value;
  }

  /** Add a target (error if one with this name exists). */
  public addTarget(name: string, options: MakeTargetOptions = {}): MakeTarget {
    if (this.tryFindTarget(name)) throw new Error(`${this.path} already has a target "${name}"`);
    const target = new MakeTarget(name, options);
    this.targetList.push(target);
    return target;
  }

  public tryFindTarget(name: string): MakeTarget | undefined {
    return this.targetList.find((t) => t.name === name);
  }

  /** The target with this name; throws with the known names if there is none. */
  public target(name: string): MakeTarget {
    const target = this.tryFindTarget(name);
    if (!target) throw new Error(`${this.path} has no target "${name}" (it has: ${this.targetNames.join(", ")})`);
    return target;
  }

  public removeTarget(name: string): void {
    this.targetList.splice(this.targetList.indexOf(this.target(name)), 1);
  }

  public get targetNames(): string[] {
    return this.targetList.map((t) => t.name);
  }

  /**
   * Runs the targets of another (hand-written) Makefile: `make x` runs
   * `make -f <file> x` for each of its targets, and for any other unknown
   * target. Where both define a target, the other file's wins: this one's is
   * renamed `gosynth-<name>`. A separate make process keeps both files'
   * variables apart. `make` alone then runs defaultGoal (the other file's own
   * default), as it did before.
   */
  public delegateTo(file: string, targets: string[], defaultGoal?: string): void {
    this.delegate = { file, targets: [...targets], ...(defaultGoal ? { defaultGoal } : {}) };
  }

  /** The targets as rendered: delegated ones, and this file's (renamed where a delegated one takes the name). */
  private renderedTargets(): MakeTarget[] {
    const d = this.delegate;
    if (!d) return this.targetList;
    const taken = new Set(d.targets);
    const own = this.targetList.map((t) =>
      taken.has(t.name) ? new MakeTarget(`gosynth-${t.name}`, { description: t.description && `${t.description} (gosynth's; ${d.file} has ${t.name})`, prerequisites: t.prerequisites, recipe: t.recipe, phony: t.phony }) : t,
    );
    // Goals given together (make migrate seed) run in one sub-make, in their order, as the other
    // file ran them (a shared prerequisite once); the first delegated goal runs them all.
    const make = `$(MAKE) --no-print-directory -f ${d.file}`;
    const recipe = `@$(if $(filter $@,$(${DELEGATED_GOALS})),$(if $(filter $@,$(firstword $(${DELEGATED_GOALS}))),${make} $(${DELEGATED_GOALS}),:),${make} $@)`;
    const delegated = d.targets.map((name) => new MakeTarget(name, { description: `${d.file}: ${name}`, recipe: [recipe] }));
    return [...own, ...delegated];
  }

  /** The generated help target's name: "help", unless the delegated Makefile has its own. */
  private get helpName(): string {
    return this.delegate?.targets.includes("help") ? "gosynth-help" : "help";
  }

  private renderHelp(targets: MakeTarget[]): string {
    const described = targets.filter((t) => t.description);
    const width = Math.max(...described.map((t) => t.name.length), 4);
    const lines = described.map((t) => `\t@printf '  %-${width}s  %s\\n' '${t.name}' '${t.description!.replace(/'/g, "'\\''")}'`);
    const name = this.helpName;
    return [`## Show this help${name === "help" ? " (the default goal)" : ""}`, `.PHONY: ${name}`, `${name}:`, "\t@printf 'Usage: make <target>\\n\\nTargets:\\n'", ...lines].join("\n");
  }

  /** The Makefile text, as synthesis writes it. */
  public render(): string {
    return this.output.render();
  }

  /** What renders at a 1-based line: a variable, a target, or the generated help. */
  public locate(line: number): MakefileLocation | undefined {
    const span = this.layout(this.output.markerLine).spans.find((s) => line >= s.first && line <= s.last);
    return span?.location;
  }

  /** Lines of the text and the span of each variable and target; render() and locate() share it. */
  private layout(marker: string | undefined): { text: string; spans: { location: MakefileLocation; first: number; last: number }[] } {
    const lines: string[] = [];
    const spans: { location: MakefileLocation; first: number; last: number }[] = [];
    const block = (text: string, location?: MakefileLocation, separate = true) => {
      if (separate && lines.length > 0) lines.push("");
      const first = lines.length + 1;
      lines.push(...text.split("\n"));
      if (location) spans.push({ location, first, last: lines.length });
    };
    if (marker) block(marker);
    block(`.DEFAULT_GOAL := ${this.delegate?.defaultGoal ?? "help"}`);
    for (const [i, v] of this.variables.entries()) {
      // Variables form one block: no blank line between them.
      block(`${v.comment ? `# ${v.comment}\n` : ""}${v.export ? "export " : ""}${v.name} ${v.operator} ${v.value}`, { variable: v.name }, i === 0);
    }
    if (this.delegate) {
      block(`# The goals of this make run that ${this.delegate.file} defines.\n${DELEGATED_GOALS} := $(filter ${this.delegate.targets.join(" ")},$(MAKECMDGOALS))`, { variable: DELEGATED_GOALS });
    }
    const targets = this.renderedTargets();
    block(this.renderHelp(targets), { target: this.helpName });
    for (const t of targets) block(t.render(), { target: t.name });
    // Any other target (a file target, a pattern rule) is the hand-written Makefile's.
    if (this.delegate) block(`.DEFAULT:\n\t@$(MAKE) --no-print-directory -f ${this.delegate.file} $@`, { target: ".DEFAULT" });
    return { text: lines.join("\n") + "\n", spans };
  }
}
