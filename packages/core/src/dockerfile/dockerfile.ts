import type { IConstruct } from "constructs";
import { Component } from "projen/lib/component";
import { FileBase } from "projen/lib/file";
import { RenderedFile } from "../files/rendered-file";
import { Instruction } from "./instruction";
import { DockerfileStage } from "./stage";

/** Props of a Dockerfile. */
export interface DockerfileProps {
  /** Path of the file in the project. @default "Dockerfile" */
  readonly filePath?: string;
  /** Render each instruction's "why" comment. @default true */
  readonly explainComments?: boolean;
  /** The `# syntax=` parser directive. @default "docker/dockerfile:1" */
  readonly syntax?: string;
}

/** Where a line of a Dockerfile comes from. */
export interface DockerfileLocation {
  readonly instruction: Instruction;
  /** The stage it belongs to (none for a global ARG). */
  readonly stage?: string;
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
 * It owns its file, rendered at synthesis, read-only and marked as generated.
 */
export class Dockerfile extends Component {
  /** ARGs before the first FROM (usable in FROM lines). */
  public readonly globalArgs: Instruction[] = [];
  private readonly stageList: DockerfileStage[] = [];
  private readonly explainComments: boolean;
  private readonly syntax: string;

  private readonly output: RenderedFile;

  public constructor(scope: IConstruct, id: string, props: DockerfileProps = {}) {
    super(scope, id);
    this.explainComments = props.explainComments ?? true;
    this.syntax = props.syntax ?? "docker/dockerfile:1";
    this.output = new RenderedFile(this, props.filePath ?? "Dockerfile", (marker) => this.layout(marker).text, { markerComment: "#" });
  }

  /** The file it writes. */
  public get file(): FileBase {
    return this.output;
  }

  /** Path of the file in the project. */
  public get path(): string {
    return this.file.path;
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

  /** The Dockerfile text, as synthesis writes it. */
  public render(): string {
    return this.output.render();
  }

  /** What renders at a 1-based line: the instruction (its comment lines count as its own) and its stage. */
  public locate(line: number): DockerfileLocation | undefined {
    const span = this.layout(this.output.markerLine).spans.find((s) => line >= s.first && line <= s.last);
    return span ? { instruction: span.instruction, ...(span.stage ? { stage: span.stage } : {}) } : undefined;
  }

  /** Lines of the text and the span of each instruction; render() and locate() share it, so they cannot disagree. */
  private layout(marker: string | undefined): { text: string; spans: { instruction: Instruction; stage?: string; first: number; last: number }[] } {
    // The parser directive must be the first line; the marker follows it.
    const lines = [`# syntax=${this.syntax}`, ...(marker ? [marker] : [])];
    const spans: { instruction: Instruction; stage?: string; first: number; last: number }[] = [];
    const add = (instruction: Instruction, stage?: string) => {
      const first = lines.length + 1;
      lines.push(...instruction.render(this.explainComments).split("\n"));
      spans.push({ instruction, stage, first, last: lines.length });
    };
    if (this.globalArgs.length > 0) {
      lines.push("");
      for (const arg of this.globalArgs) add(arg);
    }
    for (const stage of this.stageList) {
      lines.push("");
      add(stage.from, stage.name);
      for (const instruction of stage.instructions) add(instruction, stage.name);
    }
    return { text: lines.join("\n") + "\n", spans };
  }
}
