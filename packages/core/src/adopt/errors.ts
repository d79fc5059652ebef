import { showValue } from "../config/errors";
/**
 * What init cannot work around: which option (or input), what it was, what is wrong
 * and what would work. The same fields as config's ConfigProblem, so the CLI prints
 * both kinds of problem the same way.
 */
export interface DetectionProblem {
  readonly option: string;
  readonly value: unknown;
  readonly problem: string;
  readonly example: string;
}

export class DetectionError extends Error implements DetectionProblem {
  public readonly option: string;
  public readonly value: unknown;
  public readonly problem: string;
  public readonly example: string;
  /** message: a sentence for the user; by default "option: problem (got value; example: example)". */
  constructor(p: DetectionProblem, message?: string) {
    super(message ?? `gosynth init: ${p.option}: ${p.problem} (got ${showValue(p.value)}; example: ${p.example})`);
    this.name = "DetectionError";
    this.option = p.option;
    this.value = p.value;
    this.problem = p.problem;
    this.example = p.example;
  }
}
