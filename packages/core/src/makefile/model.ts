import { FileBase, IResolver, Project } from "projen";

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

/**
 * A Makefile as variables and targets. `make` with no target prints `make help`,
 * which lists every described target; the help text is rendered at synthesis,
 * so it needs no awk/sed at run time.
 */
export class Makefile extends FileBase {
  private readonly variables: MakeVariable[] = [];
  private readonly targetList: MakeTarget[] = [];

  public constructor(project: Project, filePath = "Makefile") {
    super(project, filePath, { readonly: true, marker: true });
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

  private renderHelp(): string {
    const described = this.targetList.filter((t) => t.description);
    const width = Math.max(...described.map((t) => t.name.length), 4);
    const lines = described.map((t) => `\t@printf '  %-${width}s  %s\\n' '${t.name}' '${t.description!.replace(/'/g, "'\\''")}'`);
    return ["## Show this help (the default goal)", ".PHONY: help", "help:", "\t@printf 'Usage: make <target>\\n\\nTargets:\\n'", ...lines].join("\n");
  }

  public render(): string {
    return this.layout().text;
  }

  /** What renders at a 1-based line: a variable, a target, or the generated help. */
  public locate(line: number): MakefileLocation | undefined {
    const span = this.layout().spans.find((s) => line >= s.first && line <= s.last);
    return span?.location;
  }

  /** Lines of the text and the span of each variable and target; render() and locate() share it. */
  private layout(): { text: string; spans: { location: MakefileLocation; first: number; last: number }[] } {
    const lines: string[] = [];
    const spans: { location: MakefileLocation; first: number; last: number }[] = [];
    const block = (text: string, location?: MakefileLocation, separate = true) => {
      if (separate && lines.length > 0) lines.push("");
      const first = lines.length + 1;
      lines.push(...text.split("\n"));
      if (location) spans.push({ location, first, last: lines.length });
    };
    if (this.marker) block(`# ${this.marker}`);
    block(".DEFAULT_GOAL := help");
    for (const [i, v] of this.variables.entries()) {
      // Variables form one block: no blank line between them.
      block(`${v.comment ? `# ${v.comment}\n` : ""}${v.export ? "export " : ""}${v.name} ${v.operator} ${v.value}`, { variable: v.name }, i === 0);
    }
    block(this.renderHelp(), { target: "help" });
    for (const t of this.targetList) block(t.render(), { target: t.name });
    return { text: lines.join("\n") + "\n", spans };
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    return this.render();
  }
}
