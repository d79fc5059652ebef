import { Instruction } from "./instruction";

/**
 * A build stage: its FROM and the instructions after it. Instructions with an
 * id can be found, and new ones placed before or after them.
 */
export class DockerfileStage {
  /** Stage name ("build", "test", "runtime"...), used by COPY --from and --target. */
  public readonly name: string;
  private fromInstruction: Instruction;
  private readonly body: Instruction[] = [];

  public constructor(name: string, from: Instruction) {
    this.name = name;
    this.fromInstruction = from;
  }

  /** The FROM instruction. */
  public get from(): Instruction {
    return this.fromInstruction;
  }

  /** Replace the FROM instruction (e.g. another base image). */
  public replaceFrom(from: Instruction): void {
    this.fromInstruction = from;
  }

  /** The instructions after FROM, in order. */
  public get instructions(): Instruction[] {
    return [...this.body];
  }

  /** Append instructions. */
  public add(...instructions: Instruction[]): DockerfileStage {
    this.body.push(...instructions);
    return this;
  }

  /** Find an instruction by id. */
  public find(id: string): Instruction | undefined {
    return this.body.find((i) => i.id === id);
  }

  /** The instruction with this id. Throws with the known ids if there is none. */
  public instruction(id: string): Instruction {
    return this.body[this.indexOf(id)];
  }

  /** Insert before the instruction with this id. Throws if there is none. */
  public insertBefore(id: string, ...instructions: Instruction[]): DockerfileStage {
    this.body.splice(this.indexOf(id), 0, ...instructions);
    return this;
  }

  /** Insert after the instruction with this id. Throws if there is none. */
  public insertAfter(id: string, ...instructions: Instruction[]): DockerfileStage {
    this.body.splice(this.indexOf(id) + 1, 0, ...instructions);
    return this;
  }

  /** Remove the instruction with this id. Throws if there is none. */
  public remove(id: string): DockerfileStage {
    this.body.splice(this.indexOf(id), 1);
    return this;
  }

  /** Replace the instruction with this id. Throws if there is none. */
  public replace(id: string, instruction: Instruction): DockerfileStage {
    this.body.splice(this.indexOf(id), 1, instruction);
    return this;
  }

  /** Ids of the instructions, in order (for discovery). */
  public get ids(): string[] {
    return this.body.map((i) => i.id).filter((id): id is string => id !== undefined);
  }

  /** Stage text. */
  public render(withComments: boolean): string {
    return [this.fromInstruction, ...this.body].map((i) => i.render(withComments)).join("\n");
  }

  private indexOf(id: string): number {
    const index = this.body.findIndex((i) => i.id === id);
    if (index < 0) {
      throw new Error(`Dockerfile stage "${this.name}" has no instruction "${id}" (it has: ${this.ids.join(", ")})`);
    }
    return index;
  }
}
