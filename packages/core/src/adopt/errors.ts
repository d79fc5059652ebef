import { type ConfigProblem, formatProblem } from "../util/problems";

/**
 * What init cannot work around: which option (or input), what it was, what is wrong
 * and what would work: a ConfigProblem, printed the same way.
 */
export type DetectionProblem = ConfigProblem;

export class DetectionError extends Error implements DetectionProblem {
  public readonly option: string;
  public readonly value: unknown;
  public readonly problem: string;
  public readonly example: string;
  /** message: a sentence for the user; by default "option: problem (got value; example: example)". */
  constructor(p: DetectionProblem, message?: string) {
    super(message ?? `gosynth init: ${formatProblem(p)}`);
    this.name = "DetectionError";
    this.option = p.option;
    this.value = p.value;
    this.problem = p.problem;
    this.example = p.example;
  }
}
