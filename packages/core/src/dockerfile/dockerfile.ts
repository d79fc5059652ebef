import { FileBase, IResolver, Project } from "projen";
import { Instruction } from "./instruction";
import { DockerfileStage } from "./stage";

/** Options of a Dockerfile file. */
export interface DockerfileOptions {
  /** Render each instruction's "why" comment. @default true */
  readonly explainComments?: boolean;
  /** The `# syntax=` parser directive. @default "docker/dockerfile:1" */
  readonly syntax?: string;
}

/** Where to add a stage. */
export interface AddStageOptions {
  /** Put the new stage before the stage with this name (default: before the last stage, so the runtime stays the default target). */
  readonly before?: string;
  /** Put it at the very end (it becomes the default build target). @default false */
  readonly last?: boolean;
}

/**
 * A Dockerfile as a typed model: global ARGs, then stages of instructions.
 * Rendered to text at synthesis, read-only and marked as generated.
 */
export class Dockerfile extends FileBase {
  /** ARGs before the first FROM (usable in FROM lines). */
  public readonly globalArgs: Instruction[] = [];
  private readonly stageList: DockerfileStage[] = [];
  private readonly explainComments: boolean;
  private readonly syntax: string;

  public constructor(project: Project, filePath: string, options: DockerfileOptions = {}) {
    super(project, filePath, { readonly: true, marker: true });
    this.explainComments = options.explainComments ?? true;
    this.syntax = options.syntax ?? "docker/dockerfile:1";
  }

  /** The stages, in order. */
  public get stages(): DockerfileStage[] {
    return [...this.stageList];
  }

  /** The stage with this name. Throws with the known names if there is none. */
  public stage(name: string): DockerfileStage {
    const stage = this.tryFindStage(name);
    if (!stage) {
      throw new Error(`${this.path} has no stage "${name}" (it has: ${this.stageList.map((s) => s.name).join(", ")})`);
    }
    return stage;
  }

  public tryFindStage(name: string): DockerfileStage | undefined {
    return this.stageList.find((s) => s.name === name);
  }

  /**
   * The instruction with this id in any stage, e.g. `instruction("build.compile").addMount(...)`.
   * Throws with every known id if there is none.
   */
  public instruction(id: string): Instruction {
    for (const stage of this.stageList) {
      const found = stage.find(id);
      if (found) return found;
    }
    throw new Error(`${this.path} has no instruction "${id}" (it has: ${this.stageList.flatMap((s) => s.ids).join(", ")})`);
  }

  /** Add a stage; by default before the final (runtime) stage. */
  public addStage(stage: DockerfileStage, options: AddStageOptions = {}): DockerfileStage {
    if (this.tryFindStage(stage.name)) throw new Error(`${this.path} already has a stage "${stage.name}"`);
    if (options.last || this.stageList.length === 0) {
      this.stageList.push(stage);
    } else {
      const index = options.before !== undefined ? this.stageList.indexOf(this.stage(options.before)) : this.stageList.length - 1;
      this.stageList.splice(index, 0, stage);
    }
    return stage;
  }

  /** Remove a stage by name. */
  public removeStage(name: string): void {
    this.stageList.splice(this.stageList.indexOf(this.stage(name)), 1);
  }

  /** Add an ARG before the first FROM. */
  public addGlobalArg(arg: Instruction): void {
    this.globalArgs.push(arg);
  }

  /** The Dockerfile text. */
  public render(): string {
    const head = [`# syntax=${this.syntax}`];
    if (this.marker) head.push(`# ${this.marker}`);
    const blocks = [head.join("\n")];
    if (this.globalArgs.length > 0) blocks.push(this.globalArgs.map((a) => a.render(this.explainComments)).join("\n"));
    blocks.push(...this.stageList.map((s) => s.render(this.explainComments)));
    return blocks.join("\n\n") + "\n";
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    return this.render();
  }
}
